package org.tokenfab.scenario.load;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses quantities with units as people write them in YAML: durations ({@code 30m}, {@code 50ms},
 * {@code 2.5s}) and rates ({@code 40/s}, {@code 1200/min}). A bare number is in the base unit:
 * seconds, or requests per second.
 */
public final class Quantities {
    private static final String NUMBER = "([0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\\.[0-9]+(?:[eE][-+]?[0-9]+)?)";
    private static final Pattern DURATION = Pattern.compile("\\s*" + NUMBER + "\\s*([a-zµ]*)\\s*");
    private static final Pattern RATE = Pattern.compile("\\s*" + NUMBER + "\\s*(?:/\\s*([a-z]+))?\\s*");

    /** Nanoseconds per unit. */
    private static final Map<String, Double> TIME_UNITS = Map.ofEntries(
            Map.entry("", 1e9), Map.entry("ns", 1.0), Map.entry("us", 1e3), Map.entry("µs", 1e3),
            Map.entry("ms", 1e6), Map.entry("s", 1e9), Map.entry("m", 60e9), Map.entry("min", 60e9),
            Map.entry("h", 3600e9), Map.entry("d", 86400e9));

    /** Seconds per unit of the rate's denominator. */
    private static final Map<String, Double> RATE_UNITS = Map.of(
            "ms", 1e-3, "s", 1.0, "sec", 1.0, "m", 60.0, "min", 60.0, "h", 3600.0, "d", 86400.0);

    public static final String DURATION_FORMS = "a duration such as 500ms, 30s, 10m, 2h (units ns, us, ms, s, m, min, h, d; a bare number is seconds)";
    public static final String RATE_FORMS = "a rate such as 40/s, 1200/min, 5000/h (a bare number is per second)";

    private Quantities() {
    }

    /** An ECMA-262 regex (for JSON Schema) matching exactly the strings {@link #durationNanos} reads. */
    static String durationRegex() {
        return "^\\s*" + NUMBER + "\\s*(?:" + alternatives(TIME_UNITS.keySet()) + ")?\\s*$";
    }

    /** An ECMA-262 regex (for JSON Schema) matching exactly the strings {@link #ratePerSecond} reads. */
    static String rateRegex() {
        return "^\\s*" + NUMBER + "\\s*(?:/\\s*(?:" + alternatives(RATE_UNITS.keySet()) + "))?\\s*$";
    }

    /** An ECMA-262 regex matching the durations and rates above whose number is zero ({@code 0s}, {@code 0.0/min}). */
    static String zeroRegex() {
        return "^\\s*(?:0+(?:\\.0*)?|\\.0+)(?:[eE][-+]?[0-9]+)?\\s*(?:[a-zµ/].*)?$";
    }

    /** Longest first, so that {@code ms} is tried before {@code m}; sorted for a stable schema. */
    private static String alternatives(java.util.Set<String> units) {
        return units.stream().filter(u -> !u.isEmpty())
                .sorted(java.util.Comparator.comparing(String::length).reversed().thenComparing(java.util.Comparator.naturalOrder()))
                .collect(java.util.stream.Collectors.joining("|"));
    }

    /** Nanoseconds, or empty if the text is not a duration. */
    public static OptionalDouble durationNanos(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        Double unit = TIME_UNITS.get(m.group(2));
        return unit == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(m.group(1)) * unit);
    }

    /** Events per second, or empty if the text is not a rate. */
    public static OptionalDouble ratePerSecond(String text) {
        Matcher m = RATE.matcher(text);
        if (!m.matches()) {
            return OptionalDouble.empty();
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        Double seconds = RATE_UNITS.get(unit);
        return seconds == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(m.group(1)) / seconds);
    }
}
