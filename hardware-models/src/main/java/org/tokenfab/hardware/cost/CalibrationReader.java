package org.tokenfab.hardware.cost;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tokenfab.sim.TokenFabException;

/**
 * Reads a kernel-calibration YAML (the format {@code tokenfab calibrate} writes) into records,
 * walking the Jackson tree by hand so every problem names the file and field path.
 */
final class CalibrationReader {
    static final String FORMAT = "tokenfab-kernel-calibration-1";

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private CalibrationReader() {
    }

    static KernelCalibration read(InputStream in, String name) {
        JsonNode root;
        try (in) {
            root = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new TokenFabException(name + ": not a readable calibration YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TokenFabException(name + ": empty or not a mapping");
        }
        Node r = new Node(name, "", root);
        String format = r.text("format");
        if (!FORMAT.equals(format)) {
            throw new TokenFabException(name + ": format '" + format + "' is not supported; expected " + FORMAT);
        }
        Map<String, String> generated = new LinkedHashMap<>();
        Node g = r.child("generated");
        for (Map.Entry<String, JsonNode> e : g.json.properties()) {
            generated.put(e.getKey(), e.getValue().asText());
        }
        List<String> sources = new ArrayList<>();
        for (Node s : r.list("sources")) {
            sources.add(s.text("id") + ": " + s.text("repository") + " @" + s.text("commit") + " (" + s.text("licence") + ")");
        }
        Map<String, SystemCalibration> systems = new LinkedHashMap<>();
        Node sys = r.child("systems");
        for (Iterator<String> it = sys.json.fieldNames(); it.hasNext();) {
            String id = it.next();
            systems.put(id, system(id, sys.child(id)));
        }
        Node el = r.child("elementwise");
        Map<String, Fitted<ElementwiseParams>> elementwise = new LinkedHashMap<>();
        for (Iterator<String> it = el.json.fieldNames(); it.hasNext();) {
            String kind = it.next();
            Node e = el.child(kind);
            elementwise.put(kind, new Fitted<>(new ElementwiseParams(e.num("floor_ns"), e.num("memory_efficiency")),
                    source(e, kind)));
        }
        Node cpu = r.child("cpu_overhead");
        Fitted<CpuOverhead> cpuOverhead = new Fitted<>(new CpuOverhead(cpu.num("step_ns"), cpu.num("ns_per_sequence")),
                source(cpu, "cpu"));
        Map<String, KernelCalibration.Mapping> mapping = new LinkedHashMap<>();
        Node m = r.child("mapping");
        for (Iterator<String> it = m.json.fieldNames(); it.hasNext();) {
            String id = it.next();
            Node e = m.child(id);
            mapping.put(id, new KernelCalibration.Mapping(e.text("use"), e.text("reason")));
        }
        return new KernelCalibration(r.text("name"), name, generated, sources, systems, elementwise, cpuOverhead, mapping);
    }

    private static SystemCalibration system(String id, Node s) {
        Node ref = s.child("reference");
        Map<String, Double> peaks = new LinkedHashMap<>();
        Node p = ref.child("peak_tflops");
        for (Iterator<String> it = p.json.fieldNames(); it.hasNext();) {
            String k = it.next();
            peaks.put(k, p.num(k));
        }
        SystemCalibration.Reference reference = new SystemCalibration.Reference(peaks, ref.num("memory_tb_s"),
                ref.num("link_gb_s"));
        Map<String, List<Fitted<GemmParams>>> gemm = byVariant(s.list("gemm"), "precision", CalibrationReader::gemm);
        List<Fitted<PrefillAttentionParams>> prefill = new ArrayList<>();
        for (Node n : s.list("prefill_attention")) {
            prefill.add(new Fitted<>(prefill(n), source(n, "kv " + n.text("kv_cache"))));
        }
        List<Fitted<DecodeAttentionParams>> decode = new ArrayList<>();
        for (Node n : s.list("decode_attention")) {
            decode.add(new Fitted<>(decode(n), source(n, "kv " + n.text("kv_cache"))));
        }
        Map<String, List<Fitted<MoeParams>>> moe = byVariant(s.list("moe"), "precision", CalibrationReader::moe);
        Map<String, Fitted<CollectiveParams>> collectives = new LinkedHashMap<>();
        Node c = s.child("collectives");
        for (Iterator<String> it = c.json.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!SystemCalibration.COLLECTIVE_KEYS.contains(key)) {
                throw c.error(key, "unknown collective; allowed: " + SystemCalibration.COLLECTIVE_KEYS);
            }
            Node n = c.child(key);
            collectives.put(key, new Fitted<>(collective(n), source(n, key)));
        }
        Map<String, String> borrowed = new LinkedHashMap<>();
        if (s.json.has("borrowed")) {
            Node b = s.child("borrowed");
            for (Iterator<String> it = b.json.fieldNames(); it.hasNext();) {
                String family = it.next();
                borrowed.put(family, b.text(family));
            }
        }
        return new SystemCalibration(id, s.text("measured_as"), s.text("device"), reference, gemm, prefill, decode, moe,
                collectives, borrowed);
    }

    private static <P> Map<String, List<Fitted<P>>> byVariant(List<Node> nodes, String key, Function<Node, P> params) {
        Map<String, List<Fitted<P>>> out = new LinkedHashMap<>();
        for (Node n : nodes) {
            String variant = n.text(key);
            out.computeIfAbsent(variant, k -> new ArrayList<>()).add(new Fitted<>(params.apply(n), source(n, variant)));
        }
        return out;
    }

    private static Fitted.OpSource source(Node n, String variant) {
        return new Fitted.OpSource(n.textOr("system", ""), n.text("engine"), variant, n.textOr("kernel", ""),
                n.text("data"), (int) n.num("rows"), n.num("median_ape"), n.num("p90_ape"));
    }

    private static GemmParams gemm(Node n) {
        return new GemmParams(n.num("compute_efficiency"), n.num("m_half"), n.num("n_half"), n.num("k_half"),
                n.num("memory_efficiency"), n.num("floor_ns"), n.num("exponent"), n.correction());
    }

    private static PrefillAttentionParams prefill(Node n) {
        return new PrefillAttentionParams(n.num("compute_efficiency"), n.num("compute_efficiency_fp8_kv"),
                n.num("length_half"), n.num("parallel_half"), n.num("memory_efficiency"), n.num("floor_ns"),
                n.num("ns_per_seq_kv_head"), n.num("exponent"), n.correction());
    }

    private static DecodeAttentionParams decode(Node n) {
        return new DecodeAttentionParams(n.num("memory_efficiency"), n.num("memory_efficiency_fp8_kv"),
                n.num("gqa_floor_ns"), n.num("mha_floor_ns"), n.num("ns_per_seq_kv_head"),
                n.num("gqa_stream_gb_s") * 1e9, n.num("mha_stream_gb_s") * 1e9, n.num("exponent"), n.correction());
    }

    private static MoeParams moe(Node n) {
        return new MoeParams(n.num("compute_efficiency"), n.num("tokens_per_expert_half"), n.num("width_half"),
                n.num("memory_efficiency"), n.num("experts_half"), n.num("floor_ns"),
                n.num("hidden_vectors_per_assignment"), n.num("intermediate_vectors_per_assignment"), n.num("exponent"),
                n.correction());
    }

    private static CollectiveParams collective(Node n) {
        List<CollectiveParams.Point> points = new ArrayList<>();
        for (Node p : n.list("points")) {
            points.add(new CollectiveParams.Point((int) p.num("gpus"), p.num("alpha_ns"), p.num("bus_gb_s") * 1e9));
        }
        return new CollectiveParams(points, n.num("exponent"), n.num("link_gb_s") * 1e9);
    }

    /** A position in the tree, for path-named errors. */
    private record Node(String file, String path, JsonNode json) {
        Node child(String key) {
            JsonNode v = json.get(key);
            if (v == null || v.isNull()) {
                throw error(key, "missing");
            }
            return new Node(file, at(key), v);
        }

        List<Node> list(String key) {
            JsonNode v = json.get(key);
            List<Node> out = new ArrayList<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isArray()) {
                throw error(key, "must be a list");
            }
            for (int i = 0; i < v.size(); i++) {
                out.add(new Node(file, at(key) + "[" + i + "]", v.get(i)));
            }
            return out;
        }

        String text(String key) {
            JsonNode v = json.get(key);
            if (v == null || v.isNull() || !v.isValueNode()) {
                throw error(key, "missing or not a value");
            }
            return v.asText();
        }

        String textOr(String key, String fallback) {
            JsonNode v = json.get(key);
            return v == null || v.isNull() ? fallback : v.asText();
        }

        double num(String key) {
            JsonNode v = json.get(key);
            if (v == null || !v.isNumber()) {
                throw error(key, "missing or not a number");
            }
            return v.asDouble();
        }

        CorrectionCurve correction() {
            JsonNode v = json.get("correction");
            if (v == null || v.isNull()) {
                return CorrectionCurve.NONE;
            }
            if (!v.isArray()) {
                throw error("correction", "must be a list of numbers");
            }
            double[] f = new double[v.size()];
            for (int i = 0; i < f.length; i++) {
                if (!v.get(i).isNumber()) {
                    throw error("correction", "must be a list of numbers");
                }
                f[i] = v.get(i).asDouble();
            }
            return new CorrectionCurve(f);
        }

        String at(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        TokenFabException error(String key, String what) {
            return new TokenFabException(file + ": " + at(key) + ": " + what);
        }
    }
}
