package org.tokenfab.scenario.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Variants of one scenario run on the same seed, side by side: a table for people and
 * {@code comparison.csv} for pandas (one row per variant, headline metrics, times in ms).
 *
 * <p>Same seed means the same traffic: every random stream is named by its component, so arrival
 * times and lengths do not depend on what the cluster does (common random numbers). Closed-loop
 * users are the exception: their next request waits for the last, so their traffic depends on the
 * service; the table then says the arrival counts differ.
 */
public final class Comparison {
    private Comparison() {
    }

    /** One variant's result. */
    public record Row(String variant, RunResult result) {
    }

    private static final String HEADER = "variant,arrived,completed,rejected,ttft_mean_ms,ttft_p50_ms,ttft_p99_ms,"
            + "tpot_mean_ms,tpot_p50_ms,tpot_p99_ms,itl_p99_ms,e2e_p50_ms,e2e_p99_ms,output_tokens_per_s,requests_per_s,"
            + "output_tokens_per_joule,output_tokens_per_facility_joule,usd_per_million_output_tokens";

    /** {@code comparison.csv}: a header and one row per variant. */
    public static String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (Row row : rows) {
            RunResult r = row.result();
            b.append(row.variant()).append(',').append(r.arrived()).append(',').append(r.completed()).append(',')
                    .append(r.rejected());
            for (double v : new double[] {r.ttft().mean(), r.ttft().p50(), r.ttft().p99(), r.tpot().mean(), r.tpot().p50(),
                    r.tpot().p99(), r.itl().p99(), r.e2e().p50(), r.e2e().p99(), r.outputTokensPerSecond(),
                    r.requestsPerSecond(), tokensPerJoule(r), r.facility().outputTokensPerFacilityJoule(),
                    r.facility().usdPerMillionOutputTokens()}) {
                b.append(',').append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Writes {@code comparison.csv} into {@code dir}. */
    public static Path write(List<Row> rows, Path dir) {
        return AtomicFiles.write(dir.resolve("comparison.csv"), csv(rows));
    }

    /** The side-by-side table. */
    public static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-18s %9s %9s %9s %9s %9s %9s %11s %8s %8s%n", "variant", "TTFT mean", "TTFT p99",
                "TPOT mean", "TPOT p99", "ITL p99", "E2E p50", "out tok/s", "tok/J", "$/M out"));
        for (Row row : rows) {
            RunResult r = row.result();
            double usd = r.facility().usdPerMillionOutputTokens();
            b.append(String.format(Locale.ROOT, "%-18s %9.1f %9.1f %9.2f %9.2f %9.1f %9.0f %,11.0f %8.3f %8s%n", row.variant(),
                    r.ttft().mean(), r.ttft().p99(), r.tpot().mean(), r.tpot().p99(), r.itl().p99(), r.e2e().p50(),
                    r.outputTokensPerSecond(), r.facility().outputTokensPerFacilityJoule(),
                    Double.isFinite(usd) ? String.format(Locale.ROOT, "%.3f", usd) : "n/a"));
        }
        long arrived = rows.get(0).result().arrived();
        boolean same = rows.stream().allMatch(r -> r.result().arrived() == arrived);
        b.append(same ? String.format(Locale.ROOT, "(times in ms; tok/J per joule of facility energy; same seed, same traffic:"
                + " %,d requests in every variant)%n", arrived)
                : String.format(Locale.ROOT, "(times in ms; arrival counts differ between variants: closed-loop traffic depends on the service)%n"));
        return b.toString();
    }

    private static double tokensPerJoule(RunResult r) {
        double joules = r.pools().stream().mapToDouble(PoolResult::acceleratorJoules).sum();
        return joules > 0 ? r.outputTokens() / joules : Double.NaN;
    }
}
