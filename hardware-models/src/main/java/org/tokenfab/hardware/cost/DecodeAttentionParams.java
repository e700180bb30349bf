package org.tokenfab.hardware.cost;

import java.util.Objects;

/**
 * Fitted constants of the decode attention model ({@link DecodeAttentionModel}) for one
 * accelerator and engine version.
 *
 * @param memoryEfficiency fraction of peak bandwidth reading a 16-bit KV cache, (0, 1]
 * @param memoryEfficiencyFp8Kv the same for an 8-bit KV cache (dequantisation costs), (0, 1]
 * @param floorNanos shortest call, ns
 * @param nanosPerSeqKvHead fixed cost per sequence and KV head (page-table walk, split
 *     bookkeeping, the new token's KV write), ns
 * @param exponent p-norm exponent, at least 1
 * @param correction per-power-of-two factor over the total context tokens of the batch,
 *     non-decreasing
 */
public record DecodeAttentionParams(double memoryEfficiency, double memoryEfficiencyFp8Kv, double floorNanos,
        double nanosPerSeqKvHead, double exponent, CorrectionCurve correction) {

    public DecodeAttentionParams {
        Objects.requireNonNull(correction, "correction");
        Params.fraction("memory_efficiency", memoryEfficiency);
        Params.fraction("memory_efficiency_fp8_kv", memoryEfficiencyFp8Kv);
        Params.nonNegative("floor_ns", floorNanos);
        Params.nonNegative("ns_per_seq_kv_head", nanosPerSeqKvHead);
        Params.exponent(exponent);
    }
}
