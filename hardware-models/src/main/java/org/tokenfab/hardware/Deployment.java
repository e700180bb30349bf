package org.tokenfab.hardware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.tokenfab.sim.TokenFabException;

/**
 * One replica's shape: a model on {@code tp x pp} accelerators of one kind, {@code tp}-way tensor
 * parallel within each of {@code pp} pipeline stages, with its weight and KV-cache precisions. The
 * memory model and the step-cost model both start from it. Expert parallelism will be added here.
 *
 * <p>Validated on construction, following vLLM:
 * <ul>
 *   <li>{@code tp} divides the query heads and fits in the accelerator's scale-up domain (tensor
 *       parallelism over the scale-out network is not modelled);
 *   <li>for MHA/GQA/MQA, {@code tp} divides the KV heads, or is a multiple of them: then each GPU
 *       holds one KV head, replicated {@code tp / kvHeads} times, as vLLM does;
 *   <li>for MLA there is no KV-head constraint: every GPU holds the whole latent cache;
 *   <li>{@code pp} is between 1 and the layer count. Stages may sit on different nodes, so the
 *       scale-up domain does not limit {@code pp}.
 * </ul>
 *
 * @param model the LLM
 * @param accelerator the accelerator every GPU of the replica is
 * @param tp tensor-parallel degree, GPUs per pipeline stage
 * @param weights weight precision (also the matmul compute precision)
 * @param kvCache KV-cache precision
 * @param pp pipeline-parallel degree: stages, each holding a contiguous run of layers
 */
public record Deployment(ModelSpec model, AcceleratorSpec accelerator, int tp, Precision weights, Precision kvCache,
        int pp) {

    public Deployment {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(kvCache, "kvCache");
        List<Integer> allowed = validTensorParallelDegrees(model, accelerator);
        if (!allowed.contains(tp)) {
            String why;
            if (tp < 1) {
                why = "tp must be at least 1";
            } else if (tp > accelerator.scaleUpDomainSize()) {
                why = "tp must be at most " + accelerator.id() + "'s scale-up domain of "
                        + accelerator.scaleUpDomainSize() + " GPUs (tensor parallelism over the scale-out network is not modelled)";
            } else if (model.attentionKind() == AttentionKind.MLA) {
                why = "tp must divide " + model.id() + "'s " + model.attentionHeads() + " attention heads";
            } else {
                why = "tp must divide " + model.id() + "'s " + model.attentionHeads() + " attention heads, and divide its "
                        + model.kvHeads() + " KV heads or be a multiple of them (KV heads are replicated when tp exceeds them)";
            }
            throw new TokenFabException("tp=" + tp + " is not possible for " + model.id() + " on " + accelerator.id()
                    + ": " + why + "; allowed: " + allowed.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        if (pp < 1 || pp > model.layers()) {
            throw new TokenFabException("pp=" + pp + " is not possible for " + model.id() + ": pp must be between 1 and its "
                    + model.layers() + " layers (each pipeline stage holds at least one layer)");
        }
    }

    /** A replica without pipeline parallelism (one stage). */
    public Deployment(ModelSpec model, AcceleratorSpec accelerator, int tp, Precision weights, Precision kvCache) {
        this(model, accelerator, tp, weights, kvCache, 1);
    }

    /**
     * Tensor-parallel degrees this model allows on this accelerator, ascending: divisors of the
     * query heads that divide or are multiples of the KV heads (any, for MLA), at most the
     * scale-up domain.
     */
    public static List<Integer> validTensorParallelDegrees(ModelSpec model, AcceleratorSpec accelerator) {
        List<Integer> degrees = new ArrayList<>();
        for (int t = 1; t <= accelerator.scaleUpDomainSize(); t++) {
            boolean kvOk = model.attentionKind() == AttentionKind.MLA
                    || model.kvHeads() % t == 0 || t % model.kvHeads() == 0;
            if (model.attentionHeads() % t == 0 && kvOk) {
                degrees.add(t);
            }
        }
        return List.copyOf(degrees);
    }

    /** GPUs in the replica, tp x pp. */
    public int gpus() {
        return tp * pp;
    }

    /**
     * The share of one layer's KV cache that one GPU of a stage holds: 1/tp when tp divides the
     * KV heads, 1/kvHeads when heads are replicated (tp > kvHeads), and 1 for MLA, whose latent
     * vLLM keeps whole on every rank. So tensor parallelism stops shrinking the per-GPU cache at
     * tp = kvHeads, and never shrinks it for MLA.
     */
    public double kvShardFraction() {
        if (model.attentionKind() == AttentionKind.MLA) {
            return 1.0;
        }
        return 1.0 / Math.min(tp, model.kvHeads());
    }

    /** KV heads one GPU holds (each replicated one counts once); 0 for MLA, which has a latent instead. */
    public int kvHeadsPerGpu() {
        if (model.attentionKind() == AttentionKind.MLA) {
            return 0;
        }
        return Math.max(1, model.kvHeads() / tp);
    }

    /**
     * The layers of each pipeline stage, as vLLM splits them ({@code get_pp_indices}): L / pp each,
     * and the remainder one more each to the stages before the last, second-to-last first (the
     * last stage already holds the LM head).
     */
    public int[] stageLayerCounts() {
        int[] counts = new int[pp];
        int base = model.layers() / pp;
        Arrays.fill(counts, base);
        int remaining = model.layers() % pp;
        for (int i = 2; i < remaining + 2; i++) {
            counts[pp - i]++;
        }
        return counts;
    }

    /** "llama-3.1-8b bf16 (kv bf16) on 1 x h100-sxm", with "(tp 8, pp 2)" when pipelined. */
    public String describe() {
        return model.id() + " " + weights.yamlName() + " (kv " + kvCache.yamlName() + ") on " + gpus() + " x "
                + accelerator.id() + (pp > 1 ? " (tp " + tp + ", pp " + pp + ")" : "");
    }
}
