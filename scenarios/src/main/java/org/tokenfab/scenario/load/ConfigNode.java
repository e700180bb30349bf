package org.tokenfab.scenario.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.tokenfab.sim.DidYouMean;
import org.tokenfab.sim.TokenFabException;

/**
 * A YAML mapping being read into records, with its file and YAML path, so that every error says
 * where it is: {@code quickstart.yaml: workload.arrivals.rate: ...}.
 *
 * <p>Every getter remembers the key it was asked for, present or not; {@link #finish()} then
 * rejects any key nobody asked for, with a "did you mean" suggestion. So the set of allowed keys is
 * exactly the set the loader reads, and cannot drift from it.
 */
public final class ConfigNode {
    private final String source;
    private final String path;
    private final JsonNode node;
    private final Set<String> known = new LinkedHashSet<>();

    ConfigNode(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    /** The whole document, which must be a mapping. */
    public static ConfigNode root(String source, JsonNode node) {
        ConfigNode root = new ConfigNode(source, "", node);
        if (node == null || !node.isObject()) {
            throw new TokenFabException(source + ": expected a mapping of scenario fields (name: ..., model: ..., ...) at the top level, got "
                    + describe(node));
        }
        return root;
    }

    public String source() {
        return source;
    }

    /** The YAML path of this node, e.g. {@code cluster.pools[0]}; empty for the root. */
    public String path() {
        return path;
    }

    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** An error about {@code key} of this node. */
    public TokenFabException error(String key, String message) {
        return new TokenFabException(source + ": " + pathOf(key) + ": " + message);
    }

    /** An error about this node as a whole. */
    public TokenFabException error(String message) {
        return new TokenFabException(source + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    public boolean has(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    private JsonNode required(String key, String expected) {
        if (!has(key)) {
            throw missing(key, expected);
        }
        return node.get(key);
    }

    /** A missing key, with the present key it was probably misspelt as, if any. */
    TokenFabException missing(String key, String expected) {
        List<String> present = new ArrayList<>();
        node.fieldNames().forEachRemaining(present::add);
        present.removeAll(known);
        String typo = DidYouMean.suggest(key, present)
                .map(p -> " (found '" + p + "': did you mean '" + key + "'?)").orElse("");
        return error(key, "missing" + typo + "; expected " + expected);
    }

    /** The raw value at {@code key} (null if absent), for fields that take several forms. */
    public JsonNode raw(String key) {
        return has(key) ? node.get(key) : null;
    }

    public String string(String key) {
        JsonNode v = required(key, "a string");
        if (!v.isTextual()) {
            throw error(key, "expected a string, got " + describe(v));
        }
        return v.asText();
    }

    public String string(String key, String defaultValue) {
        return has(key) ? string(key) : defaultValue;
    }

    /** A string that must be one of {@code allowed}. */
    public String choice(String key, Collection<String> allowed, String defaultValue) {
        if (!has(key)) {
            if (defaultValue == null) {
                throw missing(key, "one of " + String.join(", ", allowed));
            }
            return defaultValue;
        }
        String v = string(key);
        if (!allowed.contains(v)) {
            throw error(key, "'" + v + "' is not allowed; expected one of " + String.join(", ", allowed)
                    + DidYouMean.clause(v, allowed));
        }
        return v;
    }

    public long integer(String key, long min, long max) {
        JsonNode v = required(key, "an integer in [" + min + ", " + max + "]");
        return checkedInteger(key, v, min, max);
    }

    public long integer(String key, long defaultValue, long min, long max) {
        return has(key) ? integer(key, min, max) : defaultValue;
    }

    private long checkedInteger(String key, JsonNode v, long min, long max) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(key, "expected an integer in [" + min + ", " + max + "], got " + describe(v));
        }
        long x = v.asLong();
        if (x < min || x > max) {
            throw error(key, x + " is out of range; allowed: [" + min + ", " + max + "]");
        }
        return x;
    }

    public boolean bool(String key) {
        JsonNode v = required(key, "true or false");
        if (!v.isBoolean()) {
            throw error(key, "expected true or false, got " + describe(v));
        }
        return v.asBoolean();
    }

    /** A number in the closed range [min, max]. */
    public double number(String key, double min, double max) {
        JsonNode v = required(key, "a number in [" + min + ", " + max + "]");
        if (!v.isNumber()) {
            throw error(key, "expected a number in [" + min + ", " + max + "], got " + describe(v));
        }
        double x = v.asDouble();
        if (!(x >= min && x <= max)) {
            throw error(key, x + " is out of range; allowed: [" + min + ", " + max + "]");
        }
        return x;
    }

    public double number(String key, double defaultValue, double min, double max) {
        return has(key) ? number(key, min, max) : defaultValue;
    }

    /** A positive duration in nanoseconds, at most {@code maxNanos}. */
    public long duration(String key, long maxNanos) {
        return duration(key, maxNanos, false);
    }

    /** A duration in nanoseconds that may be zero (think times, delays), at most {@code maxNanos}. */
    public long durationOrZero(String key, long maxNanos) {
        return duration(key, maxNanos, true);
    }

    private long duration(String key, long maxNanos, boolean zeroAllowed) {
        JsonNode v = required(key, Quantities.DURATION_FORMS);
        OptionalDouble nanos = v.isNumber() ? OptionalDouble.of(v.asDouble() * 1e9)
                : v.isTextual() ? negatable(v.asText(), Quantities::durationNanos) : OptionalDouble.empty();
        if (nanos.isEmpty()) {
            throw error(key, "expected " + Quantities.DURATION_FORMS + ", got " + describe(v));
        }
        double x = nanos.getAsDouble();
        long days = maxNanos / 86_400_000_000_000L;
        if (!((zeroAllowed ? x >= 0 : x >= 1) && x <= maxNanos)) {
            throw error(key, describe(v) + " is out of range; allowed: "
                    + (zeroAllowed ? "0 to " + days + " days" : "more than 0 and at most " + days + " days"));
        }
        return Math.round(x);
    }

    /** A rate in events per second in [0, max]: zero allowed (an idle state). */
    public double rateOrZero(String key, double maxPerSecond) {
        return rate(key, maxPerSecond, true);
    }

    /** A rate in events per second in (0, max]. */
    public double rate(String key, double maxPerSecond) {
        return rate(key, maxPerSecond, false);
    }

    private double rate(String key, double maxPerSecond, boolean zeroAllowed) {
        JsonNode v = required(key, Quantities.RATE_FORMS);
        OptionalDouble rate = v.isNumber() ? OptionalDouble.of(v.asDouble())
                : v.isTextual() ? negatable(v.asText(), Quantities::ratePerSecond) : OptionalDouble.empty();
        if (rate.isEmpty()) {
            throw error(key, "expected " + Quantities.RATE_FORMS + ", got " + describe(v));
        }
        double x = rate.getAsDouble();
        if (!((zeroAllowed ? x >= 0 : x > 0) && x <= maxPerSecond)) {
            throw error(key, describe(v) + " is out of range; allowed: " + (zeroAllowed ? "from 0/s" : "more than 0/s")
                    + " and at most " + maxPerSecond + "/s");
        }
        return x;
    }

    /**
     * A quantity that may carry a minus sign ({@code -5/s}): parsed as its negative, so that the
     * range check says what is allowed instead of "not a rate".
     */
    private static OptionalDouble negatable(String text, java.util.function.Function<String, OptionalDouble> parse) {
        String t = text.strip();
        if (t.startsWith("-")) {
            OptionalDouble magnitude = parse.apply(t.substring(1));
            return magnitude.isPresent() ? OptionalDouble.of(-magnitude.getAsDouble()) : magnitude;
        }
        return parse.apply(text);
    }

    /** A required nested mapping. */
    public ConfigNode child(String key) {
        JsonNode v = required(key, "a mapping");
        if (!v.isObject()) {
            throw error(key, "expected a mapping (key: value lines or { ... }), got " + describe(v));
        }
        return new ConfigNode(source, pathOf(key), v);
    }

    public Optional<ConfigNode> optionalChild(String key) {
        return has(key) ? Optional.of(child(key)) : Optional.empty();
    }

    /** A required non-empty list of mappings. */
    public List<ConfigNode> list(String key) {
        JsonNode v = required(key, "a list");
        if (!v.isArray() || v.isEmpty()) {
            throw error(key, "expected a non-empty list (lines starting with '- '), got " + describe(v));
        }
        List<ConfigNode> items = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            String itemPath = pathOf(key) + "[" + i + "]";
            if (!item.isObject()) {
                throw new TokenFabException(source + ": " + itemPath + ": expected a mapping, got " + describe(item));
            }
            items.add(new ConfigNode(source, itemPath, item));
        }
        return items;
    }

    /** The keys of this mapping in YAML order, each then known (for mappings whose keys are names, like routes). */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        known.addAll(keys);
        return keys;
    }

    /** Rejects every key of this mapping that no getter asked for. Call after reading it. */
    public void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!known.contains(key)) {
                throw error(key, "unknown field" + DidYouMean.clause(key, known) + "; allowed here: "
                        + String.join(", ", known));
            }
        }
    }

    static String describe(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isTextual()) {
            return "'" + v.asText() + "'";
        }
        return v.toString();
    }
}
