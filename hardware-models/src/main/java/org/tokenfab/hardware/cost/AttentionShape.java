package org.tokenfab.hardware.cost;

import org.tokenfab.hardware.Precision;

/**
 * The per-accelerator shape of one attention layer, as the attention models need it: how many
 * heads run here, how many FLOPs each (query, key) pair costs and how many bytes each token
 * moves. One record covers MHA/GQA/MQA and MLA, so the calibrated models (fitted on GQA kernels)
 * extend to latent attention by its byte and FLOP counts.
 *
 * @param heads query heads on this accelerator
 * @param kvHeads KV heads on this accelerator (the units of parallel work and of per-sequence
 *     overhead; 1 for MLA's shared latent), at least 1
 * @param flopsPerPair FLOPs of one (query, key) pair: QK^T and PV over all heads here
 * @param queryOutputBytesPerToken bytes of one token's queries read and outputs written
 * @param newKvBytesPerToken bytes of a new token's keys and values: read from the projection and
 *     written to the cache
 * @param cachedKvBytesPerToken bytes of one cached token read (all KV heads here)
 * @param fp8Kv whether the KV cache is 8-bit (selects the FP8-KV efficiencies)
 */
public record AttentionShape(double heads, double kvHeads, double flopsPerPair, double queryOutputBytesPerToken,
        double newKvBytesPerToken, double cachedKvBytesPerToken, boolean fp8Kv) {

    public AttentionShape {
        Params.positive("heads", heads);
        if (!(kvHeads >= 1)) {
            throw new IllegalArgumentException("kvHeads must be at least 1, got " + kvHeads);
        }
        Params.positive("flopsPerPair", flopsPerPair);
        Params.nonNegative("queryOutputBytesPerToken", queryOutputBytesPerToken);
        Params.nonNegative("newKvBytesPerToken", newKvBytesPerToken);
        Params.positive("cachedKvBytesPerToken", cachedKvBytesPerToken);
    }

    /**
     * Multi-head, grouped-query or multi-query attention with {@code heads} query heads of width
     * {@code headDim} sharing {@code kvHeads} KV heads, as the measured kernels run it: Q and O in
     * 16 bits, K and V read in 16 bits from the projection and cached at {@code kv}.
     */
    public static AttentionShape gqa(double heads, double kvHeads, int headDim, Precision kv) {
        double kvb = kv.bytesPerElement();
        return new AttentionShape(heads, kvHeads, 4.0 * heads * headDim, 2.0 * heads * headDim * GemmModel.ACTIVATION_BYTES,
                2.0 * kvHeads * headDim * (GemmModel.ACTIVATION_BYTES + kvb), 2.0 * kvHeads * headDim * kvb,
                kv.bytesPerElement() <= 1.0);
    }

    /** Query heads per KV head (the rows GQA kernels pack into one tile). */
    public double group() {
        return heads / kvHeads;
    }
}
