package org.tokenfab.hardware.cost;

import java.util.Objects;

/**
 * Fitted constants of the decode attention model ({@link DecodeAttentionModel}) for one
 * accelerator and engine version. The floor and the per-stream bandwidth come in two kernel paths:
 * MHA (one query head per KV head: no split of the KV sequence, one thread block per sequence and
 * head) and GQA (query heads grouped per KV head: the split-KV path with its combine kernel).
 *
 * @param memoryEfficiency fraction of peak bandwidth reading a 16-bit KV cache, (0, 1]
 * @param memoryEfficiencyFp8Kv the same for an 8-bit KV cache (dequantisation costs), (0, 1]
 * @param gqaFloorNanos shortest call of the GQA (split-KV) path, ns
 * @param mhaFloorNanos shortest call of the MHA (unsplit) path, ns
 * @param nanosPerSeqKvHead fixed cost per sequence and KV head (page-table walk, split
 *     bookkeeping, the new token's KV write), ns
 * @param gqaStreamBandwidth bandwidth at which the GQA path streams one (sequence, KV head)'s
 *     context when that stream is alone (all its KV splits together), bytes/s
 * @param mhaStreamBandwidth bandwidth of the one thread block that streams one (sequence, head)'s
 *     context on the MHA path, bytes/s
 * @param exponent p-norm exponent, at least 1
 * @param correction per-power-of-two factor over the total context tokens of the batch,
 *     non-decreasing
 */
public record DecodeAttentionParams(double memoryEfficiency, double memoryEfficiencyFp8Kv, double gqaFloorNanos,
        double mhaFloorNanos, double nanosPerSeqKvHead, double gqaStreamBandwidth, double mhaStreamBandwidth,
        double exponent, CorrectionCurve correction) {

    public DecodeAttentionParams {
        Objects.requireNonNull(correction, "correction");
        Params.fraction("memory_efficiency", memoryEfficiency);
        Params.fraction("memory_efficiency_fp8_kv", memoryEfficiencyFp8Kv);
        Params.nonNegative("gqa_floor_ns", gqaFloorNanos);
        Params.nonNegative("mha_floor_ns", mhaFloorNanos);
        Params.nonNegative("ns_per_seq_kv_head", nanosPerSeqKvHead);
        Params.positive("gqa_stream_gb_s", gqaStreamBandwidth);
        Params.positive("mha_stream_gb_s", mhaStreamBandwidth);
        Params.exponent(exponent);
    }
}
