package org.tokenfab.hardware.cost;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.tokenfab.sim.DidYouMean;
import org.tokenfab.sim.TokenFabException;

/** The bundled engine profiles ({@code calibration/engines-v1.yaml}), by id; {@code vllm} always first. */
public final class EngineProfiles {
    static final String BUILT_IN = "org/tokenfab/hardware/calibration/engines-v1.yaml";
    private static final EngineProfiles BUNDLED = load();

    private final Map<String, EngineProfile> byId;

    private EngineProfiles(Map<String, EngineProfile> byId) {
        this.byId = byId;
    }

    public static EngineProfiles builtIn() {
        return BUNDLED;
    }

    /** Profile ids, vllm first. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** The profile {@code id}; an unknown id is an error naming the known ones. */
    public EngineProfile get(String id) {
        EngineProfile p = byId.get(id);
        if (p == null) {
            throw new TokenFabException("unknown engine '" + id + "'" + DidYouMean.clause(id, byId.keySet()) + "; engines: "
                    + String.join(", ", byId.keySet()));
        }
        return p;
    }

    /** A mapping of names to numbers (absent: empty), each multiplied by {@code unit}. */
    private static Map<String, Double> numbers(JsonNode mapping, double unit) {
        Map<String, Double> m = new TreeMap<>();
        for (var entry : mapping.properties()) {
            m.put(entry.getKey(), entry.getValue().asDouble() * unit);
        }
        return m;
    }

    /** Per accelerator: {@code {step: us, per_sequence: us, prefill: us}}, each per layer (absent: empty). */
    private static Map<String, LaunchFloor> floors(String engine, JsonNode mapping) {
        Map<String, LaunchFloor> m = new TreeMap<>();
        for (var entry : mapping.properties()) {
            String where = engine + ".launch_floor_us_per_layer." + entry.getKey();
            m.put(entry.getKey(), new LaunchFloor(required(entry.getValue(), where, "step") * 1_000,
                    required(entry.getValue(), where, "per_sequence") * 1_000, required(entry.getValue(), where, "prefill") * 1_000));
        }
        return m;
    }

    /** The number at {@code node.field}; {@code where} is the node's path below {@code engines}, for the error. */
    private static double required(JsonNode node, String where, String field) {
        if (!node.path(field).isNumber()) {
            throw new IllegalStateException(BUILT_IN + ": engines." + where + "." + field + " is missing or not a number");
        }
        return node.path(field).asDouble();
    }

    private static EngineProfiles load() {
        try (InputStream in = EngineProfiles.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("bundled engine profiles " + BUILT_IN + " are missing from the classpath");
            }
            JsonNode root = new YAMLMapper().readTree(in);
            Map<String, EngineProfile> m = new LinkedHashMap<>();
            m.put(EngineProfile.VLLM.id(), EngineProfile.VLLM);
            JsonNode engines = root.path("engines");
            for (var e : engines.properties()) {
                if (e.getKey().equals(EngineProfile.VLLM.id())) {
                    continue; // fixed by construction
                }
                JsonNode n = e.getValue();
                Map<String, LaunchFloor> floors = floors(e.getKey(), n.path("launch_floor_us_per_layer"));
                Map<String, Double> byPrecision = numbers(n.path("kernel_scale_by_precision"), 1);
                Map<String, Double> byAccelerator = numbers(n.path("kernel_scale_by_accelerator"), 1);
                m.put(e.getKey(), new EngineProfile(e.getKey(), n.path("name").asText(e.getKey()), required(n, e.getKey(), "kernel_scale"),
                        byPrecision, byAccelerator, required(n, e.getKey(), "comm_latency_scale"), required(n, e.getKey(), "comm_bandwidth_scale"),
                        required(n, e.getKey(), "host_scale"), floors,
                        n.path("source").asText()));
            }
            return new EngineProfiles(m);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + BUILT_IN + ": " + e.getMessage(), e);
        }
    }
}
