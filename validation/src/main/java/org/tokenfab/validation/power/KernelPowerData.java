package org.tokenfab.validation.power;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Precision;
import org.tokenfab.sim.TokenFabException;

/**
 * The kernel power measurements of AIConfigurator's vLLM 0.22.0 tables (H200, B200, GB200), with
 * each kernel's compute and memory utilisation computed from its shape, its measured latency and the
 * catalog's peaks. Activity is counted as the step-cost model counts it: useful FLOPs and the
 * minimum bytes (each operand read once, each result written once).
 *
 * <p>Counting rules per table (from the collector source, ai-dynamo/aiconfigurator
 * {@code collector/vllm/collect_{gemm,attn,moe}.py}):
 * <ul>
 *   <li>GEMM m×k·k×n: 2mnk FLOPs at the peak of the GEMM's type (bf16; fp8 and fp8_block at fp8;
 *       nvfp4 at fp4); bytes (mk + kn)·b_w + 2mn (activations cast to the weight type, bf16
 *       output). The collector loops 6 copies per iteration, 1 for fp8_block and nvfp4, and runs
 *       fp8_block without a CUDA graph.
 *   <li>Decode attention: batch b, {@code step}+1 cached tokens each: 4·b·kv·H·d FLOPs; KV read
 *       2·b·kv·H_kv·d·b_kv plus query and output.
 *   <li>Prefill attention: b prompts of s tokens, causal: 2·b·s(s+1)·H·d FLOPs; Q, K, V, O once
 *       plus the KV-cache write. With an fp8 KV cache the collector casts the query to fp8, so the
 *       kernel runs on fp8 tensor cores and is measured against the fp8 peak.
 *   <li>MoE (balanced routing): t tokens × top-k, experts sharded over ep ranks and their
 *       intermediate size over tp: 6·t·k·h·i/(tp·ep) FLOPs; bytes: the local experts a balanced
 *       routing touches, min(E/ep, t·k/ep), of 3·h·i/tp weights each, plus activations.
 * </ul>
 */
final class KernelPowerData {
    /** Data directory per calibrated GPU, as AIConfigurator names its systems. */
    static final Map<String, String> SYSTEMS = Map.of("h200", "h200_sxm", "b200", "b200_sxm", "gb200", "gb200");
    /** The families each system's vLLM 0.22 tables measured power for (GB200: GEMM only). */
    static final Map<String, List<KernelFamily>> FAMILIES = Map.of(
            "h200", List.of(KernelFamily.values()),
            "b200", List.of(KernelFamily.values()),
            "gb200", List.of(KernelFamily.GEMM));

    /**
     * The tables are the kernels suite's copy (written by its {@code KernelDataImport}, byte-identical
     * to the shared reference); {@code data/MANIFEST.csv} pins the ones used here by checksum.
     */
    static final String ROOT = "org/tokenfab/validation/kernels/aiconfigurator/data/";

    private KernelPowerData() {
    }

    /** Every row of every power table of {@code spec}'s GPU, in file order. */
    static List<KernelSample> load(AcceleratorSpec spec) {
        String system = SYSTEMS.get(spec.id());
        if (system == null) {
            throw new TokenFabException("no kernel power tables for '" + spec.id() + "'; tables exist for "
                    + String.join(", ", SYSTEMS.keySet().stream().sorted().toList()));
        }
        List<KernelSample> out = new ArrayList<>();
        for (KernelFamily family : FAMILIES.get(spec.id())) {
            ReferenceTable t = ReferenceTable.loadResource(ROOT + system + "/" + family.table());
            for (int r = 0; r < t.size(); r++) {
                out.add(switch (family) {
                    case GEMM -> gemm(spec, t, r);
                    case GENERATION_ATTENTION -> decodeAttention(spec, t, r);
                    case CONTEXT_ATTENTION -> prefillAttention(spec, t, r);
                    case MOE -> moe(spec, t, r);
                });
            }
        }
        return out;
    }

    private static KernelSample gemm(AcceleratorSpec spec, ReferenceTable t, int r) {
        String dtype = t.text(r, "gemm_dtype");
        double m = t.number(r, "m");
        double n = t.number(r, "n");
        double k = t.number(r, "k");
        Precision p = switch (dtype) {
            case "bfloat16" -> Precision.BF16;
            case "fp8", "fp8_block" -> Precision.FP8;
            case "nvfp4" -> Precision.FP4;
            default -> throw new TokenFabException(t.name() + ": unknown gemm_dtype '" + dtype + "'");
        };
        boolean single = dtype.equals("fp8_block") || dtype.equals("nvfp4");
        double flops = 2 * m * n * k;
        // Block-scaled operands (NVFP4) carry their scales.
        double bytes = (m * k + k * n) * p.storedBytesPerWeight() + 2 * m * n;
        return sample(spec, t, r, KernelFamily.GEMM, dtype, shape("m", m, "n", n, "k", k), flops, p, bytes,
                single ? 1 : 6, !dtype.equals("fp8_block"));
    }

    private static KernelSample decodeAttention(AcceleratorSpec spec, ReferenceTable t, int r) {
        String kv = t.text(r, "kv_cache_dtype");
        double b = t.number(r, "batch_size");
        double ctx = t.number(r, "step") + 1;
        double h = t.number(r, "num_heads");
        double hkv = t.number(r, "num_key_value_heads");
        double d = t.number(r, "head_dim");
        double flops = 4 * b * ctx * h * d;
        double bytes = 2 * b * ctx * hkv * d * kvBytes(t, r, kv) + 2 * 2 * b * h * d;
        return sample(spec, t, r, KernelFamily.GENERATION_ATTENTION, kv,
                shape("b", b, "kv", ctx, "h", h, "hkv", hkv), flops, Precision.BF16, bytes, 1, true);
    }

    private static KernelSample prefillAttention(AcceleratorSpec spec, ReferenceTable t, int r) {
        String kv = t.text(r, "kv_cache_dtype");
        double b = t.number(r, "batch_size");
        double s = t.number(r, "isl");
        double h = t.number(r, "num_heads");
        double hkv = t.number(r, "num_key_value_heads");
        double d = t.number(r, "head_dim");
        double flops = 2 * b * s * (s + 1) * h * d;
        double bytes = b * s * (2 * h * d * 2 + 2 * hkv * d * 2) + b * s * 2 * hkv * d * kvBytes(t, r, kv);
        Precision p = kv.equals("fp8") ? Precision.FP8 : Precision.BF16;
        return sample(spec, t, r, KernelFamily.CONTEXT_ATTENTION, kv, shape("b", b, "s", s, "h", h, "hkv", hkv),
                flops, p, bytes, 1, true);
    }

    private static KernelSample moe(AcceleratorSpec spec, ReferenceTable t, int r) {
        String dtype = t.text(r, "moe_dtype");
        double tokens = t.number(r, "num_tokens");
        double hidden = t.number(r, "hidden_size");
        double inter = t.number(r, "inter_size") / t.number(r, "moe_tp_size");
        double topk = t.number(r, "topk");
        double experts = t.number(r, "num_experts");
        double ep = t.number(r, "moe_ep_size");
        Precision p = switch (dtype) {
            case "bfloat16" -> Precision.BF16;
            case "fp8", "fp8_block" -> Precision.FP8;
            default -> throw new TokenFabException(t.name() + ": unknown moe_dtype '" + dtype + "'");
        };
        double flops = 6 * tokens * topk * hidden * inter / ep;
        double touched = Math.min(experts / ep, Math.ceil(tokens * topk / ep));
        double bytes = touched * 3 * hidden * inter * p.bytesPerElement() + 2 * 2 * tokens * hidden;
        String shape = shape("t", tokens, "h", hidden, "i", t.number(r, "inter_size"), "k", topk) + " E"
                + (long) experts + " tp" + (long) t.number(r, "moe_tp_size") + " ep" + (long) ep;
        return sample(spec, t, r, KernelFamily.MOE, dtype, shape, flops, p, bytes, 1, true);
    }

    private static KernelSample sample(AcceleratorSpec spec, ReferenceTable t, int r, KernelFamily family,
            String dtype, String shape, double flops, Precision precision, double bytes, int copiesPerIteration,
            boolean graph) {
        double latency = t.number(r, "latency") * 1e-3;
        if (!(latency > 0)) {
            throw new TokenFabException(t.name() + ": row " + (r + 2) + ": latency must be > 0");
        }
        double uc = flops / (latency * spec.densePeakFlops(precision));
        double um = bytes / (latency * spec.memoryBandwidthBytesPerSecond());
        return new KernelSample(spec.id(), family, dtype, shape, latency, t.number(r, "power"), uc, um,
                measurementWindow(latency * copiesPerIteration), graph);
    }

    /**
     * Length of the timed loop the power sampler saw, s. AIConfigurator's
     * {@code collector/helper.py benchmark_with_power}: with power measurement on, it aims the loop
     * at 1 s (0.3 s when one iteration takes under 0.1 ms), runs at least 6 and at most 3000
     * iterations. An estimate: the 0.22 tables were collected by an earlier ("legacy") collector.
     */
    static double measurementWindow(double iterationSeconds) {
        double target = iterationSeconds < 1e-4 ? 0.3 : 1.0;
        double runs = Math.min(3000, Math.max(6, Math.floor(target / iterationSeconds) + 1));
        return runs * iterationSeconds;
    }

    private static double kvBytes(ReferenceTable t, int r, String kv) {
        return switch (kv) {
            case "bfloat16" -> 2;
            case "fp8" -> 1;
            default -> throw new TokenFabException(t.name() + ": row " + (r + 2) + ": unknown kv_cache_dtype '" + kv + "'");
        };
    }

    private static String shape(Object... pairs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(pairs[i]).append(String.format(Locale.ROOT, "%.0f", (Double) pairs[i + 1]));
        }
        return sb.toString();
    }
}
