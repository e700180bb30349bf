package org.tokenfab.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Confidence;
import org.tokenfab.hardware.ModelSpec;
import org.tokenfab.hardware.Precision;
import org.tokenfab.hardware.Provenance;
import org.tokenfab.hardware.SystemSpec;
import org.tokenfab.sim.DidYouMean;
import org.tokenfab.sim.TokenFabException;

/** {@code tokenfab catalog}: what the bundled catalogs hold, every number with its source. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = {"List accelerators, models and systems, or show one entry with its sources.",
                "Every number comes with its source and confidence. FLOPS are dense (never the 2x sparse",
                "headline).", ""},
        footer = {"", "Examples:",
                "  tokenfab catalog                       # counts and ids",
                "  tokenfab catalog accelerators          # one line per accelerator",
                "  tokenfab catalog accelerators b200     # every field of b200, with sources",
                "  tokenfab catalog models deepseek-v3"})
final class CatalogCommand implements Callable<Integer> {
    private static final List<String> KINDS = List.of("accelerators", "models", "systems");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "accelerators, models or systems.")
    String kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "Show this entry in full.")
    String id;

    @Override
    public Integer call() {
        Catalog catalog = Catalog.builtIn();
        PrintWriter o = spec.commandLine().getOut();
        if (kind == null) {
            o.println(f("%d accelerators: %s", catalog.acceleratorIds().size(), String.join(", ", catalog.acceleratorIds())));
            o.println(f("%d models: %s", catalog.modelIds().size(), String.join(", ", catalog.modelIds())));
            o.println(f("%d systems: %s", catalog.systemIds().size(), String.join(", ", catalog.systemIds())));
            o.println("Run `tokenfab catalog KIND [ID]` for details.");
            return 0;
        }
        String typed = kind.toLowerCase(Locale.ROOT);
        // Any unambiguous prefix will do: "acc", "model", "sys".
        List<String> matches = KINDS.stream().filter(x -> x.startsWith(typed) || typed.equals(x.substring(0, x.length() - 1))).toList();
        String k = matches.size() == 1 ? matches.get(0) : typed;
        switch (k) {
            case "accelerators" -> {
                if (id == null) {
                    listAccelerators(catalog, o);
                } else {
                    AcceleratorSpec a = catalog.accelerator(id);
                    o.println(f("%s: %s (%s), %s memory", a.id(), a.name(), a.vendor(), a.memoryKind().yamlName()));
                    o.println(f("scale-up: %s", a.scaleUpTechnology()));
                    full(o, a.numbers(), a::provenanceOf);
                }
            }
            case "models" -> {
                if (id == null) {
                    listModels(catalog, o);
                } else {
                    ModelSpec m = catalog.model(id);
                    o.println(f("%s: %s, %s attention%s", m.id(), m.name(), m.attentionKind().yamlName(),
                            m.isMoe() ? f(", mixture of %d experts (%d active, %d shared)", m.moeExperts(), m.moeActiveExperts(), m.moeSharedExperts()) : ""));
                    o.println(f("parameters: %.2f B total, %.2f B active per token · KV cache %,d bytes/token in bf16",
                            m.totalParams() / 1e9, m.activeParams() / 1e9, m.kvBytesPerToken(Precision.BF16)));
                    o.println(f("weights: %.1f GB in bf16 · %.1f GB in fp8 · %.1f GB in fp4 (NVFP4, its block scales "
                            + "included; quantized checkpoints keep the embedding and LM head in bf16)",
                            m.weightBytes(Precision.BF16) / 1e9, m.weightBytes(Precision.FP8) / 1e9, m.weightBytes(Precision.FP4) / 1e9));
                    o.println("source: " + m.source());
                    full(o, m.numbers(), m::provenanceOf);
                }
            }
            case "systems" -> {
                if (id == null) {
                    listSystems(catalog, o);
                } else {
                    SystemSpec s = catalog.system(id);
                    o.println(f("%s: %s, %d x %s; host link %s", s.id(), s.name(), s.scaleUpDomain(), s.acceleratorId(),
                            s.hostLinkTechnology()));
                    full(o, s.numbers(), s::provenanceOf);
                }
            }
            default -> throw new TokenFabException("catalog " + kind + ": unknown kind" + DidYouMean.clause(kind, KINDS)
                    + "; allowed: " + String.join(", ", KINDS));
        }
        return 0;
    }

    private static void listAccelerators(Catalog catalog, PrintWriter o) {
        o.println(f("%-15s %-7s %9s %8s %9s %9s %9s %7s %7s %9s  %s", "id", "memory", "capacity", "TB/s", "bf16 TF", "fp8 TF",
                "fp4 TF", "TDP W", "idle W", "$/h", "confidence (memory, bandwidth, peaks)"));
        for (String aid : catalog.acceleratorIds()) {
            AcceleratorSpec a = catalog.accelerator(aid);
            o.println(f("%-15s %-7s %9s %8.2f %9s %9s %9s %7.0f %7.0f %9s  %s", a.id(), a.memoryKind().yamlName(),
                    a.memoryGb() < 10 ? f("%.2f GB", a.memoryGb()) : f("%.0f GB", a.memoryGb()),
                    a.memoryBandwidthTbS(), peak(a, Precision.BF16), peak(a, Precision.FP8), peak(a, Precision.FP4), a.tdpW(),
                    a.idleW(), Double.isNaN(a.price().usdPerHourHyperscaler()) ? "-" : f("%.2f", a.price().usdPerHourHyperscaler()),
                    coreConfidence(a)));
        }
        o.println("TF = dense TFLOP/s (int8: TOPS); $/h = InferenceX hyperscaler TCO rate; idle W are estimates (low-preliminary).");
    }

    /** The weakest confidence of the figures that decide performance; idle power and prices are shown apart. */
    private static String coreConfidence(AcceleratorSpec a) {
        Confidence weakest = Confidence.HIGH;
        for (var field : a.numbers().keySet()) {
            if (field.equals(AcceleratorSpec.FIELD_MEMORY_GB) || field.equals(AcceleratorSpec.FIELD_MEMORY_BANDWIDTH)
                    || field.startsWith(AcceleratorSpec.FIELD_DENSE_PEAK)) {
                Confidence c = a.provenanceOf(field).confidence();
                weakest = c.compareTo(weakest) > 0 ? c : weakest;
            }
        }
        return weakest.yamlName();
    }

    private static String peak(AcceleratorSpec a, Precision p) {
        return a.supports(p) ? f("%.0f", a.densePeakFlops(p) / 1e12) : "-";
    }

    private static void listModels(Catalog catalog, PrintWriter o) {
        o.println(f("%-17s %4s %6s %9s %4s %9s %9s %9s %8s %12s", "id", "attn", "layers", "heads/kv", "ctx", "experts",
                "total B", "active B", "max ctx", "KV B/token"));
        for (String mid : catalog.modelIds()) {
            ModelSpec m = catalog.model(mid);
            o.println(f("%-17s %4s %6d %9s %4s %9s %9.2f %9.2f %8d %12d", m.id(), m.attentionKind().yamlName(), m.layers(),
                    m.attentionHeads() + "/" + m.kvHeads(), m.slidingWindow() > 0 ? "swa" : "full",
                    m.isMoe() ? m.moeActiveExperts() + "/" + m.moeExperts() : "dense", m.totalParams() / 1e9,
                    m.activeParams() / 1e9, m.maxContext(), m.kvBytesPerToken(Precision.BF16)));
        }
    }

    private static void listSystems(Catalog catalog, PrintWriter o) {
        o.println(f("%-17s %-15s %6s %8s %10s %12s", "id", "accelerator", "/node", "domain", "node W", "host GB/s"));
        for (String sid : catalog.systemIds()) {
            SystemSpec s = catalog.system(sid);
            o.println(f("%-17s %-15s %6d %8d %10.0f %12s", s.id(), s.acceleratorId(), s.acceleratorsPerNode(), s.scaleUpDomain(),
                    s.nodeOverheadW(), Double.isNaN(s.hostLinkGbSPerDirection()) ? "-" : f("%.0f", s.hostLinkGbSPerDirection())));
        }
    }

    private static void full(PrintWriter o, Map<String, Double> numbers, Function<String, Provenance> provenance) {
        o.println();
        o.println(f("%-40s %14s  %-16s %s", "field", "value", "confidence", "source"));
        for (var e : numbers.entrySet()) {
            Provenance p = provenance.apply(e.getKey());
            o.println(f("%-40s %14s  %-16s %s", e.getKey(), number(e.getValue()), p.confidence().yamlName(), p.source()));
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? f("%,d", (long) v) : f("%,.3f", v);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
