package org.tokenfab.hardware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.tokenfab.sim.TokenFabException;

/**
 * One replica's shape: a model on {@code tp x dp x pp} accelerators of one kind, {@code tp}-way
 * tensor parallel within each of {@code pp} pipeline stages, optionally expert parallel, with its
 * weight and KV-cache precisions, placed in scale-up domains of a given size. The memory model
 * and the step-cost model both start from it.
 *
 * <p>Expert parallelism follows vLLM's {@code --enable-expert-parallel}: {@code ep} is 1 (experts
 * split by tensor parallelism), or a multiple of {@code tp}: the experts are spread over {@code ep}
 * GPUs, and when {@code ep > tp} attention runs data parallel in {@code dp = ep / tp} groups of
 * {@code tp} GPUs, each with its own sequences and KV cache.
 *
 * <p>The scale-up domain comes from the system the replica runs on (an HGX board of 8, an NVL72
 * rack, a TPU slice); without one, from the accelerator's own catalog entry. A tensor-parallel
 * group never spans two domains; expert and pipeline groups may, and then pay the scale-out
 * network (the step-cost model decides which link each collective takes).
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
 * @param weights weight precision: how the weights are stored, so what they take in memory and
 *     what a step streams
 * @param kvCache KV-cache precision
 * @param pp pipeline-parallel degree: stages, each holding a contiguous run of layers
 * @param ep expert-parallel degree: 1, or a multiple of {@code tp} dividing the experts (MoE only)
 * @param scaleUpDomain accelerators one scale-up fabric joins, which bounds {@code tp}
 * @param compute the format the matrix multiplications run in (the activations' format), which
 *     sets the tensor-core rate and the measured kernels that apply: the weights' own format, or a
 *     wider one when the kernels widen the weights on the fly (W4A16: 4-bit weights, BF16 math;
 *     gpt-oss's MXFP4 experts with MXFP8 activations on Blackwell). Never narrower than the weights.
 */
public record Deployment(ModelSpec model, AcceleratorSpec accelerator, int tp, Precision weights, Precision kvCache,
        int pp, int ep, int scaleUpDomain, Precision compute) {

    public Deployment {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(kvCache, "kvCache");
        Objects.requireNonNull(compute, "compute");
        weights.requireComputableIn(compute);
        if (scaleUpDomain < 1) {
            throw new TokenFabException("the scale-up domain must hold at least 1 accelerator, got " + scaleUpDomain);
        }
        List<Integer> allowed = validTensorParallelDegrees(model, scaleUpDomain);
        if (!allowed.contains(tp)) {
            String why;
            if (tp < 1) {
                why = "tp must be at least 1";
            } else if (tp > scaleUpDomain) {
                why = "tp must be at most the scale-up domain of " + scaleUpDomain + " " + accelerator.id()
                        + " (a tensor-parallel group never spans two domains: its all-reduces would cross the scale-out network)";
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
        checkExpertParallelism(model, tp, ep);
    }

    /** Computing in the weights' own format. */
    public Deployment(ModelSpec model, AcceleratorSpec accelerator, int tp, Precision weights, Precision kvCache, int pp,
            int ep, int scaleUpDomain) {
        this(model, accelerator, tp, weights, kvCache, pp, ep, scaleUpDomain, weights);
    }

    /** A replica without pipeline or expert parallelism, in its accelerator's scale-up domain. */
    public Deployment(ModelSpec model, AcceleratorSpec accelerator, int tp, Precision weights, Precision kvCache) {
        this(model, accelerator, tp, weights, kvCache, 1);
    }

    /** A replica without expert parallelism, in its accelerator's scale-up domain. */
    public Deployment(ModelSpec model, AcceleratorSpec accelerator, int tp, Precision weights, Precision kvCache, int pp) {
        this(model, accelerator, tp, weights, kvCache, pp, 1, accelerator.scaleUpDomainSize());
    }

    /** The same replica with expert-parallel degree {@code ep}. */
    public Deployment withExpertParallel(int ep) {
        return new Deployment(model, accelerator, tp, weights, kvCache, pp, ep, scaleUpDomain, compute);
    }

    /** The same replica computing in {@code format} (see {@code compute} above). */
    public Deployment withCompute(Precision format) {
        return new Deployment(model, accelerator, tp, weights, kvCache, pp, ep, scaleUpDomain, format);
    }

    /**
     * The same replica placed on {@code system}, whose scale-up domain bounds {@code tp}.
     *
     * @throws TokenFabException if the system is built of another accelerator
     */
    public Deployment on(SystemSpec system) {
        if (!system.acceleratorId().equals(accelerator.id())) {
            throw new TokenFabException("system " + system.id() + " is built of " + system.acceleratorId()
                    + ", not " + accelerator.id());
        }
        return new Deployment(model, accelerator, tp, weights, kvCache, pp, ep, system.scaleUpDomain(), compute);
    }

    /**
     * Share of an SRAM-only chip's usable memory the placement leaves for the KV cache (an
     * assumption: Groq and Cerebras publish no split; a quarter keeps a few thousand tokens of
     * context per chip for 70B-class models).
     */
    public static final double SRAM_KV_SHARE = 0.25;

    /**
     * For an SRAM-only accelerator (Groq, Cerebras), the same replica with as many pipeline stages
     * of {@code tp} chips as its weights need, leaving {@link #SRAM_KV_SHARE} of each chip's usable
     * SRAM for the KV cache; for any other accelerator, this replica unchanged.
     *
     * @throws TokenFabException if even one layer per stage does not fit
     */
    public Deployment placedInSram(double memoryUtilization) {
        if (!accelerator.sramOnly()) {
            return this;
        }
        long usable = MemoryModel.usableBytes(accelerator, memoryUtilization);
        double forWeights = usable * (1 - SRAM_KV_SHARE);
        double weightBytes = model.weightBytes(weights);
        // From the even split upwards until the heaviest stage (embedding and LM head included) fits.
        int stages = (int) Math.max(pp, Math.ceil(weightBytes / (tp * forWeights)));
        MemoryModel.Stage heaviest = null;
        int last = 0;
        for (; stages <= model.layers(); stages++) {
            last = stages - 1;
            Deployment d = new Deployment(model, accelerator, tp, weights, kvCache, stages, ep, scaleUpDomain, compute);
            heaviest = MemoryModel.plan(d, usable, 0).stream()
                    .max(java.util.Comparator.comparingLong(MemoryModel.Stage::weightBytesPerGpu)).orElseThrow();
            if (heaviest.weightBytesPerGpu() <= forWeights) {
                return d;
            }
        }
        String which = heaviest.index() == 0 ? "the first, with the input embedding"
                : heaviest.index() == last ? "the last, with the LM head" : "stage " + heaviest.index();
        throw new TokenFabException(String.format(java.util.Locale.ROOT,
                "%s in %s needs %.1f GB of weights%s: even at one layer per stage of %d %s chips, the heaviest "
                        + "stage (%s) holds %.2f GB per chip, more than the %.2f GB that leaves %.0f%% of their %.2f GB "
                        + "of usable SRAM for the KV cache; use more tp or a smaller precision",
                model.id(), weights.yamlName(), weightBytes / 1e9, weightsNote(weights), tp, accelerator.id(), which,
                heaviest.weightBytesPerGpu() / 1e9, forWeights / 1e9, 100 * SRAM_KV_SHARE, usable / 1e9));
    }

    /** For messages after a weight size: how a quantized checkpoint stores what it does not quantize; empty otherwise. */
    static String weightsNote(Precision weights) {
        return weights.quantized() ? " (embedding and LM head in 16 bits, as quantized checkpoints keep them)" : "";
    }

    private static void checkExpertParallelism(ModelSpec m, int tp, int ep) {
        if (ep < 1) {
            throw new TokenFabException("ep=" + ep + " is not possible: ep must be at least 1");
        }
        if (ep == 1) {
            return;
        }
        if (!m.isMoe()) {
            throw new TokenFabException("ep=" + ep + " is not possible for " + m.id()
                    + ": expert parallelism needs a mixture-of-experts model; use ep=1");
        }
        if (ep % tp != 0) {
            throw new TokenFabException("ep=" + ep + " is not possible with tp=" + tp
                    + ": ep must be 1 or a multiple of tp (vLLM spreads experts over all tp x dp GPUs)");
        }
        if (m.moeExperts() % ep != 0) {
            throw new TokenFabException("ep=" + ep + " is not possible for " + m.id() + ": ep must divide its "
                    + m.moeExperts() + " experts");
        }
    }

    /**
     * Tensor-parallel degrees this model allows on this accelerator, ascending: divisors of the
     * query heads that divide or are multiples of the KV heads (any, for MLA), at most the
     * scale-up domain.
     */
    public static List<Integer> validTensorParallelDegrees(ModelSpec model, AcceleratorSpec accelerator) {
        return validTensorParallelDegrees(model, accelerator.scaleUpDomainSize());
    }

    /** As {@link #validTensorParallelDegrees(ModelSpec, AcceleratorSpec)} in a scale-up domain of {@code domain}. */
    public static List<Integer> validTensorParallelDegrees(ModelSpec model, int domain) {
        List<Integer> degrees = new ArrayList<>();
        for (int t = 1; t <= domain; t++) {
            boolean kvOk = model.attentionKind() == AttentionKind.MLA
                    || model.kvHeads() % t == 0 || t % model.kvHeads() == 0;
            if (model.attentionHeads() % t == 0 && kvOk) {
                degrees.add(t);
            }
        }
        return List.copyOf(degrees);
    }

    /** Data-parallel attention groups: {@code ep / tp} when {@code ep > tp}, else 1. */
    public int dp() {
        return ep > tp ? ep / tp : 1;
    }

    /** GPUs in the replica, tp x dp x pp. */
    public int gpus() {
        return tp * dp() * pp;
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

    /**
     * "llama-3.1-8b bf16 (kv bf16) on 1 x h100-sxm", with "(tp 8, pp 2)" or "(tp 8, ep 16)" when
     * pipelined or expert parallel, and "fp4 computed in bf16" when the math is wider than the weights.
     */
    public String describe() {
        String shape = pp > 1 || ep > 1 ? " (tp " + tp + (ep > 1 ? ", ep " + ep : "") + (pp > 1 ? ", pp " + pp : "") + ")" : "";
        String math = compute == weights ? "" : " computed in " + compute.yamlName();
        return model.id() + " " + weights.yamlName() + math + " (kv " + kvCache.yamlName() + ") on " + gpus() + " x "
                + accelerator.id() + shape;
    }
}
