package org.tokenfab.hardware.roofline;

import java.util.OptionalInt;

import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.ModelSpec;
import org.tokenfab.hardware.Precision;

/**
 * The ideal roofline of one replica ({@code tp} accelerators): peak compute and bandwidth add up
 * over the replica, work is counted exactly, and no efficiency factor hides anything.
 *
 * <p>Counting rules (per token, per layer unless said):
 * <ul>
 *   <li>matrix work: 2 FLOPs per active parameter per token (LM head included);</li>
 *   <li>attention: 4 FLOPs per head per head-dimension per (query, key) pair — QK<sup>T</sup> and
 *       AV; MLA attends over its compressed latent (kv_lora_rank + rope dims) as vLLM's absorbed
 *       decode kernel does;</li>
 *   <li>weights are read once per step; for mixture-of-experts only the experts the batch touches,
 *       E·(1 − (1 − k/E)<sup>tokens</sup>) of them per layer under uniform routing;</li>
 *   <li>KV cache: every context token's keys and values are read, new tokens' are written.</li>
 * </ul>
 */
public final class Roofline {
    private final ModelSpec model;
    private final Precision weights;
    private final Precision kv;
    private final double peakFlops;
    private final double bandwidth;

    public Roofline(ModelSpec model, AcceleratorSpec accelerator, Precision weights, Precision kv, int tp) {
        this(model, accelerator, weights, kv, tp, weights);
    }

    /**
     * Weights stored in {@code weights} and multiplied in {@code compute} (W4A16: fp4, bf16): the
     * bytes are the stored format's, the peak the compute format's.
     */
    public Roofline(ModelSpec model, AcceleratorSpec accelerator, Precision weights, Precision kv, int tp, Precision compute) {
        if (tp < 1) {
            throw new IllegalArgumentException("tp must be >= 1, got " + tp);
        }
        this.model = model;
        this.weights = weights;
        this.kv = kv;
        // Matrix work runs at the compute precision's peak (fp8 weights -> fp8 tensor cores, unless widened).
        this.peakFlops = accelerator.densePeakFlops(compute) * tp;
        this.bandwidth = accelerator.memoryBandwidthBytesPerSecond() * tp;
    }

    /** Peak FLOP/s of the replica. */
    public double peakFlops() {
        return peakFlops;
    }

    /** Memory bandwidth of the replica, bytes/s. */
    public double bandwidth() {
        return bandwidth;
    }

    /** FLOPs per byte above which a step is compute-bound. */
    public double ridgeIntensity() {
        return peakFlops / bandwidth;
    }

    /** One decode step: {@code batch} sequences, each attending to {@code context} tokens. */
    public RooflinePoint decode(int batch, int context) {
        double flops = batch * (2.0 * model.activeParams() + attentionFlopsPerPair() * context);
        double bytes = weightBytesRead(batch) + batch * (double) model.kvBytes(context, kv);
        return point("decode", batch, context, flops, bytes, batch);
    }

    /** The prefill of one prompt of {@code tokens} tokens, causal attention. */
    public RooflinePoint prefill(int tokens) {
        double pairs = tokens * (tokens + 1.0) / 2;
        double flops = 2.0 * model.activeParams() * tokens + attentionFlopsPerPair() * pairs;
        double bytes = weightBytesRead(tokens) + model.kvBytes(tokens, kv);
        return point("prefill", 1, tokens, flops, bytes, tokens);
    }

    /** The smallest decode batch that is compute-bound at this context, if any up to {@code maxBatch}. */
    public OptionalInt decodeCrossoverBatch(int context, int maxBatch) {
        for (int b = 1; b <= maxBatch; b++) {
            if (!decode(b, context).memoryBound()) {
                return OptionalInt.of(b);
            }
        }
        return OptionalInt.empty();
    }

    private RooflinePoint point(String phase, int batch, int context, double flops, double bytes, double tokens) {
        double compute = flops / peakFlops;
        double memory = bytes / bandwidth;
        double step = Math.max(compute, memory);
        return new RooflinePoint(phase, batch, context, flops, bytes, flops / bytes, step, tokens / step, memory >= compute);
    }

    /** FLOPs of attention per (query, key) pair, whole model. */
    private double attentionFlopsPerPair() {
        int attentionLayers = model.layers();
        if (model.kvLoraRank() > 0) {
            // Absorbed MLA: scores over (latent + rope) dims, values over the latent.
            return 2.0 * attentionLayers * model.attentionHeads() * (2.0 * model.kvLoraRank() + model.qkRopeHeadDim());
        }
        return 4.0 * attentionLayers * model.attentionHeads() * model.headDim();
    }

    /** Weight bytes a step reads when {@code tokens} tokens pass through the model (uniform routing). */
    private double weightBytesRead(double tokens) {
        double expertParamsRead = model.expectedExpertsPerLayer(tokens) * model.moeExpertParams() * model.moeLayers();
        return model.weightBytesRead(weights, expertParamsRead);
    }
}
