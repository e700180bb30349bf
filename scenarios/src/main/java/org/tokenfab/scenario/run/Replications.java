package org.tokenfab.scenario.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.distribution.TDistribution;
import org.tokenfab.sim.TokenFabException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Independent replications of one scenario: N runs on seeds seed, seed+1, ... in parallel, and the
 * mean and a 95% confidence interval (Student t, N-1 degrees of freedom) of each headline metric
 * across them. Why replications and not one long run: the runs are independent, so the interval
 * is honest without batch-means assumptions, and they use every core while each run stays
 * single-threaded and deterministic. Results are collected in replication order, so the files do
 * not depend on which thread finished first.
 */
public final class Replications {
    /** A headline metric: its name (with unit) and how to read it from a run. */
    public record Metric(String name, ToDoubleFunction<RunResult> read) {
    }

    /** Mean, 95% CI half-width (NaN for N = 1), and the values of one metric over the replications. */
    public record Estimate(String metric, double mean, double halfWidth, double stdDev, double[] values) {
        public double low() {
            return mean - halfWidth;
        }

        public double high() {
            return mean + halfWidth;
        }
    }

    public static final List<Metric> METRICS = List.of(
            new Metric("completed", r -> r.completed()),
            new Metric("ttft_p50_ms", r -> r.ttft().p50()),
            new Metric("ttft_p99_ms", r -> r.ttft().p99()),
            new Metric("tpot_p50_ms", r -> r.tpot().p50()),
            new Metric("tpot_p99_ms", r -> r.tpot().p99()),
            new Metric("e2e_p50_ms", r -> r.e2e().p50()),
            new Metric("e2e_p99_ms", r -> r.e2e().p99()),
            new Metric("output_tokens_per_s", RunResult::outputTokensPerSecond),
            new Metric("requests_per_s", RunResult::requestsPerSecond),
            new Metric("goodput_rps", RunResult::goodputRps),
            new Metric("output_tokens_per_facility_joule", r -> r.facility().outputTokensPerFacilityJoule()),
            new Metric("facility_mean_w", r -> r.facility().facilityMeanW()),
            new Metric("usd_per_million_output_tokens", r -> r.facility().usdPerMillionOutputTokens()));

    /** Called on the worker thread when replication {@code index} (0-based) finished: write its files. */
    @FunctionalInterface
    public interface Finished {
        void accept(ScenarioRun run, RunResult result, int index);
    }

    private Replications() {
    }

    /**
     * Runs {@code count} replications on {@code threads} threads; {@code runFor.apply(k)} builds the
     * k-th run (seed + k), {@code after} (may be null) is called on the worker thread once run k
     * finished, for example to write its files. The first failure is rethrown.
     */
    public static List<RunResult> run(int count, int threads, IntFunction<ScenarioRun> runFor,
            Finished after) {
        if (count < 1) {
            throw new TokenFabException("--replications must be >= 1, was " + count);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, count)), r -> {
            Thread t = new Thread(r, "replication");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                int index = k;
                futures.add(pool.submit(() -> {
                    ScenarioRun run = runFor.apply(index);
                    RunResult result = run.run();
                    if (after != null) {
                        after.accept(run, result, index);
                    }
                    return result;
                }));
            }
            List<RunResult> results = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                try {
                    results.add(futures.get(k).get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new TokenFabException("replication " + (k + 1) + " failed: " + cause, cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TokenFabException("interrupted while waiting for replication " + (k + 1), e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The estimates of {@link #METRICS} over {@code results}. */
    public static List<Estimate> estimate(List<RunResult> results) {
        List<Estimate> out = new ArrayList<>();
        for (Metric m : METRICS) {
            out.add(estimate(m.name(), results.stream().mapToDouble(m.read()).toArray()));
        }
        return out;
    }

    /** Mean and 95% Student-t half-width of {@code values}; NaN values (no data) are skipped. */
    static Estimate estimate(String name, double[] values) {
        double[] v = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
        int n = v.length;
        if (n == 0) {
            return new Estimate(name, Double.NaN, Double.NaN, Double.NaN, values.clone());
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= n;
        if (n == 1) {
            return new Estimate(name, mean, Double.NaN, Double.NaN, values.clone());
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
        return new Estimate(name, mean, t * sd / Math.sqrt(n), sd, values.clone());
    }

    /** The estimates as a table for the terminal. */
    public static String table(List<Estimate> estimates, int count, long warmupNanos) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d replications · 95%% confidence intervals (Student t, %d d.o.f.) · warm-up %s%n",
                count, count - 1, warmupNanos == 0 ? "none" : seconds(warmupNanos) + " (latencies of earlier arrivals excluded)"));
        sb.append(String.format(Locale.ROOT, "%-34s %14s %14s %14s %14s%n", "metric", "mean", "± half-width", "low", "high"));
        for (Estimate e : estimates) {
            sb.append(String.format(Locale.ROOT, "%-34s %14s %14s %14s %14s%n", e.metric(), num(e.mean()),
                    num(e.halfWidth()), num(e.low()), num(e.high())));
        }
        return sb.toString();
    }

    /** Writes {@code replications.json} and {@code replications.csv} into {@code dir}; returns the JSON's path. */
    public static Path write(Path dir, List<Estimate> estimates, List<RunResult> results, long warmupNanos) {
        StringBuilder csv = new StringBuilder("metric,mean,ci95_half_width,ci95_low,ci95_high,std_dev,n");
        for (int k = 0; k < results.size(); k++) {
            csv.append(",rep_").append(k + 1);
        }
        csv.append('\n');
        for (Estimate e : estimates) {
            csv.append(e.metric()).append(',').append(cell(e.mean())).append(',').append(cell(e.halfWidth())).append(',')
                    .append(cell(e.low())).append(',').append(cell(e.high())).append(',').append(cell(e.stdDev()))
                    .append(',').append(results.size());
            for (double v : e.values()) {
                csv.append(',').append(cell(v));
            }
            csv.append('\n');
        }
        AtomicFiles.write(dir.resolve("replications.csv"), csv.toString());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("scenario", results.get(0).scenario());
        json.put("replications", results.size());
        json.put("seeds", results.stream().map(RunResult::seed).toList());
        json.put("warmup_s", warmupNanos / 1e9);
        json.put("confidence", 0.95);
        json.put("interval", "Student t, n-1 degrees of freedom, over independent replications");
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (Estimate e : estimates) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean", finite(e.mean()));
            m.put("ci95_half_width", finite(e.halfWidth()));
            m.put("ci95_low", finite(e.low()));
            m.put("ci95_high", finite(e.high()));
            m.put("std_dev", finite(e.stdDev()));
            m.put("values", java.util.Arrays.stream(e.values()).mapToObj(Replications::finite).toList());
            metrics.put(e.metric(), m);
        }
        json.put("metrics", metrics);
        try {
            return AtomicFiles.write(dir.resolve("replications.json"),
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String cell(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    private static String num(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 1000 ? "%,.0f" : a >= 10 ? "%.1f" : a >= 0.1 ? "%.3f" : "%.4g", v);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%g s", nanos / 1e9).replaceAll("\\.?0+ s", " s");
    }
}
