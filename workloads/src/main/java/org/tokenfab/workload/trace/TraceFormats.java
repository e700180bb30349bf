package org.tokenfab.workload.trace;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.tokenfab.sim.DidYouMean;
import org.tokenfab.sim.TokenFabException;

/**
 * The trace formats by the names used in YAML and on the command line: {@code azure},
 * {@code mooncake}, {@code burstgpt}, {@code bailian}, {@code servegen}. A plain map of factories
 * (no reflection, no service loading).
 */
public final class TraceFormats {
    /**
     * How to open a reader.
     *
     * @param skipMalformed skip and count malformed rows instead of stopping
     * @param rng random stream for generators ({@code servegen}); null for pure readers
     */
    public record ReadOptions(boolean skipMalformed, UniformRandomProvider rng) {
        public static final ReadOptions STRICT = new ReadOptions(false, null);
    }

    /** Opens a reader of one format. */
    @FunctionalInterface
    public interface Factory {
        TraceReader open(TraceInput input, ReadOptions options);
    }

    private static final Map<String, Factory> FORMATS = new LinkedHashMap<>();
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        register("azure", "Azure LLM inference CSV (2023, 2024 and 2025 multimodal timestamp forms)",
                (in, o) -> new AzureTraceReader(in, o.skipMalformed()));
        register("mooncake", "Mooncake CSV or JSONL with 512-token prefix-block hash_ids",
                (in, o) -> new MooncakeTraceReader(in, o.skipMalformed()));
        register("burstgpt", "BurstGPT CSV, columns by header name, failed rows flagged",
                (in, o) -> new BurstGptTraceReader(in, o.skipMalformed()));
        register("bailian", "Qwen-Bailian JSONL with sessions (parent ids) and 16-token prefix blocks",
                (in, o) -> new BailianTraceReader(in, o.skipMalformed()));
        register("servegen", "ServeGen client windows CSV: a generator of per-client Gamma/Weibull arrivals",
                (in, o) -> {
                    if (o.rng() == null) {
                        throw new TokenFabException("format 'servegen' generates arrivals and needs a random stream");
                    }
                    return ServeGenGenerator.open(in, o.rng());
                });
    }

    private TraceFormats() {
    }

    private static void register(String name, String description, Factory factory) {
        FORMATS.put(name, factory);
        DESCRIPTIONS.put(name, description);
    }

    /** Known format names, in a stable order. */
    public static Set<String> names() {
        return FORMATS.keySet();
    }

    /** One-line description of a format. */
    public static String description(String name) {
        return DESCRIPTIONS.get(factoryName(name));
    }

    /**
     * The factory of a format.
     *
     * @throws TokenFabException naming the known formats (and the likely intended one)
     */
    public static Factory factory(String name) {
        return FORMATS.get(factoryName(name));
    }

    /** Opens {@code input} in the named format. */
    public static TraceReader open(String format, TraceInput input, ReadOptions options) {
        return factory(format).open(input, options);
    }

    /** Opens {@code input} in the named format with replay options applied while streaming. */
    public static TraceReader open(String format, TraceInput input, ReadOptions options, ReplayOptions replay) {
        Factory f = factory(format);
        if (replay.isIdentity()) {
            return f.open(input, options);
        }
        return ReplayingTraceReader.open(() -> f.open(input, options), replay);
    }

    private static String factoryName(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (!FORMATS.containsKey(key)) {
            throw new TokenFabException("unknown trace format '" + name + "'" + DidYouMean.clause(String.valueOf(name), FORMATS.keySet())
                    + "; known formats: " + String.join(", ", FORMATS.keySet()));
        }
        return key;
    }
}
