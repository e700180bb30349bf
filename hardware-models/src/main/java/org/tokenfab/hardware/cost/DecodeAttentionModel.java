package org.tokenfab.hardware.cost;

import java.util.Objects;

/**
 * Time of the decode attention kernel of one layer: each of {@code seqs} sequences attends with
 * one new query to its whole cached context; the longest of them attends to {@code maxContext}
 * keys. Bandwidth-bound, with a per-stream bound and a per-sequence overhead:
 * <pre>
 *   t_m    = (contextTokens cachedKv + seqs qo) / (bandwidth em)
 *   t_c    = contextTokens flopsPerPair / (peak_bf16 computeEfficiency)
 *   t_s    = maxContext (cachedKv / kvHeads) / streamBandwidth
 *   t_f    = floor + nanosPerSeqKvHead seqs kvHeads
 *   t      = (t_m^p + t_c^p + t_s^p + t_f^p)^(1/p) x correction(contextTokens)
 * </pre>
 * {@code contextTokens} is the sum over sequences of the keys each new query attends to;
 * {@code em} is the 16-bit or the FP8-KV efficiency. {@code streamBandwidth} and {@code floor}
 * depend on the kernel path: MHA (as many KV heads as query heads) or GQA/MQA/MLA (several query
 * heads per KV head).
 *
 * <p>Why the stream term {@code t_s}: the work of a decode kernel comes in streams, one per
 * (sequence, KV head), and a stream cannot run faster than the thread blocks it is given. On the
 * MHA path FlashAttention 2 gives each stream one block and does not split the KV sequence, so a
 * few long sequences leave most SMs idle: on the A100 one block streams about 22 GB/s and batch 1,
 * 2 and 8 at 131k context all take about 3 ms (0.18 to 1.4 TB/s in total). On the GQA path the
 * context is split over many blocks and combined by a second kernel, so a lone stream is much
 * faster but still well short of the whole GPU's bandwidth (A100, 8 query heads on 1 KV head,
 * batch 1, 131k context: 91 us, where the aggregate bandwidth alone gives about 40 us), and the
 * combine kernel raises the floor. The time of the longest stream is bounded by its own context,
 * so the term uses {@code maxContext}, not the mean: it never falls when a sequence is added,
 * when any context grows, or when the longest context grows. Where the kernels split every stream
 * (FA3 and FlashInfer on H100, H200, B200) the fitted stream bandwidths come out at 1.1 to 2.4
 * TB/s, a sizeable fraction of the aggregate, so the term matters there only for a few very long
 * sequences; on the A100 (vLLM 0.14, FA2) MHA streams fit at about 35 GB/s and GQA streams at about
 * 0.8 TB/s. The floor differs by path too (the GQA path's extra combine kernel; on the A100 16 us
 * against 9 us). (A term that rewards spreading the same total context over
 * more sequences would fit the small batches too, but it would make more sequences faster for the
 * same total context, which the simulator must never see.)
 *
 * <p>Every term is non-decreasing in {@code seqs}, {@code contextTokens} and {@code maxContext},
 * so neither more sequences, more context nor a longer longest sequence is ever faster. The
 * compute term matters only for latent attention (MLA), whose query heads all share one cached
 * latent; its efficiency is the prefill attention's large-tile efficiency on the same accelerator
 * (decode kernels of GQA models never reach the compute bound, so the decode data cannot fit it).
 * Fitted to AIConfigurator's measured vLLM generation-attention kernels.
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
        return nanos(seqs, contextTokens, seqs > 0 ? contextTokens / seqs : 0, shape, null, 1);
    }

    /**
     * Duration of one layer's kernel, ns, when the longest of the sequences attends to
     * {@code maxContext} keys; 0 for no sequences.
     */
    public double nanos(double seqs, double contextTokens, double maxContext, AttentionShape shape) {
        return nanos(seqs, contextTokens, maxContext, shape, null, 1);
    }

    double nanos(double seqs, double contextTokens, double maxContext, AttentionShape shape, StepUsage usage, double count) {
        if (seqs <= 0) {
            return 0;
        }
        DecodeAttentionParams p = params;
        double em = shape.fp8Kv() ? p.memoryEfficiencyFp8Kv() : p.memoryEfficiency();
        double bytes = contextTokens * shape.cachedKvBytesPerToken() + seqs * shape.queryOutputBytesPerToken();
        double flops = contextTokens * shape.flopsPerPair();
        double tm = bytes / (bandwidth * em) * 1e9;
        double tc = flops / (peakFlops * computeEfficiency) * 1e9;
        boolean mha = shape.heads() <= shape.kvHeads();
        double streamBytes = Math.max(maxContext, 0) * shape.cachedKvBytesPerToken() / shape.kvHeads();
        double ts = streamBytes / (mha ? p.mhaStreamBandwidth() : p.gqaStreamBandwidth()) * 1e9;
        double tf = (mha ? p.mhaFloorNanos() : p.gqaFloorNanos()) + p.nanosPerSeqKvHead() * seqs * shape.kvHeads();
        // (a^p + b^p + c^p + d^p)^(1/p) as a nested three-term p-norm.
        double pe = p.exponent();
        double t = Curves.pNorm(Curves.pNorm(tm, tc, 0, pe), ts, tf, pe) * p.correction().factor(contextTokens);
        if (usage != null) {
            usage.addKernel(count, t, flops, bytes, tc, tm);
        }
        return t;
    }

    public DecodeAttentionParams params() {
        return params;
    }
}
