package org.tokenfab.hardware.cost;

import java.util.Objects;

/**
 * Time of the decode attention kernel of one layer: each of {@code seqs} sequences attends with
 * one new query to its whole cached context. Bandwidth-bound with a per-sequence overhead:
 * <pre>
 *   t_m    = (contextTokens cachedKv + seqs qo) / (bandwidth em)
 *   t_c    = contextTokens flopsPerPair / (peak_bf16 computeEfficiency)
 *   t_f    = floor + nanosPerSeqKvHead seqs kvHeads
 *   t      = (t_m^p + t_c^p + t_f^p)^(1/p) x correction(contextTokens)
 * </pre>
 * {@code contextTokens} is the sum over sequences of the keys each new query attends to;
 * {@code em} is the 16-bit or the FP8-KV efficiency. Every term grows with both arguments, so
 * neither more sequences nor more context is ever faster. (A per-sequence parallelism term would
 * fit the few small batches a little better but would make more sequences faster for the same
 * total context.) The compute term matters only for latent
 * attention (MLA), whose query heads all share one cached latent; its efficiency is the prefill
 * attention's large-tile efficiency on the same accelerator (decode kernels of GQA models never
 * reach the compute bound, so the decode data cannot fit it). Fitted to AIConfigurator's measured
 * vLLM generation-attention kernels.
 */
public final class DecodeAttentionModel {
    private final DecodeAttentionParams params;
    private final double peakFlops;
    private final double bandwidth;
    private final double computeEfficiency;

    /**
     * @param params fitted constants
     * @param peakFlops dense BF16 peak, FLOP/s
     * @param bandwidth memory bandwidth, bytes/s
     * @param computeEfficiency the prefill attention's compute efficiency on this accelerator
     */
    public DecodeAttentionModel(DecodeAttentionParams params, double peakFlops, double bandwidth, double computeEfficiency) {
        this.params = Objects.requireNonNull(params, "params");
        Params.positive("peak", peakFlops);
        Params.positive("bandwidth", bandwidth);
        Params.positive("computeEfficiency", computeEfficiency);
        this.peakFlops = peakFlops;
        this.bandwidth = bandwidth;
        this.computeEfficiency = computeEfficiency;
    }

    /** Duration of one layer's kernel, ns; 0 for no sequences. */
    public double nanos(double seqs, double contextTokens, AttentionShape shape) {
        return nanos(seqs, contextTokens, shape, null, 1);
    }

    double nanos(double seqs, double contextTokens, AttentionShape shape, StepUsage usage, double count) {
        if (seqs <= 0) {
            return 0;
        }
        DecodeAttentionParams p = params;
        double em = shape.fp8Kv() ? p.memoryEfficiencyFp8Kv() : p.memoryEfficiency();
        double bytes = contextTokens * shape.cachedKvBytesPerToken() + seqs * shape.queryOutputBytesPerToken();
        double flops = contextTokens * shape.flopsPerPair();
        double tm = bytes / (bandwidth * em) * 1e9;
        double tc = flops / (peakFlops * computeEfficiency) * 1e9;
        double tf = p.floorNanos() + p.nanosPerSeqKvHead() * seqs * shape.kvHeads();
        double t = Curves.pNorm(tm, tc, tf, p.exponent()) * p.correction().factor(contextTokens);
        if (usage != null) {
            usage.addKernel(count, t, flops, bytes, tc, tm);
        }
        return t;
    }

    public DecodeAttentionParams params() {
        return params;
    }
}
