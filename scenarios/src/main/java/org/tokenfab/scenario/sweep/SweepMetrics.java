package org.tokenfab.scenario.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tokenfab.scenario.run.PoolResult;
import org.tokenfab.scenario.run.RunResult;

/**
 * The key metrics of one sweep point, as {@code sweep.csv} holds them. They are kept as the text
 * written to the CSV and read back from it, so the Pareto views of a resumed sweep are computed
 * from exactly the same numbers as those of a sweep that ran at once.
 */
public final class SweepMetrics {
    /** Column names, in order; times in ms. */
    public static final List<String> COLUMNS = List.of("completed", "rejected", "ttft_mean_ms", "ttft_p50_ms",
            "ttft_p99_ms", "tpot_mean_ms", "tpot_p99_ms", "itl_p99_ms", "e2e_p50_ms", "e2e_p99_ms", "output_tokens_per_s",
            "output_tokens_per_s_per_accelerator", "tokens_per_s_per_user", "output_tokens_per_facility_joule",
            "usd_per_million_output_tokens", "accelerators", "goodput_rps");

    private SweepMetrics() {
    }

    /**
     * The metrics of a run as CSV cells; an undefined figure (no sample, no price) is empty.
     * Accelerators are the configured fleet (every pool's maximum); tokens per second per user is
     * the interactivity a streaming user sees, 1000 / mean TPOT in ms.
     */
    public static List<String> cells(RunResult r) {
        int accelerators = r.pools().stream().mapToInt(PoolResult::accelerators).sum();
        double perUser = r.tpot().count() > 0 && r.tpot().mean() > 0 ? 1000 / r.tpot().mean() : Double.NaN;
        List<String> cells = new ArrayList<>();
        cells.add(Long.toString(r.completed()));
        cells.add(Long.toString(r.rejected()));
        for (double v : new double[] {r.ttft().mean(), r.ttft().p50(), r.ttft().p99(), r.tpot().mean(), r.tpot().p99(),
                r.itl().p99(), r.e2e().p50(), r.e2e().p99(), r.outputTokensPerSecond(),
                accelerators > 0 ? r.outputTokensPerSecond() / accelerators : Double.NaN, perUser,
                r.facility().outputTokensPerFacilityJoule(), r.facility().usdPerMillionOutputTokens()}) {
            cells.add(number(v));
        }
        cells.add(Integer.toString(accelerators));
        cells.add(number(r.goodputRps()));
        return cells;
    }

    /** Six decimals, always with a dot; empty when not finite. */
    static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "";
    }

    /** A cell read back: NaN when empty. */
    static double value(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }
}
