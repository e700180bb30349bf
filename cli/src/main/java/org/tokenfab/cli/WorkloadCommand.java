package org.tokenfab.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.scenario.run.WorkloadPreview;
import org.tokenfab.sim.DidYouMean;
import org.tokenfab.sim.TokenFabException;
import org.tokenfab.workload.stats.TrafficStats;
import org.tokenfab.workload.stats.TrafficSummary;
import org.tokenfab.workload.trace.BundledTraces;
import org.tokenfab.workload.trace.TraceFormats;
import org.tokenfab.workload.trace.TraceInput;
import org.tokenfab.workload.trace.TraceReader;
import org.tokenfab.workload.trace.TraceRecord;

/** {@code tokenfab workload}: look at traffic before simulating it. */
@Command(name = "workload", mixinStandardHelpOptions = true,
        description = {"Inspect traffic: a scenario's synthetic or replayed workload, or a trace file.", ""},
        subcommands = {WorkloadCommand.Describe.class})
final class WorkloadCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = {"Request count, mean rate, inter-arrival CV, index of dispersion at 1 s / 10 s / 60 s,",
                    "input and output length percentiles, and for prefix-tagged traces the hit ratio of an",
                    "infinite prefix cache. Generates the scenario's requests without simulating the cluster.", ""},
            footer = {"", "Examples:",
                    "  tokenfab workload describe azure-conv-synthetic",
                    "  tokenfab workload describe --trace mooncake-conversation        # a bundled trace",
                    "  tokenfab workload describe --trace my.csv --format azure --export requests.csv"})
    static final class Describe implements Callable<Integer> {
        /** Keeps describe's memory bounded: it holds every length for exact percentiles. */
        static final long MAX_REQUESTS = 20_000_000L;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "A scenario file or bundled scenario name.")
        String scenario;

        @Option(names = "--trace", paramLabel = "FILE|ID", description = "A trace file, or a bundled trace id: ${COMPLETION-CANDIDATES}.",
                completionCandidates = BundledIds.class)
        String trace;

        @Option(names = "--format", paramLabel = "F", description = "Trace format of --trace FILE: azure, mooncake, burstgpt, bailian.")
        String format;

        @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a scenario field (repeatable).")
        List<String> overrides = new ArrayList<>();

        @Option(names = "--requests", paramLabel = "N", description = "Describe at most N requests (default: the scenario's count, at most 20,000,000).")
        Long requests;

        @Option(names = "--export", paramLabel = "FILE.csv", description = "Also write the requests: arrival_s,input_tokens,output_tokens.")
        Path export;

        @Override
        public Integer call() {
            if ((scenario == null) == (trace == null)) {
                throw new TokenFabException("workload describe: give a SCENARIO or --trace FILE|ID (not both)");
            }
            long limit = requests != null ? requests : MAX_REQUESTS;
            if (limit < 1 || limit > MAX_REQUESTS) {
                throw new TokenFabException("--requests " + limit + ": allowed 1 to " + MAX_REQUESTS);
            }
            TrafficStats stats = new TrafficStats();
            String what;
            try (Export csv = new Export(export)) {
                if (trace != null) {
                    what = trace;
                    describeTrace(stats, csv, limit);
                } else {
                    Scenario s = new ScenarioLibrary(new ScenarioLoader(Catalog.builtIn())).resolve(scenario, overrides);
                    what = s.name() + " (seed " + s.seed() + ")";
                    WorkloadPreview.generate(s, limit, (t, in, out) -> {
                        stats.add(t, in, out);
                        csv.row(t, in, out);
                    });
                }
            }
            print(spec.commandLine().getOut(), what, stats.summary());
            if (export != null) {
                spec.commandLine().getOut().println("requests: " + export);
            }
            return 0;
        }

        private void describeTrace(TrafficStats stats, Export csv, long limit) {
            TraceInput input;
            String f;
            Path file = Path.of(trace);
            if (Files.isRegularFile(file)) {
                if (format == null) {
                    throw new TokenFabException("--trace " + trace + ": give --format (" + String.join(", ", TraceFormats.names()) + ")");
                }
                input = TraceInput.of(file);
                f = format;
            } else {
                List<String> ids = new ArrayList<>();
                for (BundledTraces b : BundledTraces.values()) {
                    ids.add(b.id());
                }
                if (!ids.contains(trace)) {
                    throw new TokenFabException("--trace " + trace + ": neither a file nor a bundled trace" + DidYouMean.clause(trace, ids)
                            + "; bundled: " + String.join(", ", ids));
                }
                BundledTraces b = BundledTraces.byId(trace);
                input = b.input();
                f = b.format();
            }
            TraceRecord r = new TraceRecord();
            long n = 0;
            try (TraceReader reader = TraceFormats.open(f, input, new TraceFormats.ReadOptions(false,
                    org.apache.commons.rng.simple.RandomSource.L64_X128_MIX.create(42L)))) {
                while (n < limit && reader.next(r)) {
                    stats.add(r);
                    csv.row(r.arrivalNanos, r.inputTokens, r.outputTokens);
                    n++;
                }
            }
        }

        static void print(PrintWriter o, String what, TrafficSummary s) {
            o.println(f("traffic: %s", what));
            o.println(f("requests      %,d over %.1f s · mean rate %.3f req/s · peak %.0f req/s (1 s), %.1f (10 s), %.2f (60 s)",
                    s.requests(), s.spanSeconds(), s.meanRatePerSecond(), s.peakRate1s(), s.peakRate10s(), s.peakRate60s()));
            o.println(f("arrivals      inter-arrival CV %.3f · index of dispersion %.2f (1 s), %.2f (10 s), %.2f (60 s)",
                    s.interArrivalCv(), s.dispersion1s(), s.dispersion10s(), s.dispersion60s()));
            o.println(f("%-13s %10s %10s %10s %10s %10s %10s", "tokens", "mean", "p50", "p90", "p99", "min", "max"));
            lengths(o, "input", s.input());
            lengths(o, "output", s.output());
            if (s.prefixTagged()) {
                o.println(f("prefix cache  hit ratio %.3f with an infinite cache (%,d distinct blocks)", s.prefixHitRatio(), s.uniqueBlocks()));
            }
            if (s.failedRequests() > 0) {
                o.println(f("failed        %,d requests marked failed by the trace", s.failedRequests()));
            }
        }

        private static void lengths(PrintWriter o, String name, TrafficSummary.Lengths l) {
            o.println(f("%-13s %10.1f %10.1f %10.1f %10.1f %10d %10d", name, l.mean(), l.p50(), l.p90(), l.p99(), l.min(), l.max()));
        }

        private static String f(String format, Object... args) {
            return String.format(Locale.ROOT, format, args);
        }
    }

    /** Optional CSV of the requests; a no-op without a path. */
    private static final class Export implements AutoCloseable {
        private final BufferedWriter out;

        Export(Path path) {
            try {
                if (path == null) {
                    out = null;
                } else {
                    if (path.toAbsolutePath().getParent() != null) {
                        Files.createDirectories(path.toAbsolutePath().getParent());
                    }
                    out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
                    out.write("arrival_s,input_tokens,output_tokens\n");
                }
            } catch (IOException e) {
                throw new TokenFabException("cannot write " + path + ": " + e.getMessage(), e);
            }
        }

        void row(long nanos, int input, int output) {
            if (out == null) {
                return;
            }
            try {
                out.write(String.format(Locale.ROOT, "%.9f,%d,%d\n", nanos / 1e9, input, output));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** Bundled trace ids for help and completion. */
    static final class BundledIds extends ArrayList<String> {
        BundledIds() {
            for (BundledTraces b : BundledTraces.values()) {
                add(b.id());
            }
        }
    }
}
