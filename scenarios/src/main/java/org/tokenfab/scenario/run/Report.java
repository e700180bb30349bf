package org.tokenfab.scenario.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tokenfab.sim.LatencyRecorder;

/**
 * {@code report.html}: one self-contained page that answers "how did it go" for a run -- the
 * scenario as written, the headline figures, latency CDFs, latency percentiles, throughput,
 * utilisation, KV occupancy and power over time, and the cost -- plus each chart as
 * {@code charts/<name>.svg} for slides. Why static SVG: it opens offline in any browser, prints,
 * and diffs; no script, stylesheet or font is fetched.
 */
public final class Report {
    private Report() {
    }

    /**
     * Writes {@code dir/report.html} and {@code dir/charts/*.svg} for a finished run.
     *
     * @param scenarioText the scenario's YAML as read, echoed in the report
     * @param overrides    the {@code --set} overrides applied on top of it
     */
    public static Path write(Path dir, ScenarioRun run, RunResult result, String scenarioText, List<String> overrides) {
        TimeSeries ts = run.timeSeries();
        if (ts == null) {
            throw new IllegalStateException("write the report after the run");
        }
        Map<String, String> charts = charts(run, ts);
        for (Map.Entry<String, String> c : charts.entrySet()) {
            AtomicFiles.write(dir.resolve("charts").resolve(c.getKey() + ".svg"), c.getValue());
        }
        return AtomicFiles.write(dir.resolve("report.html"), html(result, charts, scenarioText, overrides, run.warmupNanos(), ts));
    }

    /** The charts by file name, in page order. */
    static Map<String, String> charts(ScenarioRun run, TimeSeries ts) {
        Map<String, String> charts = new LinkedHashMap<>();
        charts.put("ttft-cdf", cdf("TTFT distribution", run.metrics().ttft()));
        charts.put("tpot-cdf", cdf("TPOT distribution", run.metrics().tpot()));
        charts.put("e2e-cdf", cdf("End-to-end latency distribution", run.metrics().e2e()));
        double[] x = fleetColumn(ts, TimeSeries.TIME);
        charts.put("ttft-over-time", SvgChart.line("TTFT percentiles per interval (requests completing in it)", "time (s)",
                "TTFT (ms)", List.of(new SvgChart.Series("p50", x, fleetColumn(ts, TimeSeries.TTFT_P50)),
                        new SvgChart.Series("p99", x, fleetColumn(ts, TimeSeries.TTFT_P99)))));
        charts.put("throughput", perPool(ts, "Output throughput per pool", "output tokens / s", TimeSeries.TOKENS, true));
        charts.put("utilisation", perPool(ts, "Busy fraction per pool", "busy fraction", TimeSeries.BUSY, false));
        charts.put("kv-occupancy", perPool(ts, "KV-cache occupancy per pool", "KV occupancy", TimeSeries.KV, false));
        charts.put("power", perPool(ts, "Facility power per pool", "facility power (W)", TimeSeries.FACILITY_W, false));
        charts.put("tokens-per-joule", perPool(ts, "Output tokens per joule of facility energy", "output tokens / J",
                TimeSeries.TOKENS_PER_J, false));
        return charts;
    }

    private static String cdf(String title, LatencyRecorder r) {
        LatencyCdf cdf = LatencyCdf.of(r);
        return SvgChart.line(title, "latency (ms)", "fraction of requests ≤ x",
                List.of(new SvgChart.Series(cdf.requests() + " requests", cdf.ms(), LatencyCdf.fractions())));
    }

    /** One line per pool; {@code perSecond} divides the column by the interval's length. */
    private static String perPool(TimeSeries ts, String title, String yLabel, int column, boolean perSecond) {
        List<SvgChart.Series> series = new ArrayList<>();
        for (int p = 0; p < ts.poolNames().size(); p++) {
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < ts.rows(); i++) {
                if (ts.pool(i) == p) {
                    rows.add(i);
                }
            }
            double[] x = new double[rows.size()];
            double[] y = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                int row = rows.get(i);
                x[i] = ts.value(row, TimeSeries.TIME);
                double v = ts.value(row, column);
                y[i] = perSecond ? v / ts.value(row, TimeSeries.INTERVAL) : v;
            }
            series.add(new SvgChart.Series(ts.poolNames().get(p), x, y));
        }
        return SvgChart.line(title, "time (s)", yLabel, series);
    }

    /** A fleet-wide column: the value on the first pool's rows (the same on every pool's row). */
    private static double[] fleetColumn(TimeSeries ts, int column) {
        return java.util.stream.IntStream.range(0, ts.rows()).filter(i -> ts.pool(i) == 0)
                .mapToDouble(i -> ts.value(i, column)).toArray();
    }

    private static String html(RunResult r, Map<String, String> charts, String scenarioText, List<String> overrides,
            long warmupNanos, TimeSeries ts) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = "TokenFab report: " + r.scenario();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(SvgChart.escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:1360px;margin:2em auto;padding:0 1em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}\n")
                .append("th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}\n")
                .append(".charts{display:flex;flex-wrap:wrap;gap:12px}.charts figure{margin:0}\n")
                .append("pre{background:#f7f7f7;padding:1em;overflow:auto}\n</style>\n</head>\n<body>\n");
        h.append("<h1>").append(SvgChart.escape(title)).append("</h1>\n<p>").append(SvgChart.escape(r.description()))
                .append("</p>\n");
        h.append("<p>seed ").append(r.seed()).append(" · ").append(fmt("%,.1f", r.simulatedSeconds()))
                .append(" s simulated · time series every ").append(SvgChart.label(ts.intervalNanos() / 1e9)).append(" s")
                .append(warmupNanos > 0 ? " · warm-up " + SvgChart.label(warmupNanos / 1e9)
                        + " s (latencies of requests arriving earlier are excluded)" : "")
                .append("</p>\n");
        h.append("<h2>Headline</h2>\n<table>\n");
        row(h, "requests", fmt("%,d arrived, %,d completed, %,d rejected", r.arrived(), r.completed(), r.rejected()));
        row(h, "TTFT p50 / p99", fmt("%.1f / %.1f ms", r.ttft().p50(), r.ttft().p99()));
        row(h, "TPOT p50 / p99", fmt("%.2f / %.2f ms", r.tpot().p50(), r.tpot().p99()));
        row(h, "E2E p50 / p99", fmt("%.0f / %.0f ms", r.e2e().p50(), r.e2e().p99()));
        row(h, "throughput", fmt("%,.0f output tok/s · %,.0f input tok/s · %.2f req/s", r.outputTokensPerSecond(),
                r.inputTokensPerSecond(), r.requestsPerSecond()));
        row(h, "goodput", fmt("%.2f req/s within SLO", r.goodputRps()));
        FacilityResult f = r.facility();
        row(h, "power", fmt("facility %,.0f W mean, %,.0f W peak (1-s windows) · PUE %.2f", f.facilityMeanW(),
                f.facilityPeakW(), f.pue()));
        row(h, "energy", fmt("%.3f output tokens per joule of facility energy · %.3f per accelerator joule",
                f.outputTokensPerFacilityJoule(), f.outputTokensPerAcceleratorJoule()));
        row(h, "cost", fmt("$%.3f per million output tokens · $%.3f per million input tokens · $%.2f/h · $%.2f in total",
                f.usdPerMillionOutputTokens(), f.usdPerMillionInputTokens(), f.usdPerHour(), f.usdTotal()));
        h.append("</table>\n<h2>Pools</h2>\n<table>\n<tr><th>pool</th><th>replicas</th><th>accelerator</th><th>busy</th>")
                .append("<th>KV used</th><th>MFU</th><th>MBU</th><th>energy (kJ)</th><th>cost ($/h)</th></tr>\n");
        for (PoolResult p : r.pools()) {
            h.append("<tr><td>").append(SvgChart.escape(p.name())).append("</td><td>").append(p.replicas()).append("</td><td>")
                    .append(SvgChart.escape(p.accelerator())).append("</td><td>").append(fmt("%.1f%%", 100 * p.busyFraction()))
                    .append("</td><td>").append(fmt("%.1f%%", 100 * p.meanKvOccupancy())).append("</td><td>")
                    .append(fmt("%.1f%%", 100 * p.mfu())).append("</td><td>").append(fmt("%.1f%%", 100 * p.mbu()))
                    .append("</td><td>").append(fmt("%,.0f", p.acceleratorJoules() / 1e3)).append("</td><td>")
                    .append(fmt("%.2f", p.costUsdPerHour())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        section(h, "Latency", charts, "ttft-cdf", "tpot-cdf", "e2e-cdf", "ttft-over-time");
        section(h, "Throughput and utilisation", charts, "throughput", "utilisation", "kv-occupancy");
        section(h, "Power and energy", charts, "power", "tokens-per-joule");
        h.append("<h2>Scenario</h2>\n");
        if (!overrides.isEmpty()) {
            h.append("<p>with overrides: <code>").append(SvgChart.escape(String.join(" ", overrides))).append("</code></p>\n");
        }
        h.append("<pre>").append(SvgChart.escape(scenarioText)).append("</pre>\n");
        h.append("<p>Files beside this page: summary.json, timeseries.csv, charts/*.svg.</p>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void section(StringBuilder h, String title, Map<String, String> charts, String... names) {
        h.append("<h2>").append(SvgChart.escape(title)).append("</h2>\n<div class=\"charts\">\n");
        for (String n : names) {
            h.append("<figure id=\"chart-").append(n).append("\">\n").append(charts.get(n)).append("</figure>\n");
        }
        h.append("</div>\n");
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><td>").append(SvgChart.escape(name)).append("</td><td>").append(SvgChart.escape(value))
                .append("</td></tr>\n");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
