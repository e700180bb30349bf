package org.tokenfab.hardware.cost;

import java.util.Objects;

/**
 * Time of the causal (flash) attention kernel of one layer over a batch of prefill chunks, from
 * aggregates of the batch so its cost does not grow with the batch:
 * <pre>
 *   s      = sqrt(2 pairs / seqs)                          effective length (= chunk length for
 *                                                          equal chunks without prefix)
 *   tiles  = seqs kvHeads s group / 128                    query tiles (GQA packs a group's heads)
 *   eff    = e s / (s + lengthHalf) tiles / (tiles + parallelHalf)   e = computeEfficiency, or the FP8-KV one
 *   t_c    = pairs flopsPerPair / (peak_bf16 eff)
 *   t_m    = (tokens (qo + newKv) + cached cachedKv) / (bandwidth memoryEfficiency)
 *   t_f    = floor + nanosPerSeqKvHead seqs kvHeads
 *   t      = (t_c^p + t_m^p + t_f^p)^(1/p) x correction(s)
 * </pre>
 * {@code pairs} is the number of causal (query, key) pairs ({@link StepCostModel#causalPairs}),
 * {@code cached} the prefix tokens the chunks attend to but do not recompute. Using the mean chunk
 * length of a mixed batch is an approximation (exact for equal chunks, the measured case). The
 * efficiency depends on the pairs, not the tokens, so more tokens or more pairs never make the
 * kernel faster; more sequences for the same pairs can (more parallel tiles), as on the GPU.
 * Fitted to AIConfigurator's measured vLLM context-attention kernels.
 */
public final class PrefillAttentionModel {
    private final PrefillAttentionParams params;
    private final double peakFlops;
    private final double bandwidth;

    /**
     * @param params fitted constants
     * @param peakFlops dense BF16 peak, FLOP/s
     * @param bandwidth memory bandwidth, bytes/s
     */
    public PrefillAttentionModel(PrefillAttentionParams params, double peakFlops, double bandwidth) {
        this.params = Objects.requireNonNull(params, "params");
        Params.positive("peak", peakFlops);
        Params.positive("bandwidth", bandwidth);
        this.peakFlops = peakFlops;
        this.bandwidth = bandwidth;
    }

    /** Duration of one layer's kernel, ns; 0 for no tokens. */
    public double nanos(double seqs, double tokens, double pairs, double cachedTokens, AttentionShape shape) {
        return nanos(seqs, tokens, pairs, cachedTokens, shape, null, 1);
    }

    double nanos(double seqs, double tokens, double pairs, double cachedTokens, AttentionShape shape, StepUsage usage,
            double count) {
        if (tokens <= 0 || seqs <= 0) {
            return 0;
        }
        PrefillAttentionParams p = params;
        double s = Math.sqrt(2.0 * Math.max(pairs, 1.0) / seqs);
        double tiles = seqs * shape.kvHeads() * s * shape.group() / 128.0;
        double e = shape.fp8Kv() ? p.computeEfficiencyFp8Kv() : p.computeEfficiency();
        double eff = e * Curves.saturation(s, p.lengthHalf()) * Curves.saturation(tiles, p.parallelHalf());
        double flops = pairs * shape.flopsPerPair();
        double bytes = tokens * (shape.queryOutputBytesPerToken() + shape.newKvBytesPerToken())
                + cachedTokens * shape.cachedKvBytesPerToken();
        double tc = flops / (peakFlops * eff) * 1e9;
        double tm = bytes / (bandwidth * p.memoryEfficiency()) * 1e9;
        double tf = p.floorNanos() + p.nanosPerSeqKvHead() * seqs * shape.kvHeads();
        double t = Curves.pNorm(tc, tm, tf, p.exponent()) * p.correction().factor(s);
        if (usage != null) {
            usage.addKernel(count, t, flops, bytes, tc, tm);
        }
        return t;
    }

    public PrefillAttentionParams params() {
        return params;
    }
}
