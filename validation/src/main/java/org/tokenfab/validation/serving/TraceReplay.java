package org.tokenfab.validation.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.cost.EngineProfile;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.ScenarioRun;
import org.tokenfab.sim.TokenFabException;

/**
 * A trace-replay case: the measured requests replayed with their exact arrival times and lengths
 * into the case's scenario, and the predicted per-request TTFT and TPOT compared with the measured
 * ones: means (bounded), percentiles and two-sample Kolmogorov-Smirnov distances (reported), and
 * output throughput over the whole run (bounded).
 */
final class TraceReplay {
    static final double TTFT_BOUND = 0.25;
    static final double TPOT_BOUND = 0.15;
    static final double THROUGHPUT_BOUND = 0.15;

    private TraceReplay() {
    }

    static List<CaseOutcome> run(ServingCase c, Catalog catalog, Function<String, EngineProfile> engines, Path work) {
        String csv = ServingCases.traceText(c);
        Measured measured = Measured.parse(c.file(), csv);
        try {
            Path dir = Files.createDirectories(work.resolve(c.name()));
            Path trace = dir.resolve("trace.csv");
            Files.writeString(trace, csv, StandardCharsets.UTF_8);
            String text = c.scenarioText().replace("TRACE", trace.toAbsolutePath().toString().replace("\\", "/"));
            Scenario s = new ScenarioLoader(catalog).parse(c.file() + " (scenario)", text, List.of(c.engineOverride()));
            ScenarioRun run = new ScenarioRun(s, engines).requestsCsv(dir);
            RunResult r = run.run();
            Measured predicted = Measured.fromRequestsCsv(Files.readAllLines(dir.resolve("requests.csv"), StandardCharsets.UTF_8));
            if (r.completed() != measured.ttftMs.length) {
                throw new TokenFabException(c.file() + ": the replay completed " + r.completed() + " of "
                        + measured.ttftMs.length + " requests (" + r.rejected() + " rejected)");
            }
            String point = "all " + measured.ttftMs.length + " requests";
            List<CaseOutcome> out = new ArrayList<>();
            boolean in = c.calibrationPoint(0);
            out.add(new CaseOutcome(c.name(), point, "TTFT mean (ms)", mean(predicted.ttftMs), mean(measured.ttftMs), TTFT_BOUND, in));
            out.add(new CaseOutcome(c.name(), point, "TPOT mean (ms)", mean(predicted.tpotMs), mean(measured.tpotMs), TPOT_BOUND, in));
            out.add(new CaseOutcome(c.name(), point, "output throughput (tok/s)", predicted.throughput(), measured.throughput(),
                    THROUGHPUT_BOUND, in));
            for (double q : new double[] {50, 90, 99}) {
                out.add(new CaseOutcome(c.name(), point, "TTFT p" + (int) q + " (ms)", quantile(predicted.ttftMs, q),
                        quantile(measured.ttftMs, q), Double.NaN, in));
            }
            for (double q : new double[] {50, 99}) {
                out.add(new CaseOutcome(c.name(), point, "TPOT p" + (int) q + " (ms)", quantile(predicted.tpotMs, q),
                        quantile(measured.tpotMs, q), Double.NaN, in));
            }
            out.add(new CaseOutcome(c.name(), point, "TTFT KS distance", ks(predicted.ttftMs, measured.ttftMs), 0, Double.NaN, in));
            out.add(new CaseOutcome(c.name(), point, "TPOT KS distance", ks(predicted.tpotMs, measured.tpotMs), 0, Double.NaN, in));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Per-request latencies (sorted) and the run's span: from the first arrival to the last token.
     * TPOT only over requests with more than one output token.
     */
    record Measured(double[] ttftMs, double[] tpotMs, long outputTokens, double spanS) {
        double throughput() {
            return outputTokens / spanS;
        }

        /** The case CSV: Timestamp, Request tokens, Response tokens, TTFT s, Last token s (engine clock, s). */
        static Measured parse(String file, String csv) {
            String[] lines = csv.split("\n");
            List<Double> ttft = new ArrayList<>();
            List<Double> tpot = new ArrayList<>();
            long tokens = 0;
            double first = Double.MAX_VALUE;
            double last = 0;
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] f = lines[i].split(",");
                try {
                    double arrival = Double.parseDouble(f[0]);
                    int out = Integer.parseInt(f[2]);
                    double ttftS = Double.parseDouble(f[3]);
                    double lastS = Double.parseDouble(f[4]);
                    ttft.add(ttftS * 1e3);
                    if (out > 1) {
                        tpot.add((lastS - arrival - ttftS) / (out - 1) * 1e3);
                    }
                    tokens += out;
                    first = Math.min(first, arrival);
                    last = Math.max(last, lastS);
                } catch (RuntimeException e) {
                    throw new TokenFabException(file + ": trace line " + (i + 1) + ": " + e.getMessage());
                }
            }
            return new Measured(sorted(ttft), sorted(tpot), tokens, last - first);
        }

        /** TokenFab's requests.csv: ..., arrival_s, first_token_s, last_token_s, ..., output_tokens, ttft_ms, tpot_ms, ... */
        static Measured fromRequestsCsv(List<String> lines) {
            List<String> header = Arrays.asList(lines.get(0).split(","));
            int arrival = header.indexOf("arrival_s"), lastToken = header.indexOf("last_token_s"),
                    out = header.indexOf("output_tokens"), ttft = header.indexOf("ttft_ms"), tpot = header.indexOf("tpot_ms"),
                    completed = header.indexOf("completed");
            List<Double> ttfts = new ArrayList<>();
            List<Double> tpots = new ArrayList<>();
            long tokens = 0;
            double first = Double.MAX_VALUE;
            double last = 0;
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                if (!f[completed].equals("true")) {
                    continue;
                }
                ttfts.add(Double.parseDouble(f[ttft]));
                int n = Integer.parseInt(f[out]);
                if (n > 1) {
                    tpots.add(Double.parseDouble(f[tpot]));
                }
                tokens += n;
                first = Math.min(first, Double.parseDouble(f[arrival]));
                last = Math.max(last, Double.parseDouble(f[lastToken]));
            }
            return new Measured(sorted(ttfts), sorted(tpots), tokens, last - first);
        }
    }

    private static double[] sorted(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** Linear-interpolated quantile of sorted values, {@code q} in percent. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Two-sample Kolmogorov-Smirnov distance: the largest gap between the empirical CDFs of two sorted samples. */
    static double ks(double[] a, double[] b) {
        int i = 0, j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            double x = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= x) {
                i++;
            }
            while (j < b.length && b[j] <= x) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return d;
    }
}
