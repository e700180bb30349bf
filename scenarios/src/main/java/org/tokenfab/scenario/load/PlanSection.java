package org.tokenfab.scenario.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.JsonNode;

import org.tokenfab.scenario.PlanSpec;

/**
 * Reads a scenario's {@code plan:} section (the question {@code tokenfab plan} answers):
 * <pre>
 * plan:
 *   target_rate: 400/s
 *   slo: { ttft_p99: 2s, tpot_p99: 50ms, goodput: 0.99 }
 *   candidates: { accelerator: [h100-sxm, h200, b200], tp: [1, 2, 4, 8], max_seqs: [128, 256] }
 *   minimise: cost            # cost | accelerators | power
 *   max_replicas: 64
 * </pre>
 * Kept apart from {@link ScenarioLoader} so the loader only gains one line. Accelerator ids are
 * checked against the catalog when the plan runs (where the did-you-mean lives).
 */
final class PlanSection {
    static final List<String> MINIMISE = List.of("cost", "accelerators", "power");
    static final long MAX_SLO_NANOS = 3_600_000_000_000L;

    private PlanSection() {
    }

    static PlanSpec read(ConfigNode root) {
        Optional<ConfigNode> section = root.optionalChild("plan");
        if (section.isEmpty()) {
            return PlanSpec.NONE;
        }
        ConfigNode p = section.get();
        OptionalDouble rate = p.has("target_rate") ? OptionalDouble.of(p.rate("target_rate", 1e7)) : OptionalDouble.empty();
        OptionalDouble ttft = OptionalDouble.empty();
        OptionalDouble tpot = OptionalDouble.empty();
        OptionalDouble goodput = OptionalDouble.empty();
        if (p.has("slo")) {
            ConfigNode s = p.child("slo");
            if (s.has("ttft_p99")) {
                ttft = OptionalDouble.of(s.duration("ttft_p99", MAX_SLO_NANOS) / 1e6);
            }
            if (s.has("tpot_p99")) {
                tpot = OptionalDouble.of(s.duration("tpot_p99", MAX_SLO_NANOS) / 1e6);
            }
            if (s.has("goodput")) {
                goodput = OptionalDouble.of(s.number("goodput", 1e-9, 1));
            }
            s.finish();
        }
        List<String> accelerators = List.of();
        List<Integer> tps = List.of();
        List<Integer> maxSeqs = List.of();
        if (p.has("candidates")) {
            ConfigNode c = p.child("candidates");
            accelerators = strings(c, "accelerator");
            tps = integers(c, "tp", 1, 1024);
            maxSeqs = integers(c, "max_seqs", 1, 1_000_000);
            c.finish();
        }
        Optional<String> minimise = p.has("minimise")
                ? Optional.of(p.choice("minimise", MINIMISE, "cost")) : Optional.empty();
        OptionalInt maxReplicas = p.has("max_replicas") ? OptionalInt.of((int) p.integer("max_replicas", 1, 100_000)) : OptionalInt.empty();
        p.finish();
        return new PlanSpec(rate, ttft, tpot, goodput, accelerators, tps, maxSeqs, minimise, maxReplicas);
    }

    private static List<String> strings(ConfigNode c, String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : items(c, key)) {
            if (!v.isTextual() || v.asText().isBlank()) {
                throw c.error(key, "expected catalog ids, got " + ConfigNode.describe(v));
            }
            out.add(v.asText().strip());
        }
        return out;
    }

    private static List<Integer> integers(ConfigNode c, String key, int min, int max) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode v : items(c, key)) {
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
                throw c.error(key, "expected whole numbers from " + min + " to " + max + ", got " + ConfigNode.describe(v));
            }
            out.add(v.asInt());
        }
        return out;
    }

    /** A scalar or a list of scalars; absent gives none. */
    private static List<JsonNode> items(ConfigNode c, String key) {
        JsonNode v = c.raw(key);
        if (v == null) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(out::add);
        } else {
            out.add(v);
        }
        return out;
    }
}
