package org.tokenfab.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
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
    private static final SafeYaml YAML = new SafeYaml("catalog entry");

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
        idx.allowOnly("accelerators", "models", "systems");
        Map<String, AcceleratorSpec> accelerators = new LinkedHashMap<>();
        for (String id : idx.idList("accelerators")) {
            String name = root + "accelerators/" + id + ".yaml";
            AcceleratorSpec spec = readAccelerator(open(loader, name, indexName), name);
            requireIdMatches(name, id, spec.id());
            accelerators.put(id, spec);
        }
        // Systems are optional in an index (a catalog of models alone is legal); each must name a
        // listed accelerator, checked here so the message can name the system's file.
        List<SystemSpec> systems = new ArrayList<>();
        for (String id : idx.has("systems") ? idx.idList("systems") : List.<String>of()) {
            String name = root + "systems/" + id + ".yaml";
            SystemSpec spec = readSystem(open(loader, name, indexName), name);
            requireIdMatches(name, id, spec.id());
            Catalog.requireAcceleratorOf(spec, accelerators, name);
            systems.add(spec);
        }
        List<ModelSpec> models = new ArrayList<>();
        for (String id : idx.idList("models")) {
            String name = root + "models/" + id + ".yaml";
            ModelSpec spec = readModel(open(loader, name, indexName), name);
            requireIdMatches(name, id, spec.id());
            models.add(spec);
        }
        return Catalog.of(accelerators.values(), models, systems);
    }

    /** Reads a user's accelerator file; messages start with the file's path. */
    static AcceleratorSpec readAccelerator(Path file) {
        return readAccelerator(openFile(file), file.toString());
    }

    /** Reads one accelerator entry; {@code origin} names the file in messages. Closes the reader. */
    static AcceleratorSpec readAccelerator(Reader reader, String origin) {
        return readAccelerator(parse(reader, origin), origin);
    }

    /** Reads one accelerator entry from a parsed tree; {@code origin} starts every message. */
    static AcceleratorSpec readAccelerator(JsonNode tree, String origin) {
        Node root = Node.root(origin, tree);
        root.allowOnly("id", "name", "vendor", "notes", "memory_kind", "memory_gb", "memory_bandwidth_tb_s",
                "on_chip_sram_mb", "dense_peak_tflops", "scale_up", "scale_out_gbit_s", "tdp_w", "idle_w", "price");
        Map<String, Provenance> provenance = new HashMap<>();
        String id = root.catalogId("id");
        String name = root.text("name");
        String vendor = root.text("vendor");
        MemoryKind memoryKind;
        try {
            memoryKind = MemoryKind.parse(root.text("memory_kind"));
        } catch (TokenFabException e) {
            throw root.error("memory_kind", "is '" + root.text("memory_kind") + "', not a known memory kind; allowed: "
                    + MemoryKind.allowedNames());
        }
        double memoryGb = root.number("memory_gb", provenance);
        double bandwidth = root.number("memory_bandwidth_tb_s", provenance);
        double sram = root.optionalNumber("on_chip_sram_mb", provenance);

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
        int domain = scaleUp.integer("domain_size", provenance);
        double linkBandwidth = scaleUp.optionalNumber("bandwidth_bidir_gb_s", provenance);
        if (Double.isNaN(linkBandwidth) && domain > 1) {
            throw scaleUp.error("bandwidth_bidir_gb_s", "is missing; it may be left out only when domain_size is 1 "
                    + "(a chip without a scale-up fabric)");
        }
        double scaleOut = root.optionalNumber("scale_out_gbit_s", provenance);
        double tdp = root.number("tdp_w", provenance);
        double idle = root.number("idle_w", provenance);
        AcceleratorPrice price = AcceleratorPrice.UNKNOWN;
        if (root.has("price")) {
            Node p = root.child("price");
            p.allowOnly("usd_per_hour_hyperscaler", "usd_per_hour_neocloud", "usd_per_hour_rental_3yr", "purchase_usd");
            price = wrap(origin, () -> new AcceleratorPrice(p.optionalNumber("usd_per_hour_hyperscaler", provenance),
                    p.optionalNumber("usd_per_hour_neocloud", provenance),
                    p.optionalNumber("usd_per_hour_rental_3yr", provenance),
                    p.optionalNumber("purchase_usd", provenance)));
        }
        AcceleratorPrice prices = price;
        return wrap(origin, () -> new AcceleratorSpec(id, name, vendor, memoryKind, memoryGb, bandwidth, sram, peaks,
                technology, linkBandwidth, domain, scaleOut, tdp, idle, prices, provenance));
    }

    /** Reads a user's system file; messages start with the file's path. */
    static SystemSpec readSystem(Path file) {
        return readSystem(openFile(file), file.toString());
    }

    /** Reads one system entry; {@code origin} names the file in messages. Closes the reader. */
    static SystemSpec readSystem(Reader reader, String origin) {
        return readSystem(parse(reader, origin), origin);
    }

    /**
     * Reads one system entry from a parsed tree. Whether its accelerator exists is checked by the
     * catalog it joins ({@link Catalog#withSystem}, or the bundled index), not here.
     */
    static SystemSpec readSystem(JsonNode tree, String origin) {
        Node root = Node.root(origin, tree);
        root.allowOnly("id", "name", "notes", "accelerator", "accelerators_per_node", "scale_up_domain",
                "nodes_per_scale_up_domain", "node_overhead_w", "host_link", "scale_out_gbit_s_per_accelerator");
        Map<String, Provenance> provenance = new HashMap<>();
        String id = root.catalogId("id");
        String name = root.text("name");
        String accelerator = root.catalogId("accelerator");
        int perNode = root.integer("accelerators_per_node", provenance);
        int domain = root.integer("scale_up_domain", provenance);
        int nodes = root.integer("nodes_per_scale_up_domain", provenance);
        double overhead = root.number("node_overhead_w", provenance);
        String hostTechnology = "unknown";
        double hostLink = Double.NaN;
        if (root.has("host_link")) {
            Node link = root.child("host_link");
            link.allowOnly("technology", "bandwidth_per_direction_gb_s");
            hostTechnology = link.text("technology");
            hostLink = link.optionalNumber("bandwidth_per_direction_gb_s", provenance);
        }
        double scaleOut = root.optionalNumber("scale_out_gbit_s_per_accelerator", provenance);
        String technology = hostTechnology;
        double host = hostLink;
        return wrap(origin, () -> new SystemSpec(id, name, accelerator, perNode, domain, nodes, overhead, technology,
                host, scaleOut, provenance));
    }

    /** Runs a record constructor, turning its range errors into messages that name the file. */
    private static <T> T wrap(String origin, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new TokenFabException(origin + ": " + e.getMessage(), e);
        }
    }

    private static Reader openFile(Path file) {
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TokenFabException(file + ": no such file", e);
        } catch (IOException e) {
            throw new TokenFabException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads a user's model file (same schema as the bundled {@code models/*.yaml}); messages start with its path. */
    static ModelSpec readModel(Path file) {
        return readModel(openFile(file), file.toString());
    }

    /** Reads one model entry; {@code origin} names the file in messages. Closes the reader. */
    static ModelSpec readModel(Reader reader, String origin) {
        return readModel(parse(reader, origin), origin);
    }

    /**
     * Reads one model entry from a parsed tree; {@code origin} starts every message. Besides the
     * dense fields an entry may have {@code active_params}, {@code moe}, {@code mla} (required
     * for {@code attention_kind: mla}), {@code sliding_window} and {@code native_weights}.
     */
    static ModelSpec readModel(JsonNode tree, String origin) {
        Node root = Node.root(origin, tree);
        Set<String> allowed = new LinkedHashSet<>(List.of("id", "name", "source", "notes", "attention_kind",
                "tied_embeddings"));
        allowed.addAll(ModelSpec.NUMERIC_FIELDS);
        allowed.addAll(List.of(ModelSpec.FIELD_ACTIVE_PARAMS, "moe", "mla", "sliding_window", NativeWeights.FIELD));
        root.allowOnly(allowed.toArray(String[]::new));
        Map<String, Provenance> provenance = new HashMap<>();
        String id = root.catalogId("id");
        String name = root.text("name");
        String source = root.text("source");
        AttentionKind kind;
        try {
            kind = AttentionKind.parse(root.text("attention_kind"));
        } catch (TokenFabException e) {
            throw root.error("attention_kind", "is '" + root.text("attention_kind")
                    + "', not a known attention kind; allowed: mha, gqa, mqa, mla");
        }
        boolean tied = root.bool("tied_embeddings");
        int layers = root.integer(ModelSpec.FIELD_LAYERS, provenance);
        int hidden = root.integer(ModelSpec.FIELD_HIDDEN, provenance);
        int heads = root.integer(ModelSpec.FIELD_HEADS, provenance);
        int kvHeads = root.integer(ModelSpec.FIELD_KV_HEADS, provenance);
        int headDim = root.integer(ModelSpec.FIELD_HEAD_DIM, provenance);
        int ffn = root.integer(ModelSpec.FIELD_FFN, provenance);
        int vocab = root.integer(ModelSpec.FIELD_VOCAB, provenance);
        long total = root.longInteger(ModelSpec.FIELD_TOTAL_PARAMS, provenance);
        int maxContext = root.integer(ModelSpec.FIELD_MAX_CONTEXT, provenance);
        long active = root.has(ModelSpec.FIELD_ACTIVE_PARAMS)
                ? root.longInteger(ModelSpec.FIELD_ACTIVE_PARAMS, provenance) : 0;
        MoeSpec moe = root.has("moe") ? readMoe(root.child("moe"), provenance) : null;
        MlaSpec mla = root.has("mla") ? readMla(root.child("mla"), provenance) : null;
        SlidingWindow window = null;
        if (root.has("sliding_window")) {
            Node w = root.child("sliding_window");
            w.allowOnly("window", "layers");
            int tokens = w.integer("window", provenance);
            int windowed = w.integer("layers", provenance);
            window = wrap(origin, () -> new SlidingWindow(tokens, windowed));
        }
        NativeWeights nativeWeights = root.has(NativeWeights.FIELD) ? readNativeWeights(root.child(NativeWeights.FIELD))
                : null;
        SlidingWindow windowed = window;
        return wrap(origin, () -> new ModelSpec(id, name, layers, hidden, heads, kvHeads, headDim, ffn, vocab, total, kind,
                maxContext, tied, source, provenance, moe, mla, windowed, active, nativeWeights));
    }

    /** The {@code moe} mapping; shared experts, widths and placement have the usual defaults. */
    private static MoeSpec readMoe(Node m, Map<String, Provenance> provenance) {
        m.allowOnly("experts", "active_experts", "shared_experts", "expert_ffn_size", "shared_expert_ffn_size",
                "first_dense_layers", "layer_interval");
        int experts = m.integer("experts", provenance);
        int active = m.integer("active_experts", provenance);
        int shared = m.optionalInteger("shared_experts", provenance, 0);
        int expertFfn = m.integer("expert_ffn_size", provenance);
        int sharedFfn = m.optionalInteger("shared_expert_ffn_size", provenance, expertFfn);
        int firstDense = m.optionalInteger("first_dense_layers", provenance, 0);
        int interval = m.optionalInteger("layer_interval", provenance, 1);
        return wrap(m.origin(), () -> new MoeSpec(experts, active, shared, expertFfn, sharedFfn, firstDense, interval));
    }

    private static MlaSpec readMla(Node a, Map<String, Provenance> provenance) {
        a.allowOnly("q_lora_rank", "kv_lora_rank", "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim");
        int q = a.integer("q_lora_rank", provenance);
        int kv = a.integer("kv_lora_rank", provenance);
        int nope = a.integer("qk_nope_head_dim", provenance);
        int rope = a.integer("qk_rope_head_dim", provenance);
        int v = a.integer("v_head_dim", provenance);
        return wrap(a.origin(), () -> new MlaSpec(q, kv, nope, rope, v));
    }

    /** {@code native_weights: { precision: fp8, scope: "...", source: "...", confidence: high }}. */
    private static NativeWeights readNativeWeights(Node n) {
        n.allowOnly("precision", "scope", "source", "confidence", "note");
        Precision precision;
        try {
            precision = Precision.parse(n.text("precision"));
        } catch (TokenFabException e) {
            throw n.error("precision", "is '" + n.text("precision") + "', not a known precision; allowed: "
                    + Precision.allowedNames());
        }
        Confidence confidence;
        try {
            confidence = Confidence.parse(n.text("confidence"));
        } catch (TokenFabException e) {
            throw n.error("confidence", "is '" + n.text("confidence") + "'; allowed: " + Confidence.allowedNames());
        }
        return new NativeWeights(precision, n.text("scope"), new Provenance(n.text("source"), confidence));
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

    /**
     * The entry's tree, read by {@link SafeYaml} (the scenario loader's reader: no aliases, no
     * type tags, no duplicate keys, bounded size and depth, errors at their line and column), so a
     * user's catalog file gets the same protection and messages as a scenario. At most
     * {@link SafeYaml#MAX_DOCUMENT_CHARS} + 1 characters are read, so a huge file is refused without
     * being held whole.
     */
    private static JsonNode parse(Reader reader, String origin) {
        StringBuilder text = new StringBuilder();
        try (Reader r = reader) {
            char[] buffer = new char[8192];
            for (int n; (n = r.read(buffer)) >= 0 && text.length() <= SafeYaml.MAX_DOCUMENT_CHARS; ) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new TokenFabException(origin + ": cannot be read: " + e.getMessage(), e);
        }
        JsonNode node = YAML.read(origin, text.toString());
        if (node == null || !node.isObject()) {
            throw new TokenFabException(origin + ": expected a YAML mapping at the top level");
        }
        return node;
    }

    /** A mapping node with its resource and path, so every error can say where it is. */
    private record Node(String origin, String path, JsonNode json) {
        /** The top-level mapping of an entry (a tree handed in by a caller may be anything). */
        static Node root(String origin, JsonNode json) {
            if (json == null || !json.isObject()) {
                throw new TokenFabException(origin + ": expected a YAML mapping of fields (id: ..., name: ..., ...), found "
                        + (json == null ? "nothing" : json.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
            }
            return new Node(origin, "", json);
        }

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

        /** A catalog id: lowercase letters and digits joined by '-' or '.'. */
        String catalogId(String field) {
            String id = text(field);
            if (!CatalogIds.isValid(id)) {
                throw error(field, "'" + id + "' is not a valid catalog id; use " + CatalogIds.RULE);
            }
            return id;
        }

        /** Like {@link #number}, but NaN (and no provenance) when the field is absent. */
        double optionalNumber(String field, Map<String, Provenance> provenance) {
            return has(field) ? number(field, provenance) : Double.NaN;
        }

        /** Like {@link #integer}, but {@code absent} (and no provenance) when the field is missing. */
        int optionalInteger(String field, Map<String, Provenance> provenance, int absent) {
            return has(field) ? integer(field, provenance) : absent;
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
