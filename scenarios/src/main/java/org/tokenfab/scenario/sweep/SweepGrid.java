package org.tokenfab.scenario.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tokenfab.scenario.Scenario.SweepAxis;
import org.tokenfab.sim.TokenFabException;

/**
 * The grid of a sweep: the cartesian product of its axes, in a fixed order (the first axis varies
 * slowest, like nested loops written in the order the axes were given), so point {@code i} always
 * means the same overrides and a resumed sweep can trust its earlier rows.
 *
 * @param axes the axes, each with at least one value
 */
public record SweepGrid(List<SweepAxis> axes) {
    /** More points than this is almost certainly a typo; it would also take days. */
    public static final int MAX_POINTS = 10_000;

    public SweepGrid {
        axes = List.copyOf(axes);
        if (axes.isEmpty()) {
            throw new TokenFabException("nothing to sweep: give --sweep PATH=V1,V2,... or a `sweep:` section in the scenario,"
                    + " e.g. --sweep cluster.pools[0].replicas=1,2,4");
        }
        long n = 1;
        for (SweepAxis a : axes) {
            if (a.values().isEmpty()) {
                throw new TokenFabException("sweep " + a.path() + ": no values; give at least one");
            }
            n *= a.values().size();
            if (n > MAX_POINTS) {
                throw new TokenFabException("the sweep has more than " + MAX_POINTS + " points; sweep fewer values or fewer fields");
            }
        }
    }

    /** One point: its index in the grid and one value per axis (in the order of the axes). */
    public record Point(int index, List<String> values) {
        public Point {
            values = List.copyOf(values);
        }
    }

    /**
     * The scenario's own axes, then the command line's: an axis on a path the scenario already
     * sweeps replaces it in place; a new path is appended.
     */
    public static SweepGrid of(List<SweepAxis> fromScenario, List<SweepAxis> fromCommandLine) {
        Map<String, SweepAxis> byPath = new LinkedHashMap<>();
        for (SweepAxis a : fromScenario) {
            byPath.put(a.path(), a);
        }
        for (SweepAxis a : fromCommandLine) {
            byPath.put(a.path(), a);
        }
        return new SweepGrid(new ArrayList<>(byPath.values()));
    }

    /**
     * {@code PATH=V1,V2,...} as given to {@code --sweep}; values are split on top-level commas only,
     * so {@code {tp: 2, pp: 1}}, {@code [a, b]} and quoted strings stay whole.
     */
    public static SweepAxis parseAxis(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new TokenFabException("--sweep " + text + ": expected PATH=V1,V2,..., e.g. --sweep cluster.pools[0].replicas=1,2,4");
        }
        String path = text.substring(0, eq).strip();
        List<String> values = splitTopLevel(text.substring(eq + 1));
        for (String v : values) {
            if (v.isEmpty()) {
                throw new TokenFabException("--sweep " + text + ": an empty value (two commas in a row, or one at an end)");
            }
        }
        return new SweepAxis(path, values);
    }

    /**
     * Splits on commas that are not inside {@code {...}}, {@code [...]} or quotes; each part is
     * stripped of surrounding blanks.
     */
    public static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(part.toString().strip());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString().strip());
        return parts;
    }

    /** Number of points. */
    public int size() {
        int n = 1;
        for (SweepAxis a : axes) {
            n *= a.values().size();
        }
        return n;
    }

    /** Every point, in index order. */
    public List<Point> points() {
        List<Point> points = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            points.add(point(i));
        }
        return points;
    }

    /** Point {@code index}: its digits in the mixed radix of the axes' sizes, the last axis fastest. */
    public Point point(int index) {
        String[] values = new String[axes.size()];
        int rest = index;
        for (int a = axes.size() - 1; a >= 0; a--) {
            List<String> v = axes.get(a).values();
            values[a] = v.get(rest % v.size());
            rest /= v.size();
        }
        return new Point(index, List.of(values));
    }

    /** The point's overrides in {@code --set} form. */
    public List<String> sets(Point p) {
        List<String> sets = new ArrayList<>();
        for (int a = 0; a < axes.size(); a++) {
            sets.add(axes.get(a).path() + "=" + p.values().get(a));
        }
        return sets;
    }

    /** The axes' paths, which name the swept columns of {@code sweep.csv}. */
    public List<String> paths() {
        return axes.stream().map(SweepAxis::path).toList();
    }

    /** {@code path=value, path=value} for messages. */
    public String describe(Point p) {
        return String.join(", ", sets(p));
    }

    /** SHA-256 of text, in hex. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
