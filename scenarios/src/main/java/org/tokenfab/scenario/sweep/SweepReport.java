package org.tokenfab.scenario.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tokenfab.scenario.run.AtomicFiles;

/**
 * The answer part of a sweep: for each {@link Pareto#VIEWS view}, the non-dominated points, as a
 * table for people, rows of {@code pareto.csv} and an SVG scatter ({@code pareto-NAME.svg}).
 * Computed from the rows of {@code sweep.csv}, so a resumed sweep gives the same answer.
 */
public final class SweepReport {
    private final SweepGrid grid;
    private final List<List<String>> rows;
    private final List<String> header;

    /** @param rows every point's {@code sweep.csv} cells, in point order */
    public SweepReport(SweepGrid grid, List<List<String>> rows) {
        this.grid = grid;
        this.rows = List.copyOf(rows);
        this.header = SweepRunner.header(grid);
    }

    private double[] column(String name) {
        int c = header.indexOf(name);
        double[] v = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            v[i] = SweepMetrics.value(rows.get(i).get(c));
        }
        return v;
    }

    /** The frontier of one view, as point indices in increasing x. */
    public List<Integer> frontier(Pareto.View view) {
        return Pareto.frontier(column(view.x()), column(view.y()), view.maximizeX(), view.maximizeY());
    }

    /** {@code pareto.csv}: {@code view, point, swept values..., x metric, x, y metric, y}, view by view. */
    public String csv() {
        List<String> h = new ArrayList<>(List.of("view", "point"));
        h.addAll(grid.paths());
        h.addAll(List.of("x_metric", "x", "y_metric", "y"));
        StringBuilder b = new StringBuilder(SweepCsv.line(h));
        for (Pareto.View view : Pareto.VIEWS) {
            int xc = header.indexOf(view.x());
            int yc = header.indexOf(view.y());
            for (int i : frontier(view)) {
                List<String> row = rows.get(i);
                List<String> cells = new ArrayList<>(List.of(view.name(), row.get(0)));
                cells.addAll(row.subList(1, 1 + grid.axes().size()));
                cells.addAll(List.of(view.x(), row.get(xc), view.y(), row.get(yc)));
                b.append(SweepCsv.line(cells));
            }
        }
        return b.toString();
    }

    /** Every point: its swept values and the figures the views are made of. */
    public String pointsTable() {
        List<String> metrics = List.of("completed", "ttft_p99_ms", "tpot_mean_ms", "tpot_p99_ms", "output_tokens_per_s",
                "output_tokens_per_s_per_accelerator", "tokens_per_s_per_user", "output_tokens_per_facility_joule",
                "usd_per_million_output_tokens");
        List<String> labels = List.of("done", "TTFT p99", "TPOT mean", "TPOT p99", "out tok/s", "tok/s/accel",
                "tok/s/user", "tok/J", "$/M out");
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%5s  %-30s", "point", "swept"));
        for (String l : labels) {
            b.append(String.format(Locale.ROOT, " %11s", l));
        }
        b.append('\n');
        for (int i = 0; i < rows.size(); i++) {
            b.append(String.format(Locale.ROOT, "%5d  %-30s", i, String.join(" ", grid.point(i).values())));
            for (String m : metrics) {
                String cell = rows.get(i).get(header.indexOf(m));
                b.append(String.format(Locale.ROOT, " %11s", cell.isEmpty() ? "n/a" : fmt(SweepMetrics.value(cell))));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** One table per view: the frontier's points, their swept values and the two metrics. */
    public String table() {
        StringBuilder b = new StringBuilder();
        for (Pareto.View view : Pareto.VIEWS) {
            double[] x = column(view.x());
            double[] y = column(view.y());
            List<Integer> f = frontier(view);
            b.append("Pareto: ").append(view.title()).append('\n');
            if (f.isEmpty()) {
                b.append("  (no point has both figures)\n\n");
                continue;
            }
            b.append(String.format(Locale.ROOT, "  %5s  %-40s %16s %16s%n", "point", "swept", short_(view.x()), short_(view.y())));
            for (int i : f) {
                String swept = String.join(" ", grid.point(i).values());
                b.append(String.format(Locale.ROOT, "  %5d  %-40s %16s %16s%n", i, swept, fmt(x[i]), fmt(y[i])));
            }
            b.append(String.format(Locale.ROOT, "  %d of %d points on the frontier%n%n", f.size(), rows.size()));
        }
        return b.toString();
    }

    /** Writes {@code pareto.csv} and one SVG per view into {@code dir}; returns the paths written. */
    public List<Path> write(Path dir) {
        List<Path> written = new ArrayList<>();
        written.add(AtomicFiles.write(dir.resolve("pareto.csv"), csv()));
        for (Pareto.View view : Pareto.VIEWS) {
            String svg = SvgScatter.render(view.title(), view.x(), view.y(), column(view.x()), column(view.y()), frontier(view));
            written.add(AtomicFiles.write(dir.resolve("pareto-" + view.name() + ".svg"), svg));
        }
        return written;
    }

    private static String short_(String metric) {
        return switch (metric) {
            case "output_tokens_per_s_per_accelerator" -> "out tok/s/accel";
            case "tokens_per_s_per_user" -> "tok/s/user";
            case "usd_per_million_output_tokens" -> "$/M out tok";
            case "ttft_p99_ms" -> "TTFT p99 ms";
            case "output_tokens_per_facility_joule" -> "out tok/J";
            case "tpot_p99_ms" -> "TPOT p99 ms";
            default -> metric;
        };
    }

    private static String fmt(double v) {
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 1000 ? "%,.0f" : a >= 10 ? "%.1f" : "%.3f", v);
    }
}
