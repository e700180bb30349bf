package org.tokenfab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.tokenfab.scenario.run.NumberText;
import org.tokenfab.scenario.sweep.PointSummaries;
import org.tokenfab.sim.TokenFabException;

/**
 * Headline metrics of several {@code summary.json} files side by side, each against the first
 * (absolute and relative differences). Reads the files, not the records, so results from earlier
 * runs, other machines or other versions of schema 1 compare too.
 */
final class SummaryComparison {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A sweep's point: {@code SWEEP#N}, the sweep's folder (or its points.jsonl) and the point's number. */
    private static final Pattern SWEEP_POINT = Pattern.compile("(.+)#([0-9]{1,9})");

    /** One compared figure: its label and where it is in the summary. */
    record Metric(String label, String pointer) {
    }

    static final List<Metric> METRICS = List.of(
            new Metric("requests completed", "/requests/completed"),
            new Metric("requests rejected", "/requests/rejected"),
            new Metric("TTFT mean ms", "/latency_ms/ttft/mean"),
            new Metric("TTFT p99 ms", "/latency_ms/ttft/p99"),
            new Metric("TPOT mean ms", "/latency_ms/tpot/mean"),
            new Metric("TPOT p99 ms", "/latency_ms/tpot/p99"),
            new Metric("ITL p99 ms", "/latency_ms/itl/p99"),
            new Metric("E2E p50 ms", "/latency_ms/e2e/p50"),
            new Metric("E2E p99 ms", "/latency_ms/e2e/p99"),
            new Metric("output tok/s", "/throughput/output_tokens_per_s"),
            new Metric("requests/s", "/throughput/requests_per_s"),
            new Metric("goodput req/s", "/goodput_rps"),
            new Metric("accelerators", "accelerators"),
            new Metric("facility power W", "/power_w/facility_mean"),
            new Metric("output tok/J facility", "/tokens_per_joule/output_facility"),
            new Metric("$ per hour", "/cost/usd_per_hour"),
            new Metric("$ per M output tok", "/cost/usd_per_million_output_tokens"));

    /** A summary file read and checked: its label (folder name) and the values of {@link #METRICS}. */
    record Summary(Path file, String label, double[] values) {
    }

    private final List<Summary> summaries;

    SummaryComparison(List<Summary> summaries) {
        if (summaries.size() < 2) {
            throw new TokenFabException("compare needs two or more summary.json files (got " + summaries.size()
                    + "), e.g. tokenfab compare out/a/summary.json out/b/summary.json");
        }
        this.summaries = List.copyOf(summaries);
    }

    /**
     * Reads {@code file} (or {@code file/summary.json} for a folder, or point N's line of a sweep's
     * {@code points.jsonl} for {@code SWEEP#N}), checking it is schema 1.
     */
    static Summary read(Path file) {
        Matcher point = SWEEP_POINT.matcher(file.toString());
        if (!Files.exists(file) && point.matches()) {
            int n = Integer.parseInt(point.group(2));
            return parse(file, "point " + n, PointSummaries.read(Path.of(point.group(1)), n));
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("summary.json");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new TokenFabException(file + ": no such file; give summary.json files written by `tokenfab run` or `sweep`");
        } catch (IOException e) {
            throw new TokenFabException(file + ": cannot read: " + e.getMessage(), e);
        }
        Path parent = file.toAbsolutePath().getParent();
        return parse(file, parent != null && parent.getFileName() != null ? parent.getFileName().toString() : file.toString(), text);
    }

    /** A summary's figures from its JSON text; {@code file} names it in errors and where labels clash. */
    private static Summary parse(Path file, String label, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new TokenFabException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new TokenFabException(file + ": not a summary.json (expected a JSON object with schema_version 1)");
        }
        JsonNode version = root.get("schema_version");
        if (version == null || !version.isInt()) {
            throw new TokenFabException(file + ": no schema_version; not a TokenFab summary.json");
        }
        if (version.asInt() != 1) {
            throw new TokenFabException(file + ": schema_version " + version.asInt()
                    + " is not supported; this TokenFab reads schema_version 1 (compare files written by the same version)");
        }
        double[] values = new double[METRICS.size()];
        for (int i = 0; i < values.length; i++) {
            String pointer = METRICS.get(i).pointer();
            if (pointer.equals("accelerators")) {
                double sum = 0;
                for (JsonNode pool : root.path("pools")) {
                    sum += pool.path("accelerators").asDouble(0);
                }
                values[i] = sum;
            } else {
                JsonNode v = root.at(pointer);
                values[i] = v.isNumber() ? v.asDouble() : Double.NaN;
            }
        }
        return new Summary(file, label, values);
    }

    /** Labels: folder names, or the whole path where two folders share a name. */
    List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (Summary s : summaries) {
            boolean clash = summaries.stream().filter(o -> o.label().equals(s.label())).count() > 1;
            labels.add(clash ? s.file().toString() : s.label());
        }
        return labels;
    }

    /** The table: one row per metric, the first file's value, then each other's with its difference. */
    String table() {
        List<String> labels = labels();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-22s %14s", "metric", cut(labels.get(0), 14)));
        for (int f = 1; f < summaries.size(); f++) {
            b.append(String.format(Locale.ROOT, " %14s %22s", cut(labels.get(f), 14), "vs " + cut(labels.get(0), 19)));
        }
        b.append('\n');
        for (int m = 0; m < METRICS.size(); m++) {
            double a = summaries.get(0).values()[m];
            b.append(String.format(Locale.ROOT, "%-22s %14s", METRICS.get(m).label(), fmt(a)));
            for (int f = 1; f < summaries.size(); f++) {
                double v = summaries.get(f).values()[m];
                b.append(String.format(Locale.ROOT, " %14s %22s", fmt(v), diff(a, v)));
            }
            b.append('\n');
        }
        b.append("files: ");
        for (int f = 0; f < summaries.size(); f++) {
            b.append(f == 0 ? "" : ", ").append(labels.get(f).equals(summaries.get(f).file().toString())
                    ? labels.get(f) : labels.get(f) + " = " + summaries.get(f).file());
        }
        return b.append('\n').toString();
    }

    /** {@code metric, <label>, <label>, <label>_diff, <label>_diff_pct, ...}; empty cells for undefined figures. */
    String csv() {
        List<String> labels = labels();
        StringBuilder b = new StringBuilder("metric,").append(csvCell(labels.get(0)));
        for (int f = 1; f < summaries.size(); f++) {
            String l = labels.get(f);
            b.append(',').append(csvCell(l)).append(',').append(csvCell(l + "_diff")).append(',').append(csvCell(l + "_diff_pct"));
        }
        b.append('\n');
        for (int m = 0; m < METRICS.size(); m++) {
            double a = summaries.get(0).values()[m];
            b.append(csvCell(METRICS.get(m).label())).append(',').append(num(a));
            for (int f = 1; f < summaries.size(); f++) {
                double v = summaries.get(f).values()[m];
                b.append(',').append(num(v)).append(',').append(num(v - a)).append(',')
                        .append(a != 0 ? num((v - a) / Math.abs(a) * 100) : "");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String diff(double a, double v) {
        if (!Double.isFinite(a) || !Double.isFinite(v)) {
            return "";
        }
        String abs = (v - a >= 0 ? "+" : "") + fmt(v - a);
        if (a == 0) {
            return abs;
        }
        return abs + String.format(Locale.ROOT, " (%+.1f%%)", (v - a) / Math.abs(a) * 100);
    }

    private static String fmt(double v) {
        return NumberText.compact(v);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "";
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : "…" + s.substring(s.length() - n + 1);
    }

    private static String csvCell(String s) {
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
