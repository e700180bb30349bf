package org.tokenfab.ui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and edits scenario YAML as a Jackson tree, by the dotted paths the loader's messages use
 * ({@code cluster.pools[0].parallelism.tp}). Writing the tree back loses comments and flow style
 * ({@code { tp: 1 }} becomes block style): the price of editing through a tree instead of the text,
 * which the form states in its tooltip. Key order is kept.
 */
public final class YamlTree {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d*([eE]-?\\d+)?|-?\\d+[eE]-?\\d+");

    private YamlTree() {
    }

    /** The document as a mapping, or null when it is not valid YAML or not a mapping at the top. */
    public static ObjectNode parse(String text) {
        try {
            JsonNode n = YAML.readTree(text);
            return n instanceof ObjectNode o ? o : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** The tree as YAML text. */
    public static String write(ObjectNode root) {
        try {
            return YAML.writeValueAsString(root);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write a YAML tree", e);
        }
    }

    /** The steps of a path: keys (String) and list indexes (Integer). */
    static List<Object> steps(String path) {
        List<Object> out = new ArrayList<>();
        Matcher m = STEP.matcher(path);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : (Object) Integer.valueOf(m.group(2)));
        }
        return out;
    }

    /** The node at {@code path}, or null if any step is missing. */
    public static JsonNode get(JsonNode root, String path) {
        JsonNode n = root;
        for (Object step : steps(path)) {
            if (n == null) {
                return null;
            }
            n = step instanceof Integer i ? (n.isArray() ? n.get(i) : null) : (n.isObject() ? n.get((String) step) : null);
        }
        return n;
    }

    /** The scalar at {@code path} as text, or "" if absent or not a scalar. */
    public static String text(JsonNode root, String path) {
        JsonNode n = get(root, path);
        return n == null || n.isContainerNode() || n.isNull() ? "" : n.asText();
    }

    /**
     * Sets the scalar at {@code path} from what the user typed, creating missing mappings on the
     * way; blank text removes the key (so the loader's default applies). Whole numbers become YAML
     * integers, decimals floats, anything else (10/s, 500ms, h100-sxm) a string.
     *
     * @throws IllegalArgumentException if a step crosses a scalar or a missing list element
     */
    public static void set(ObjectNode root, String path, String value) {
        List<Object> steps = steps(path);
        JsonNode n = root;
        for (int i = 0; i < steps.size() - 1; i++) {
            Object step = steps.get(i);
            JsonNode next;
            if (step instanceof Integer idx) {
                next = n instanceof ArrayNode a ? a.get(idx) : null;
                if (next == null) {
                    throw new IllegalArgumentException(path + ": no element " + idx);
                }
            } else if (n instanceof ObjectNode o) {
                next = o.get((String) step);
                if (next == null || next.isNull()) {
                    if (value.isBlank()) {
                        return; // nothing to remove
                    }
                    next = o.putObject((String) step);
                }
            } else {
                throw new IllegalArgumentException(path + ": " + step + " is not inside a mapping");
            }
            n = next;
        }
        if (!(n instanceof ObjectNode o)) {
            throw new IllegalArgumentException(path + ": not a mapping");
        }
        String key = (String) steps.get(steps.size() - 1);
        String v = value.strip();
        if (v.isEmpty()) {
            o.remove(key);
        } else if (INTEGER.matcher(v).matches()) {
            long whole = Long.parseLong(v);
            if (whole == (int) whole) {
                o.put(key, (int) whole); // as the YAML parser reads it back, so trees compare equal
            } else {
                o.put(key, whole);
            }
        } else if (DECIMAL.matcher(v).matches()) {
            o.put(key, Double.parseDouble(v));
        } else {
            o.put(key, v);
        }
    }

    /** Removes the key at {@code path} if present. */
    public static void remove(ObjectNode root, String path) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? root : get(root, path.substring(0, dot));
        if (parent instanceof ObjectNode o) {
            o.remove(path.substring(dot + 1));
        }
    }
}
