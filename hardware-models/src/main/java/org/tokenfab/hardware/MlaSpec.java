package org.tokenfab.hardware;

/**
 * Multi-head latent attention (DeepSeek-V2/V3): keys and values are compressed into one latent
 * vector per token, so the KV cache holds {@code kvLoraRank + qkRopeHeadDim} numbers per token and
 * layer, shared by all heads (vLLM stores exactly that, and replicates it on every tensor-parallel
 * rank).
 *
 * @param qLoraRank rank of the query compression ({@code q_lora_rank}); 0 = queries not compressed
 * @param kvLoraRank width of the compressed KV latent ({@code kv_lora_rank})
 * @param qkNopeHeadDim per-head query/key width without rotary embedding ({@code qk_nope_head_dim})
 * @param qkRopeHeadDim rotary query/key width; the key part is shared by all heads and cached
 *     beside the latent ({@code qk_rope_head_dim})
 * @param vHeadDim per-head value width ({@code v_head_dim})
 */
public record MlaSpec(int qLoraRank, int kvLoraRank, int qkNopeHeadDim, int qkRopeHeadDim, int vHeadDim) {

    public static final String FIELD_Q_LORA = "mla.q_lora_rank";
    public static final String FIELD_KV_LORA = "mla.kv_lora_rank";
    public static final String FIELD_QK_NOPE = "mla.qk_nope_head_dim";
    public static final String FIELD_QK_ROPE = "mla.qk_rope_head_dim";
    public static final String FIELD_V_HEAD = "mla.v_head_dim";

    public MlaSpec {
        if (qLoraRank < 0) {
            throw new IllegalArgumentException("'" + FIELD_Q_LORA + "' must be 0 (no query compression) or positive, got "
                    + qLoraRank);
        }
        requirePositive(FIELD_KV_LORA, kvLoraRank);
        requirePositive(FIELD_QK_NOPE, qkNopeHeadDim);
        requirePositive(FIELD_QK_ROPE, qkRopeHeadDim);
        requirePositive(FIELD_V_HEAD, vHeadDim);
    }

    /** Numbers cached per token and layer: the latent plus the shared rotary key. */
    public int latentWidth() {
        return kvLoraRank + qkRopeHeadDim;
    }

    /** Per-head query/key width, nope + rope. */
    public int qkHeadDim() {
        return qkNopeHeadDim + qkRopeHeadDim;
    }

    private static void requirePositive(String field, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException("'" + field + "' must be positive, got " + v);
        }
    }
}
