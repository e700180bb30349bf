package org.tokenfab.hardware.cost;

import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Deployment;
import org.tokenfab.hardware.ModelSpec;
import org.tokenfab.hardware.Precision;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Roofline cost of one engine iteration of a tensor-parallel replica: how long a step that
 * prefills some prompt chunks and decodes one token for some sequences takes.
 *
 * <p>The model (notation and formulas from {@code shared/reference/hardware-specs.md}, Part 3):
 * <pre>
 *   FLOPs = 2 N_blocks (prefillTokens + decodeSeqs)          linear layers of the transformer blocks
 *         + 2 V d decodeSeqs                                  LM head, for rows that sample a token
 *         + 4 L H d_h (prefillAttentionPairs + decodeContext) QK^T and PV per query-key pair
 *   bytes = W_read b_w                                        weights, streamed once per step
 *         + (prefillContext + decodeContext) kvBytesPerToken  KV read
 *         + (prefillTokens + decodeSeqs) kvBytesPerToken      KV written
 *   per GPU: FLOPs / tp, bytes / tp
 *   t = max(FLOPs / (peak computeEff), bytes / (bandwidth memoryEff)) + t_allreduce + t_overhead
 *   t_allreduce = 2 L (alpha + S 2(tp-1)/tp / B_link),  S = (prefillTokens + decodeSeqs) d b_act,  0 at tp = 1
 * </pre>
 * where N_blocks excludes the embedding and LM head, W_read is every weight but an untied input
 * embedding (a step gathers only its tokens' rows), {@code peak} is the dense peak of the weight
 * precision, and B_link the per-direction scale-up bandwidth. Compute and memory overlap perfectly
 * (the roofline); communication and overhead do not overlap with either, which is conservative.
 *
 * <p>Known simplifications, for the calibration issue: one efficiency for all kernels (attention
 * and GEMMs differ, and efficiency falls at small batch); activations' memory traffic ignored; the
 * LM head is charged only for decode rows because the arguments do not say how many prefill chunks
 * finish their prompt (at most one row each, ~2 GFLOP for Llama-3.1-8B, microseconds); the
 * vocab-parallel logits gather under tp is ignored; FP4 block scales are not counted.
 *
 * <p>Hot path: {@link #stepNanos} takes primitives, allocates nothing and reads only final
 * fields, so one instance may serve many simulation threads.
 */
public final class StepCostModel {
    private final Deployment deployment;
    private final RooflineCalibration calibration;

    // Per-GPU coefficients, precomputed so the hot path is a handful of multiply-adds.
    private final double flopsPerNewToken;      // 2 N_blocks / tp
    private final double flopsPerSampledRow;    // 2 V d / tp
    private final double flopsPerAttentionPair; // 4 L H d_h / tp
    private final double weightBytesPerStep;    // W_read b_w / tp
    private final double kvBytesPerTokenPerGpu; // kvBytesPerToken / tp
    private final double nanosPerFlop;          // 1e9 / (peak computeEff)
    private final double nanosPerByte;          // 1e9 / (bandwidth memoryEff)
    private final double allReducesPerStep;     // 2 L, 0 at tp = 1
    private final double allReduceLatencyNanos; // alpha
    private final double allReduceNanosPerToken; // d b_act 2(tp-1)/tp / B_link, in ns
    private final double overheadNanos;
    private final double peakFlopsPerGpu;
    private final double bandwidthPerGpu;

    /** A step-cost model with the {@link RooflineCalibration#DEFAULT default} calibration. */
    public StepCostModel(ModelSpec model, AcceleratorSpec accelerator, int tp, Precision weights, Precision kvCache) {
        this(new Deployment(model, accelerator, tp, weights, kvCache), RooflineCalibration.DEFAULT);
    }

    /**
     * @throws org.tokenfab.sim.TokenFabException if the accelerator has no dense peak for the
     *     weight precision (e.g. FP4 on Hopper)
     */
    public StepCostModel(Deployment deployment, RooflineCalibration calibration) {
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        ModelSpec m = deployment.model();
        AcceleratorSpec a = deployment.accelerator();
        double tp = deployment.tp();
        this.peakFlopsPerGpu = a.densePeakFlops(deployment.weights());
        this.bandwidthPerGpu = a.memoryBandwidthBytesPerSecond();

        this.flopsPerNewToken = 2.0 * m.nonEmbeddingParams() / tp;
        this.flopsPerSampledRow = 2.0 * m.lmHeadParams() / tp;
        this.flopsPerAttentionPair = 4.0 * m.layers() * (double) m.attentionDim() / tp;
        this.weightBytesPerStep = m.paramsReadPerStep() * deployment.weights().bytesPerElement() / tp;
        this.kvBytesPerTokenPerGpu = m.kvBytesPerToken(deployment.kvCache()) / tp;
        this.nanosPerFlop = 1e9 / (peakFlopsPerGpu * calibration.computeEfficiency());
        this.nanosPerByte = 1e9 / (bandwidthPerGpu * calibration.memoryEfficiency());

        if (deployment.tp() > 1) {
            this.allReducesPerStep = 2.0 * m.layers();
            this.allReduceLatencyNanos = calibration.allReduceLatencyNanos();
            double busFactor = 2.0 * (tp - 1) / tp;
            this.allReduceNanosPerToken = m.hiddenSize() * calibration.activations().bytesPerElement() * busFactor
                    / a.scaleUpBytesPerSecondPerDirection() * 1e9;
        } else {
            this.allReducesPerStep = 0;
            this.allReduceLatencyNanos = 0;
            this.allReduceNanosPerToken = 0;
        }
        this.overheadNanos = calibration.stepOverheadNanos();
    }

    /**
     * Query-key pairs of causal attention for a prefill chunk of {@code chunk} tokens starting at
     * position {@code offset} (the tokens already in the KV cache): token {@code i} of the chunk
     * attends to {@code offset + i + 1} keys, so the chunk contributes
     * {@code chunk * offset + chunk (chunk + 1) / 2}.
     */
    public static long causalPairs(long offset, long chunk) {
        if (offset < 0 || chunk < 0) {
            throw new IllegalArgumentException("offset and chunk must be >= 0, got " + offset + ", " + chunk);
        }
        return chunk * offset + chunk * (chunk + 1) / 2;
    }

    /**
     * Duration of one iteration, ns. An empty step (no tokens) costs 0; any other step at least
     * 1 ns. Never decreases when an argument grows.
     *
     * @param prefillTokens new prompt tokens processed this step (sum of chunk lengths)
     * @param prefillAttentionPairs sum over prefill chunks of {@link #causalPairs(long, long)}
     * @param prefillContextTokens sum over prefill chunks of their already-cached prefix length
     *     (that KV is read)
     * @param decodeSeqs sequences generating one token each
     * @param decodeContextTokens sum over decode sequences of the keys their new token attends to
     *     (its context length; all that KV is read)
     */
    public long stepNanos(int prefillTokens, long prefillAttentionPairs, long prefillContextTokens, int decodeSeqs,
            long decodeContextTokens) {
        checkArguments(prefillTokens, prefillAttentionPairs, prefillContextTokens, decodeSeqs, decodeContextTokens);
        long newTokens = (long) prefillTokens + decodeSeqs;
        if (newTokens == 0) {
            return 0;
        }
        double compute = flopsPerGpu(prefillTokens, prefillAttentionPairs, decodeSeqs, decodeContextTokens) * nanosPerFlop;
        double memory = bytesPerGpu(prefillTokens, prefillContextTokens, decodeSeqs, decodeContextTokens) * nanosPerByte;
        double total = Math.max(compute, memory) + commNanos(newTokens) + overheadNanos;
        return Math.max(1L, Math.round(total));
    }

    /** FLOPs one GPU executes in the step (see the class comment); for MFU and tests. */
    public double flopsPerGpu(int prefillTokens, long prefillAttentionPairs, int decodeSeqs, long decodeContextTokens) {
        return flopsPerNewToken * ((double) prefillTokens + decodeSeqs)
                + flopsPerSampledRow * decodeSeqs
                + flopsPerAttentionPair * ((double) prefillAttentionPairs + decodeContextTokens);
    }

    /** Bytes one GPU moves to or from device memory in the step; for MBU and tests. */
    public double bytesPerGpu(int prefillTokens, long prefillContextTokens, int decodeSeqs, long decodeContextTokens) {
        return weightBytesPerStep
                + kvBytesPerTokenPerGpu * ((double) prefillContextTokens + decodeContextTokens)
                + kvBytesPerTokenPerGpu * ((double) prefillTokens + decodeSeqs);
    }

    /** Time the tensor-parallel all-reduces of a step with {@code newTokens} tokens take, ns (0 at tp=1). */
    public double commNanos(long newTokens) {
        return allReducesPerStep * (allReduceLatencyNanos + newTokens * allReduceNanosPerToken);
    }

    /**
     * The pieces of one step's cost (allocates; for reports, the roofline view and tests, not the
     * hot path). {@code totalNanos} equals {@link #stepNanos} for the same arguments.
     */
    public Breakdown breakdown(int prefillTokens, long prefillAttentionPairs, long prefillContextTokens, int decodeSeqs,
            long decodeContextTokens) {
        long total = stepNanos(prefillTokens, prefillAttentionPairs, prefillContextTokens, decodeSeqs,
                decodeContextTokens);
        double flops = flopsPerGpu(prefillTokens, prefillAttentionPairs, decodeSeqs, decodeContextTokens);
        double bytes = bytesPerGpu(prefillTokens, prefillContextTokens, decodeSeqs, decodeContextTokens);
        boolean empty = (long) prefillTokens + decodeSeqs == 0;
        return new Breakdown(flops, bytes, Math.round(flops * nanosPerFlop), Math.round(bytes * nanosPerByte),
                empty ? 0 : Math.round(commNanos((long) prefillTokens + decodeSeqs)),
                empty ? 0 : Math.round(overheadNanos), total);
    }

    /**
     * The smallest decode batch (each sequence at {@code contextTokens} of context) at which the
     * step becomes compute-bound, with this model's efficiencies. Below it, decode is
     * memory-bound: each step streams all weights for few tokens. Empty if decode never becomes
     * compute-bound because every sequence's KV reads cost more time than its FLOPs (long
     * contexts with little KV sharing across heads).
     */
    public OptionalInt decodeCrossoverBatch(long contextTokens) {
        if (contextTokens < 0) {
            throw new IllegalArgumentException("contextTokens must be >= 0, got " + contextTokens);
        }
        double computePerSeq = (flopsPerNewToken + flopsPerSampledRow + flopsPerAttentionPair * contextTokens)
                * nanosPerFlop;
        double memoryPerSeq = kvBytesPerTokenPerGpu * (contextTokens + 1.0) * nanosPerByte;
        double fixedMemory = weightBytesPerStep * nanosPerByte;
        if (computePerSeq <= memoryPerSeq) {
            return OptionalInt.empty();
        }
        double b = Math.ceil(fixedMemory / (computePerSeq - memoryPerSeq));
        return b > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) Math.max(1, b));
    }

    public Deployment deployment() {
        return deployment;
    }

    public RooflineCalibration calibration() {
        return calibration;
    }

    /** Dense peak FLOP/s of one GPU at the weight precision (no efficiency applied), for MFU. */
    public double peakFlopsPerGpu() {
        return peakFlopsPerGpu;
    }

    /** Peak memory bandwidth of one GPU, bytes/s (no efficiency applied), for MBU. */
    public double memoryBandwidthPerGpu() {
        return bandwidthPerGpu;
    }

    private static void checkArguments(int prefillTokens, long prefillAttentionPairs, long prefillContextTokens,
            int decodeSeqs, long decodeContextTokens) {
        if ((prefillTokens | decodeSeqs | prefillAttentionPairs | prefillContextTokens | decodeContextTokens) < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "step arguments must be >= 0: prefillTokens=%d prefillAttentionPairs=%d prefillContextTokens=%d "
                            + "decodeSeqs=%d decodeContextTokens=%d",
                    prefillTokens, prefillAttentionPairs, prefillContextTokens, decodeSeqs, decodeContextTokens));
        }
    }

    @Override
    public String toString() {
        return "StepCostModel[" + deployment.describe() + ", " + calibration + "]";
    }

    /**
     * One step's cost, per GPU.
     *
     * @param flopsPerGpu FLOPs one GPU executes
     * @param bytesPerGpu bytes one GPU moves to/from device memory
     * @param computeNanos time at the achieved compute rate
     * @param memoryNanos time at the achieved bandwidth
     * @param commNanos tensor-parallel all-reduce time
     * @param overheadNanos fixed per-step overhead
     * @param totalNanos max(compute, memory) + comm + overhead, rounded
     */
    public record Breakdown(double flopsPerGpu, double bytesPerGpu, long computeNanos, long memoryNanos,
            long commNanos, long overheadNanos, long totalNanos) {
        /** Whether compute, not memory traffic, bounds the step. */
        public boolean computeBound() {
            return computeNanos > memoryNanos;
        }
    }
}
