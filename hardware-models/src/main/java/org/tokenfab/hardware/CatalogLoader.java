package org.tokenfab.hardware;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tokenfab.sim.DidYouMean;
import org.tokenfab.sim.TokenFabException;

/**
 * Reads catalog YAML into records. It walks the Jackson tree by hand instead of binding by
 * reflection: every problem is reported with the resource and the field path, unknown fields are
 * rejected (a typo must not silently drop a number), and every number must come as
 * {@code { value: ..., source: "...", confidence: high|medium|low-preliminary }}.
 */
final class CatalogLoader {
    /** Immutable once built, so sharing it is safe; duplicate keys are errors, not last-one-wins. */
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final String NUMBER_SHAPE =
            "write numbers as { value: ..., source: \"...\", confidence: " + Confidence.allowedNames().replace(", ", "|") + " }";

    private CatalogLoader() {
    }

    /**
     * Loads {@code root + "index.yaml"} and every entry it lists from {@code loader}'s resources.
     *
     * @param root resource directory ending in '/', e.g. {@code org/tokenfab/hardware/catalog/}
     */
    static Catalog load(String root, ClassLoader loader) {
        String indexName = root + "index.yaml";
        JsonNode index = parse(open(loader, indexName), indexName);
        Node idx = new Node(indexName, "", index);
        idx.allowOnly("accelerators", "models");
        List<AcceleratorSpec> accelerators = new ArrayList<>();
        for (String id : idx.idList("accelerators")) {
            String name = root + "accelerators/" + id + ".yaml";
            AcceleratorSpec spec = readAccelerator(open(loader, name, indexName), name);
            requireIdMatches(name, id, spec.id());
            accelerators.add(spec);
        }
        List<ModelSpec> models = new ArrayList<>();
        for (String id : idx.idList("models")) {
            String name = root + "models/" + id + ".yaml";
            ModelSpec spec = readModel(open(loader, name, indexName), name);
            requireIdMatches(name, id, spec.id());
            models.add(spec);
        }
        return Catalog.of(accelerators, models);
    }

    /** Reads one accelerator entry; {@code origin} names the file in messages. Closes the reader. */
    static AcceleratorSpec readAccelerator(Reader reader, String origin) {
        Node root = new Node(origin, "", parse(reader, origin));
        root.allowOnly("id", "name", "vendor", "notes", "memory_gb", "memory_bandwidth_tb_s", "dense_peak_tflops",
                "scale_up", "tdp_w");
        Map<String, Provenance> provenance = new HashMap<>();
        String id = root.text("id");
        String name = root.text("name");
        String vendor = root.text("vendor");
        double memoryGb = root.number("memory_gb", provenance);
        double bandwidth = root.number("memory_bandwidth_tb_s", provenance);

        Node peaksNode = root.child("dense_peak_tflops");
        Map<Precision, Double> peaks = new EnumMap<>(Precision.class);
        Set<String> precisionNames = new LinkedHashSet<>();
        for (Precision p : Precision.values()) {
            precisionNames.add(p.yamlName());
        }
        peaksNode.allowOnly(precisionNames.toArray(String[]::new));
        for (Precision p : Precision.values()) {
            if (peaksNode.has(p.yamlName())) {
                peaks.put(p, peaksNode.number(p.yamlName(), provenance));
            }
        }
        if (peaks.isEmpty()) {
            throw peaksNode.error("lists no precision; give at least one of " + Precision.allowedNames());
        }

        Node scaleUp = root.child("scale_up");
        scaleUp.allowOnly("technology", "bandwidth_bidir_gb_s", "domain_size");
        String technology = scaleUp.text("technology");
        double linkBandwidth = scaleUp.number("bandwidth_bidir_gb_s", provenance);
        int domain = scaleUp.integer("domain_size", provenance);
        double tdp = root.number("tdp_w", provenance);
        try {
            return new AcceleratorSpec(id, name, vendor, memoryGb, bandwidth, peaks, technology, linkBandwidth, domain,
                    tdp, provenance);
        } catch (IllegalArgumentException e) {
            throw new TokenFabException(origin + ": " + e.getMessage(), e);
        }
    }

    /** Reads one model entry; {@code origin} names the file in messages. Closes the reader. */
    static ModelSpec readModel(Reader reader, String origin) {
        Node root = new Node(origin, "", parse(reader, origin));
        Set<String> allowed = new LinkedHashSet<>(List.of("id", "name", "source", "notes", "attention_kind",
                "tied_embeddings"));
        allowed.addAll(ModelSpec.NUMERIC_FIELDS);
        root.allowOnly(allowed.toArray(String[]::new));
        Map<String, Provenance> provenance = new HashMap<>();
        String id = root.text("id");
        String name = root.text("name");
        String source = root.text("source");
        AttentionKind kind;
        try {
            kind = AttentionKind.parse(root.text("attention_kind"));
        } catch (TokenFabException e) {
            throw root.error("attention_kind: " + e.getMessage());
        }
        boolean tied = root.bool("tied_embeddings");
        try {
            return new ModelSpec(id, name,
                    root.integer(ModelSpec.FIELD_LAYERS, provenance),
                    root.integer(ModelSpec.FIELD_HIDDEN, provenance),
                    root.integer(ModelSpec.FIELD_HEADS, provenance),
                    root.integer(ModelSpec.FIELD_KV_HEADS, provenance),
                    root.integer(ModelSpec.FIELD_HEAD_DIM, provenance),
                    root.integer(ModelSpec.FIELD_FFN, provenance),
                    root.integer(ModelSpec.FIELD_VOCAB, provenance),
                    root.longInteger(ModelSpec.FIELD_TOTAL_PARAMS, provenance),
                    kind,
                    root.integer(ModelSpec.FIELD_MAX_CONTEXT, provenance),
                    tied, source, provenance);
        } catch (IllegalArgumentException e) {
            throw new TokenFabException(origin + ": " + e.getMessage(), e);
        }
    }

    private static void requireIdMatches(String resource, String listed, String declared) {
        if (!listed.equals(declared)) {
            throw new TokenFabException(resource + ": id '" + declared + "' does not match the id '" + listed
                    + "' under which index.yaml lists it (the file name)");
        }
    }

    private static Reader open(ClassLoader loader, String name) {
        return open(loader, name, null);
    }

    private static Reader open(ClassLoader loader, String name, String listedIn) {
        InputStream in = loader.getResourceAsStream(name);
        if (in == null) {
            throw new TokenFabException("catalog resource " + name + " not found"
                    + (listedIn == null ? "" : " (listed in " + listedIn + ")"));
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(Reader reader, String origin) {
        try (Reader r = reader) {
            JsonNode node = MAPPER.readTree(r);
            if (node == null || !node.isObject()) {
                throw new TokenFabException(origin + ": expected a YAML mapping at the top level");
            }
            return node;
        } catch (JacksonException e) {
            throw new TokenFabException(origin + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw new TokenFabException(origin + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** A mapping node with its resource and path, so every error can say where it is. */
    private record Node(String origin, String path, JsonNode json) {
        String at(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        TokenFabException error(String message) {
            return new TokenFabException(origin + ": " + (path.isEmpty() ? "" : "'" + path + "' ") + message);
        }

        TokenFabException error(String field, String message) {
            return new TokenFabException(origin + ": field '" + at(field) + "' " + message);
        }

        boolean has(String field) {
            return json.has(field) && !json.get(field).isNull();
        }

        JsonNode required(String field) {
            if (!has(field)) {
                throw error(field, "is missing");
            }
            return json.get(field);
        }

        void allowOnly(String... allowed) {
            Set<String> ok = new LinkedHashSet<>(List.of(allowed));
            Iterator<String> names = json.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!ok.contains(n)) {
                    throw error(n, "is not a known field" + DidYouMean.clause(n, ok) + "; allowed: "
                            + String.join(", ", ok));
                }
            }
        }

        Node child(String field) {
            JsonNode c = required(field);
            if (!c.isObject()) {
                throw error(field, "must be a mapping");
            }
            return new Node(origin, at(field), c);
        }

        String text(String field) {
            JsonNode v = required(field);
            if (!v.isTextual() || v.asText().isBlank()) {
                throw error(field, "must be a non-empty string");
            }
            return v.asText().strip();
        }

        boolean bool(String field) {
            JsonNode v = required(field);
            if (!v.isBoolean()) {
                throw error(field, "must be true or false");
            }
            return v.booleanValue();
        }

        List<String> idList(String field) {
            JsonNode v = required(field);
            if (!v.isArray()) {
                throw error(field, "must be a list of ids");
            }
            List<String> ids = new ArrayList<>();
            Set<String> seen = new TreeSet<>();
            for (JsonNode e : v) {
                if (!e.isTextual() || e.asText().isBlank()) {
                    throw error(field, "must list ids as strings, found " + e);
                }
                String id = e.asText().strip();
                if (!seen.add(id)) {
                    throw error(field, "lists '" + id + "' twice");
                }
                ids.add(id);
            }
            return ids;
        }

        /** A sourced number: records its provenance under the field path, returns the value. */
        double number(String field, Map<String, Provenance> provenance) {
            JsonNode v = required(field);
            String where = at(field);
            if (!v.isObject()) {
                throw error(field, "must carry its source: " + NUMBER_SHAPE + " (found " + v + ")");
            }
            Node n = new Node(origin, where, v);
            n.allowOnly("value", "source", "confidence", "note");
            if (!n.has("value")) {
                throw error(field, "has no 'value'; " + NUMBER_SHAPE);
            }
            if (!n.has("source")) {
                throw error(field, "has no 'source' (every number needs one); " + NUMBER_SHAPE);
            }
            if (!n.has("confidence")) {
                throw error(field, "has no 'confidence'; " + NUMBER_SHAPE);
            }
            JsonNode value = v.get("value");
            if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                throw error(field, "value must be a number, found " + value);
            }
            String source = n.text("source");
            Confidence confidence;
            JsonNode c = v.get("confidence");
            try {
                confidence = Confidence.parse(c.isTextual() ? c.asText().strip() : c.toString());
            } catch (TokenFabException e) {
                throw error(field, "confidence: " + e.getMessage());
            }
            provenance.put(where, new Provenance(source, confidence));
            return value.doubleValue();
        }

        long longInteger(String field, Map<String, Provenance> provenance) {
            double v = number(field, provenance);
            JsonNode raw = json.get(field).get("value");
            if (raw.isIntegralNumber()) {
                return raw.longValue();
            }
            if (v != Math.rint(v) || Math.abs(v) > 9.0e15) {
                throw error(field, "value must be a whole number, found " + raw);
            }
            return (long) v;
        }

        int integer(String field, Map<String, Provenance> provenance) {
            long v = longInteger(field, provenance);
            if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
                throw error(field, "value " + v + " is out of range");
            }
            return (int) v;
        }
    }
}
