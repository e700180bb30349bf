package org.tokenfab.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tokenfab.sim.TokenFabException;

/**
 * The bounds a commit is known to miss, with the error it missed them by: a committed CSV
 * ({@code suite,what,value,bound}) that lets CI run every suite and still fail on a regression.
 * A miss is a regression when it is not listed, or when its error grew by more than
 * {@value #SLACK_POINTS} percentage points or {@value #SLACK_SHARE} of the listed error,
 * whichever is larger. Listed misses that now hold are reported as fixed, so the file can shrink.
 */
public final class KnownMisses {
    /** Absolute slack, in the check's own unit (percentage points for errors). */
    static final double SLACK_POINTS = 1.0;
    /** Relative slack. */
    static final double SLACK_SHARE = 0.05;

    private final Map<String, Double> listed;

    private KnownMisses(Map<String, Double> listed) {
        this.listed = listed;
    }

    /** What the reports missed, as a file would list it. */
    public static KnownMisses of(List<SuiteReport> reports) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (SuiteReport r : reports) {
            for (BoundCheck c : r.failures()) {
                m.put(key(r.suite(), c.what()), c.value());
            }
        }
        return new KnownMisses(m);
    }

    /** Reads a file written by {@link #write}; errors name the file and line. */
    public static KnownMisses read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TokenFabException("cannot read the known-misses file " + file + ": " + e.getMessage());
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> f = Csv.split(line);
            if (f.size() != 4) {
                throw new TokenFabException(file + ":" + (i + 1) + ": expected 4 fields (suite,what,value,bound), found " + f.size());
            }
            try {
                m.put(key(f.get(0), f.get(1)), Double.parseDouble(f.get(2)));
            } catch (NumberFormatException e) {
                throw new TokenFabException(file + ":" + (i + 1) + ": value '" + f.get(2) + "' is not a number");
            }
        }
        return new KnownMisses(m);
    }

    /** Writes the misses of {@code reports} as the new list. */
    public static void write(Path file, List<SuiteReport> reports) {
        StringBuilder sb = new StringBuilder("suite,what,value,bound\n");
        for (SuiteReport r : reports) {
            for (BoundCheck c : r.failures()) {
                sb.append(Csv.field(r.suite())).append(',').append(Csv.field(c.what())).append(',')
                        .append(String.format(Locale.ROOT, "%.2f,%.2f%n", c.value(), c.bound()));
            }
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Missed bounds that are not listed, or listed with a clearly smaller error. */
    public List<String> regressions(List<SuiteReport> reports) {
        List<String> out = new ArrayList<>();
        for (SuiteReport r : reports) {
            for (BoundCheck c : r.failures()) {
                Double was = listed.get(key(r.suite(), c.what()));
                if (was == null) {
                    out.add(String.format(Locale.ROOT, "%s: %s = %.1f (bound %.1f): a new miss", r.suite(), c.what(), c.value(),
                            c.bound()));
                } else if (c.value() > was + Math.max(SLACK_POINTS, SLACK_SHARE * was)) {
                    out.add(String.format(Locale.ROOT, "%s: %s = %.1f (bound %.1f): worse than the known %.1f", r.suite(),
                            c.what(), c.value(), c.bound(), was));
                }
            }
        }
        return out;
    }

    /** Listed misses of the suites in {@code reports} that now hold. */
    public List<String> fixed(List<SuiteReport> reports) {
        List<String> out = new ArrayList<>();
        for (SuiteReport r : reports) {
            for (BoundCheck c : r.checks()) {
                if (c.passed() && listed.containsKey(key(r.suite(), c.what()))) {
                    out.add(r.suite() + ": " + c.what());
                }
            }
        }
        return out;
    }

    public int size() {
        return listed.size();
    }

    private static String key(String suite, String what) {
        return suite + "\u0000" + what;
    }

    /** Minimal CSV quoting for the two text fields. */
    static final class Csv {
        private Csv() {
        }

        static String field(String s) {
            return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
        }

        static List<String> split(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        cur.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    out.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(ch);
                }
            }
            out.add(cur.toString());
            return out;
        }
    }
}
