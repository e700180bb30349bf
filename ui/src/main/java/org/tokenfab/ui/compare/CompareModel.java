package org.tokenfab.ui.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.tokenfab.scenario.run.LatencyCdf;
import org.tokenfab.scenario.run.NumberText;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.TimeSeries;
import org.tokenfab.ui.model.RunRecord;

/**
 * The comparison of runs, without JavaFX: each metric's value per run, its difference from the
 * first run (absolute and relative) and whether that difference is better or worse given the
 * metric's direction; and the curves to overlay.
 */
public final class CompareModel {
    /** Which way a metric is good. */
    public enum Direction { HIGHER_IS_BETTER, LOWER_IS_BETTER }

    /** How a run's value compares with the first run's. */
    public enum Verdict { BETTER, WORSE, SAME, NONE }

    /** One compared figure. */
    public record Metric(String label, Direction direction, ToDoubleFunction<RunResult> value) {
    }

    /** The compared figures, in table order. */
    public static final List<Metric> METRICS = List.of(
            new Metric("requests completed", Direction.HIGHER_IS_BETTER, RunResult::completed),
            new Metric("requests rejected", Direction.LOWER_IS_BETTER, RunResult::rejected),
            new Metric("TTFT p50, ms", Direction.LOWER_IS_BETTER, r -> r.ttft().p50()),
            new Metric("TTFT p99, ms", Direction.LOWER_IS_BETTER, r -> r.ttft().p99()),
            new Metric("TPOT p50, ms", Direction.LOWER_IS_BETTER, r -> r.tpot().p50()),
            new Metric("TPOT p99, ms", Direction.LOWER_IS_BETTER, r -> r.tpot().p99()),
            new Metric("E2E p99, ms", Direction.LOWER_IS_BETTER, r -> r.e2e().p99()),
            new Metric("output tokens/s", Direction.HIGHER_IS_BETTER, RunResult::outputTokensPerSecond),
            new Metric("goodput, requests/s", Direction.HIGHER_IS_BETTER, RunResult::goodputRps),
            new Metric("facility power, W", Direction.LOWER_IS_BETTER, r -> r.facility().facilityMeanW()),
            new Metric("output tokens/J (facility)", Direction.HIGHER_IS_BETTER,
                    r -> r.facility().outputTokensPerFacilityJoule()),
            new Metric("$ per M output tokens", Direction.LOWER_IS_BETTER, r -> r.facility().usdPerMillionOutputTokens()));

    private CompareModel() {
    }

    /**
     * One run's value of one metric and how it compares with the first run's (NaN differences and
     * {@link Verdict#NONE} for the first run itself or when either value is undefined).
     *
     * @param percent difference over |first run's value|, in %; NaN when that is 0
     */
    public record Cell(double value, double diff, double percent, Verdict verdict) {
        /** {@code +12.3 (+4.5%)}, or empty when there is nothing to compare. */
        public String diffText() {
            if (Double.isNaN(diff)) {
                return "";
            }
            String abs = (diff >= 0 ? "+" : "") + format(diff);
            return Double.isNaN(percent) ? abs : abs + String.format(Locale.ROOT, " (%+.1f%%)", percent);
        }
    }

    /** One row of the table: a metric and its cell for each run, in run order. */
    public record Row(Metric metric, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /** The table: one row per metric, one cell per run, each against {@code results.get(0)}. */
    public static List<Row> table(List<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (Metric m : METRICS) {
            List<Cell> cells = new ArrayList<>();
            double first = results.isEmpty() ? Double.NaN : m.value().applyAsDouble(results.get(0));
            for (int i = 0; i < results.size(); i++) {
                double v = m.value().applyAsDouble(results.get(i));
                cells.add(i == 0 ? new Cell(v, Double.NaN, Double.NaN, Verdict.NONE) : cell(m.direction(), first, v));
            }
            rows.add(new Row(m, cells));
        }
        return rows;
    }

    /** {@code value} against {@code first}. */
    public static Cell cell(Direction direction, double first, double value) {
        if (!Double.isFinite(first) || !Double.isFinite(value)) {
            return new Cell(value, Double.NaN, Double.NaN, Verdict.NONE);
        }
        double diff = value - first;
        double percent = first != 0 ? diff / Math.abs(first) * 100 : Double.NaN;
        Verdict verdict;
        if (Math.abs(diff) <= 1e-9 * Math.max(1, Math.abs(first))) {
            verdict = Verdict.SAME;
        } else {
            verdict = (diff > 0) == (direction == Direction.HIGHER_IS_BETTER) ? Verdict.BETTER : Verdict.WORSE;
        }
        return new Cell(value, diff, percent, verdict);
    }

    /** A curve to overlay: one run's label and its points. */
    public record Curve(String label, double[] x, double[] y) {
        public Curve {
            x = x.clone();
            y = y.clone();
        }
    }

    /** The run's TTFT distribution: x latency ms, y fraction of requests at or below it (no points without requests). */
    public static Curve ttftCdf(RunRecord run) {
        LatencyCdf cdf = run.cdfs() == null ? null : run.cdfs().ttft();
        if (cdf == null || cdf.requests() == 0) {
            return new Curve(run.label(), new double[0], new double[0]);
        }
        double[] ms = cdf.ms();
        double[] f = LatencyCdf.fractions();
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < ms.length; i++) {
            if (Double.isFinite(ms[i])) {
                points.add(new double[] {ms[i], f[i]});
            }
        }
        return new Curve(run.label(), points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
    }

    /** Output tokens/s of the whole run over time, all pools summed: x interval end, s; y tokens/s. */
    public static Curve throughput(RunRecord run) {
        TreeMap<Double, double[]> byTime = new TreeMap<>();
        for (TimeSeries.Row r : run.rows()) {
            double[] acc = byTime.computeIfAbsent(r.timeS(), t -> new double[2]);
            acc[0] += r.outputTokens();
            acc[1] = Math.max(acc[1], r.intervalS());
        }
        double[] x = new double[byTime.size()], y = new double[byTime.size()];
        int i = 0;
        for (var e : byTime.entrySet()) {
            x[i] = e.getKey();
            y[i++] = e.getValue()[1] > 0 ? e.getValue()[0] / e.getValue()[1] : 0;
        }
        return new Curve(run.label(), x, y);
    }

    /** A value for the table: thousands separated, a sensible number of decimals, {@code n/a} when undefined. */
    public static String format(double v) {
        return NumberText.compact(v);
    }
}
