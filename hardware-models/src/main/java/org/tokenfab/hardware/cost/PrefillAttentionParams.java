package org.tokenfab.hardware.cost;

import java.util.Objects;

/**
 * Fitted constants of the prefill (context) attention model ({@link PrefillAttentionModel}) for
 * one accelerator and engine version.
 *
 * @param computeEfficiency fraction of the BF16 dense peak long causal prefills reach with a
 *     16-bit KV cache, in (0, 1]
 * @param computeEfficiencyFp8Kv the same with an FP8 KV cache (the engine then runs attention in
 *     FP8; still relative to the BF16 peak, so it may exceed 1)
 * @param lengthHalf effective sequence length at which short sequences halve the efficiency
 * @param parallelHalf tiles (sequences x KV heads x 128-row query tiles) at which too little
 *     parallel work halves it
 * @param memoryEfficiency fraction of peak bandwidth for Q/K/V/O traffic, (0, 1]
 * @param floorNanos shortest call, ns
 * @param nanosPerSeqKvHead fixed cost per sequence and KV head (scheduling metadata, the KV-cache
 *     write of each head), ns
 * @param exponent p-norm exponent, at least 1
 * @param correction per-power-of-two factor over the effective sequence length, non-decreasing
 */
public record PrefillAttentionParams(double computeEfficiency, double computeEfficiencyFp8Kv, double lengthHalf,
        double parallelHalf, double memoryEfficiency, double floorNanos, double nanosPerSeqKvHead, double exponent,
        CorrectionCurve correction) {

    public PrefillAttentionParams {
        Objects.requireNonNull(correction, "correction");
        Params.fraction("compute_efficiency", computeEfficiency);
        Params.positive("compute_efficiency_fp8_kv", computeEfficiencyFp8Kv);
        if (computeEfficiencyFp8Kv > 2) {
            throw new IllegalArgumentException("compute_efficiency_fp8_kv must be at most 2 (the FP8 peak), got "
                    + computeEfficiencyFp8Kv);
        }
        Params.nonNegative("length_half", lengthHalf);
        Params.nonNegative("parallel_half", parallelHalf);
        Params.fraction("memory_efficiency", memoryEfficiency);
        Params.nonNegative("floor_ns", floorNanos);
        Params.nonNegative("ns_per_seq_kv_head", nanosPerSeqKvHead);
        Params.exponent(exponent);
    }
}
