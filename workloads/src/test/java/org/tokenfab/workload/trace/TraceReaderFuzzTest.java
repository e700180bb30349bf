package org.tokenfab.workload.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

import org.tokenfab.sim.TokenFabException;

/**
 * Fuzzes every trace reader with mutants of real rows ({@link TraceMutator}), strict and
 * skip-malformed, plain and through replay options: each mutant must read to its end or fail with
 * a {@link TokenFabException} naming the source; rows read must keep the readers' contract
 * (arrival times never negative and never going back, token counts never negative). Anything
 * else is a bug, listed with the input that caused it.
 *
 * <p>In {@code mvn verify}: {@value #DEFAULT_ITERATIONS} mutants on seed {@value #DEFAULT_SEED}
 * (a few seconds). A longer campaign, on a new seed each time:
 * <pre>
 * ./mvnw -o -pl workloads test -Dtest=TraceReaderFuzzTest -Dtokenfab.fuzz.iterations=1000000 -Dtokenfab.fuzz.seed=$RANDOM
 * </pre>
 */
class TraceReaderFuzzTest {
    static final int DEFAULT_ITERATIONS = 12_000;
    static final long DEFAULT_SEED = 12;
    /** Rows read per mutant at most: a generator whose rates were mutated upwards may be endless. */
    private static final int MAX_ROWS = 2_000;

    private record Seed(String format, String text) {
    }

    private static final String TRACES = "org/tokenfab/workload/traces/";

    private static List<Seed> seeds() throws IOException {
        List<Seed> seeds = new ArrayList<>();
        seeds.add(new Seed("azure", head(TRACES + "azure_llm_2023/AzureLLMInferenceTrace_code.csv", 30)));
        seeds.add(new Seed("azure", "TIMESTAMP,ContextTokens,GeneratedTokens\n2024-05-12 00:00:00+00:00,1,2\n"
                + "2024-05-12 00:00:00.001163+00:00,3,4\n2024-05-12 02:00:01.5+02:00,5,6\n"));
        seeds.add(new Seed("azure", "TIMESTAMP,NumImages,ContextTokens,GeneratedTokens\n2024-10-15T12:00:00.269Z,1,100,20\n"
                + "2024-10-15T12:00:01.000Z,0,300,40\n2024-10-15T12:00:01.500Z,2,50,10\n"));
        seeds.add(new Seed("mooncake", head(TRACES + "mooncake_fast25/synthetic_trace.csv", 12)));
        seeds.add(new Seed("mooncake", head(TRACES + "mooncake_fast25/conversation_trace_head100.jsonl", 12)));
        seeds.add(new Seed("burstgpt", "Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,Total tokens,Log Type\n"
                + "5,,1.2,ChatGPT,100,20,120,API log\n6.5,42,3.0,GPT-4,0,0,0,Conversation log\n7,43,1.0,ChatGPT,300,80,380,Conversation log\n"));
        seeds.add(new Seed("burstgpt", "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n"
                + "0,ChatGPT,472,18,490,Conversation log\n2,ChatGPT,1087,0,1087,API log\n"));
        seeds.add(new Seed("bailian", """
                {"chat_id": 10, "parent_chat_id": -1, "timestamp": 0.5, "input_length": 40, "output_length": 5, "type": "text", "turn": 1, "hash_ids": [1, 2, 3]}
                {"chat_id": 11, "parent_chat_id": -1, "timestamp": 1.0, "input_length": 20, "output_length": 7, "type": "image", "turn": 1, "hash_ids": [9, 10]}
                {"chat_id": 12, "parent_chat_id": 10, "timestamp": 2.25, "input_length": 60, "output_length": 5, "type": "text", "turn": 2, "hash_ids": [1, 2, 3, 4]}
                {"chat_id": 13, "parent_chat_id": 12, "timestamp": 3, "input_length": 70, "output_length": 9, "type": "search", "turn": 3, "hash_ids": [1, 2], "extra": {"a": [1, "x,}"]}}
                """));
        seeds.add(new Seed("servegen", head(TRACES + "servegen/client_windows_mm-image.csv", 12)));
        return seeds;
    }

    private static String head(String resource, int lines) throws IOException {
        try (InputStream raw = TraceReaderFuzzTest.class.getClassLoader().getResourceAsStream(resource)) {
            InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return String.join("\n", text.lines().limit(lines).toList()) + "\n";
        }
    }

    @Test
    void everyMutantReadsOrFailsWithATokenFabError() throws IOException {
        int iterations = Integer.getInteger("tokenfab.fuzz.iterations", DEFAULT_ITERATIONS);
        long seed = Long.getLong("tokenfab.fuzz.seed", DEFAULT_SEED);
        List<Seed> seeds = seeds();
        List<String> formats = List.copyOf(TraceFormats.names());
        SplittableRandom random = new SplittableRandom(seed);
        TraceMutator mutator = new TraceMutator(random.split());
        List<String> bugs = new ArrayList<>();
        long read = 0;
        long rejected = 0;
        long start = System.nanoTime();
        for (int i = 0; i < iterations && bugs.size() < 5; i++) {
            Seed s = seeds.get(random.nextInt(seeds.size()));
            // Mostly the seed's own format; sometimes another, as when the wrong format is named.
            String format = random.nextInt(10) == 0 ? formats.get(random.nextInt(formats.size())) : s.format();
            byte[] mutant = mutator.mutate(s.text());
            boolean skip = random.nextBoolean();
            ReplayOptions replay = random.nextInt(5) == 0 ? replay(random) : ReplayOptions.NONE;
            try {
                String broken = readAll(format, mutant, skip, replay, random.nextLong());
                if (broken != null) {
                    bugs.add(broken + describe(format, skip, replay, mutant));
                }
                read++;
            } catch (TokenFabException e) {
                rejected++;
                if (e.getMessage() == null || !e.getMessage().contains("fuzz.")) {
                    bugs.add("message without the source: " + e.getMessage() + describe(format, skip, replay, mutant));
                }
            } catch (RuntimeException | StackOverflowError e) {
                bugs.add(stackTrace(e) + describe(format, skip, replay, mutant));
            }
        }
        System.out.printf("trace fuzz: seed %d, %d mutants (%d read, %d rejected) in %.1f s%n", seed, read + rejected, read, rejected,
                (System.nanoTime() - start) / 1e9);
        assertThat(bugs).as("mutants that escaped as something other than a TokenFabException (seed " + seed + ")").isEmpty();
        assertThat(read).isPositive();
        assertThat(rejected).isPositive();
    }

    private static ReplayOptions replay(SplittableRandom r) {
        ReplayOptions o = ReplayOptions.NONE;
        if (r.nextBoolean()) {
            long a = r.nextLong(5_000_000_000L);
            o = o.window(a, a + 1 + r.nextLong(100_000_000_000L));
        }
        if (r.nextBoolean()) {
            o = o.sample(0.1 + 0.9 * r.nextDouble(), r.nextLong());
        }
        return r.nextBoolean() ? o.targetRate(0.01 + 100 * r.nextDouble()) : o.speedUp(0.1 + 10 * r.nextDouble());
    }

    /** Reads every row; returns a description of a broken contract, or null. */
    private static String readAll(String format, byte[] content, boolean skip, ReplayOptions replay, long rngSeed) {
        TraceInput input = TraceInput.ofBytes("fuzz." + format, content);
        var options = new TraceFormats.ReadOptions(skip, RandomSource.XO_RO_SHI_RO_128_PP.create(rngSeed));
        try (TraceReader reader = TraceFormats.open(format, input, options, replay)) {
            TraceRecord row = new TraceRecord();
            long last = 0;
            for (int n = 0; n < MAX_ROWS && reader.next(row); n++) {
                if (row.arrivalNanos < 0 || row.arrivalNanos < last) {
                    return "arrival " + row.arrivalNanos + " ns after " + last + " ns at row " + n + " (line " + reader.line() + ")";
                }
                if (row.inputTokens < 0 || row.outputTokens < 0 || row.blockCount < 0) {
                    return "negative count in " + row + " (line " + reader.line() + ")";
                }
                last = row.arrivalNanos;
            }
        }
        return null;
    }

    private static String describe(String format, boolean skip, ReplayOptions replay, byte[] mutant) {
        String text = new String(mutant, StandardCharsets.ISO_8859_1);
        return "\n--- " + format + (skip ? ", skip-malformed" : "") + (replay == ReplayOptions.NONE ? "" : ", " + replay) + " ---\n"
                + (text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
    }

    private static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > 3000 ? s.substring(0, 3000) + "...\n" : s;
    }
}
