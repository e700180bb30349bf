package org.tokenfab.hardware.power;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;
import org.tokenfab.hardware.Confidence;
import org.tokenfab.hardware.Provenance;
import org.tokenfab.sim.TokenFabException;

/**
 * Reads the power calibration YAML into a {@link PowerCatalog}. Strict: unknown fields, duplicate
 * keys and numbers without {@code source}/{@code confidence} are errors that name the file and the
 * field path.
 */
final class PowerCatalogReader {
    static final int SCHEMA_VERSION = 1;
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private PowerCatalogReader() {
    }

    static PowerCatalog read(Reader reader, String origin) {
        JsonNode root;
        try (Reader r = reader) {
            root = MAPPER.readTree(r);
        } catch (JacksonException e) {
            throw new TokenFabException(origin + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new TokenFabException(origin + ": cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TokenFabException(origin + ": expected a YAML mapping at the top level");
        }
        allowOnly(origin, "", root, ordered("schema_version", "version", "generated_by", "model", "data",
                "accelerators", "priors"));
        int schema = required(origin, "", root, "schema_version").asInt(-1);
        if (schema != SCHEMA_VERSION) {
            throw new TokenFabException(origin + ": schema_version " + root.get("schema_version")
                    + " is not supported; this TokenFab reads " + SCHEMA_VERSION);
        }
        String version = text(origin, "", root, "version");

        JsonNode accelerators = object(origin, "", root, "accelerators");
        Map<String, PowerCatalog.Calibrated> calibrated = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : accelerators.properties()) {
            calibrated.put(e.getKey(), accelerator(origin, "accelerators." + e.getKey(), e.getKey(), e.getValue()));
        }
        if (calibrated.isEmpty()) {
            throw new TokenFabException(origin + ": 'accelerators' lists no accelerator");
        }

        JsonNode priors = object(origin, "", root, "priors");
        allowOnly(origin, "priors", priors, ordered("default_relative", "relatives"));
        String defaultRelative = text(origin, "priors", priors, "default_relative");
        Map<String, String> relatives = new LinkedHashMap<>();
        JsonNode rel = object(origin, "priors", priors, "relatives");
        for (Map.Entry<String, JsonNode> e : rel.properties()) {
            if (!e.getValue().isTextual()) {
                throw new TokenFabException(origin + ": field 'priors.relatives." + e.getKey()
                        + "' must name a measured accelerator id");
            }
            relatives.put(e.getKey(), e.getValue().asText());
        }
        try {
            return new PowerCatalog(version, calibrated, defaultRelative, relatives);
        } catch (TokenFabException e) {
            throw new TokenFabException(origin + ": " + e.getMessage(), e);
        }
    }

    private static PowerCatalog.Calibrated accelerator(String origin, String path, String id, JsonNode node) {
        if (!node.isObject()) {
            throw new TokenFabException(origin + ": field '" + path + "' must be a mapping");
        }
        Set<String> allowed = new LinkedHashSet<>(PowerParameters.FIELDS);
        allowed.add("tdp_w_at_fit");
        allowed.add("fit");
        allowOnly(origin, path, node, allowed);
        Map<String, Provenance> provenance = new LinkedHashMap<>();
        Map<String, Double> values = new LinkedHashMap<>();
        for (String field : PowerParameters.FIELDS) {
            values.put(field, sourcedNumber(origin, path, node, field, provenance));
        }
        JsonNode tdp = required(origin, path, node, "tdp_w_at_fit");
        if (!tdp.isNumber()) {
            throw new TokenFabException(origin + ": field '" + path + ".tdp_w_at_fit' must be a number");
        }
        Map<String, String> fit = new LinkedHashMap<>();
        JsonNode fitNode = node.get("fit");
        if (fitNode != null) {
            if (!fitNode.isObject()) {
                throw new TokenFabException(origin + ": field '" + path + ".fit' must be a mapping");
            }
            fitNode.properties().forEach(e -> fit.put(e.getKey(), e.getValue().isValueNode()
                    ? e.getValue().asText() : e.getValue().toString()));
        }
        try {
            PowerParameters p = new PowerParameters(id, values.get(PowerParameters.FIELD_IDLE),
                    values.get(PowerParameters.FIELD_ACTIVE), values.get(PowerParameters.FIELD_COMPUTE),
                    values.get(PowerParameters.FIELD_MEMORY), tdp.asDouble(),
                    values.get(PowerParameters.FIELD_CLOCK_EXPONENT),
                    values.get(PowerParameters.FIELD_MEMORY_CLOCK_SENSITIVITY),
                    values.get(PowerParameters.FIELD_MIN_CLOCK_FRACTION), provenance);
            return new PowerCatalog.Calibrated(p, Map.copyOf(fit));
        } catch (IllegalArgumentException e) {
            throw new TokenFabException(origin + ": '" + path + "': " + e.getMessage(), e);
        }
    }

    private static double sourcedNumber(String origin, String path, JsonNode node, String field,
            Map<String, Provenance> provenance) {
        String where = path + "." + field;
        JsonNode v = required(origin, path, node, field);
        if (!v.isObject()) {
            throw new TokenFabException(origin + ": field '" + where
                    + "' must carry its source: { value: ..., source: \"...\", confidence: "
                    + Confidence.allowedNames().replace(", ", "|") + " }");
        }
        allowOnly(origin, where, v, ordered("value", "source", "confidence", "note"));
        JsonNode value = required(origin, where, v, "value");
        if (!value.isNumber()) {
            throw new TokenFabException(origin + ": field '" + where + ".value' must be a number, found " + value);
        }
        Confidence confidence;
        try {
            confidence = Confidence.parse(text(origin, where, v, "confidence"));
        } catch (TokenFabException e) {
            throw new TokenFabException(origin + ": field '" + where + ".confidence': " + e.getMessage(), e);
        }
        provenance.put(field, new Provenance(text(origin, where, v, "source"), confidence));
        return value.doubleValue();
    }

    private static Set<String> ordered(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    private static void allowOnly(String origin, String path, JsonNode node, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String n = names.next();
            if (!allowed.contains(n)) {
                throw new TokenFabException(origin + ": field '" + (path.isEmpty() ? n : path + "." + n)
                        + "' is not a known field; allowed: " + String.join(", ", List.copyOf(allowed)));
            }
        }
    }

    private static JsonNode required(String origin, String path, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new TokenFabException(origin + ": field '" + (path.isEmpty() ? field : path + "." + field)
                    + "' is missing");
        }
        return v;
    }

    private static JsonNode object(String origin, String path, JsonNode node, String field) {
        JsonNode v = required(origin, path, node, field);
        if (!v.isObject()) {
            throw new TokenFabException(origin + ": field '" + (path.isEmpty() ? field : path + "." + field)
                    + "' must be a mapping");
        }
        return v;
    }

    private static String text(String origin, String path, JsonNode node, String field) {
        JsonNode v = required(origin, path, node, field);
        if (!v.isValueNode() || v.asText().isBlank()) {
            throw new TokenFabException(origin + ": field '" + (path.isEmpty() ? field : path + "." + field)
                    + "' must be a non-empty value");
        }
        return v.asText().strip();
    }
}
