package org.tokenfab.scenario.load;

import org.tokenfab.hardware.SafeYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import org.tokenfab.sim.TokenFabException;

/**
 * {@code --set PATH=VALUE}: replaces one field of the scenario tree before it is read, addressed by
 * its YAML path with list items by index ({@code cluster.pools[0].replicas=8}). The value is read
 * as YAML, so {@code 8} is a number, {@code 20/s} a string and {@code {tp: 2}} a mapping.
 *
 * <p>Missing mappings on the way are created (the loader then checks every key against what is
 * allowed, with a suggestion); a list index out of range, or a path through a value that is not a
 * mapping, is an error naming the path.
 */
final class Overrides {
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_\\-]+)((?:\\[\\d+\\])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)\\]");

    private Overrides() {
    }

    static void apply(ObjectNode root, List<String> assignments, SafeYaml yaml) {
        for (String assignment : assignments) {
            applyOne(root, assignment, yaml);
        }
    }

    private static void applyOne(ObjectNode root, String assignment, SafeYaml yaml) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new TokenFabException("--set " + assignment + ": expected PATH=VALUE, e.g. --set workload.arrivals.rate=20/s");
        }
        String path = assignment.substring(0, eq).trim();
        JsonNode value = parseValue(assignment.substring(eq + 1), yaml);

        List<Object> steps = parsePath(path, assignment);
        JsonNode current = root;
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (step instanceof String key) {
                if (!(current instanceof ObjectNode object)) {
                    throw new TokenFabException("--set " + path + ": " + walked + " is not a mapping, so it has no field '" + key + "'");
                }
                if (walked.length() > 0) {
                    walked.append('.');
                }
                walked.append(key);
                if (last) {
                    object.set(key, value);
                    return;
                }
                JsonNode next = object.get(key);
                if (next == null || next.isNull()) {
                    next = steps.get(i + 1) instanceof String ? object.putObject(key) : null;
                    if (next == null) {
                        throw new TokenFabException("--set " + path + ": " + walked + " does not exist, so it has no items");
                    }
                }
                current = next;
            } else {
                int index = (Integer) step;
                if (!(current instanceof ArrayNode array)) {
                    throw new TokenFabException("--set " + path + ": " + walked + " is not a list");
                }
                if (index >= array.size()) {
                    throw new TokenFabException("--set " + path + ": " + walked + " has " + array.size()
                            + (array.size() == 1 ? " item" : " items") + ", so index " + index
                            + " does not exist (indices start at 0)");
                }
                walked.append('[').append(index).append(']');
                if (last) {
                    array.set(index, value);
                    return;
                }
                current = array.get(index);
            }
        }
    }

    private static List<Object> parsePath(String path, String assignment) {
        List<Object> steps = new ArrayList<>();
        for (String segment : path.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(segment);
            if (!m.matches()) {
                throw new TokenFabException("--set " + assignment + ": '" + path
                        + "' is not a YAML path; write fields separated by dots and list items by index, e.g. cluster.pools[0].replicas");
            }
            steps.add(m.group(1));
            Matcher idx = INDEX.matcher(m.group(2));
            while (idx.find()) {
                steps.add(Integer.parseInt(idx.group(1)));
            }
        }
        return steps;
    }

    private static JsonNode parseValue(String text, SafeYaml yaml) {
        if (text.isBlank()) {
            return TextNode.valueOf(text);
        }
        try {
            JsonNode v = yaml.read("--set value", text);
            return v == null || v.isMissingNode() ? TextNode.valueOf(text) : v;
        } catch (TokenFabException e) {
            // Not valid (or not plain) YAML on its own (e.g. "a: b: c", "*x"): take it literally as a string.
            return TextNode.valueOf(text);
        }
    }
}
