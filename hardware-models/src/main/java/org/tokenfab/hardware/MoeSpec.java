package org.tokenfab.hardware;

/**
 * The mixture-of-experts part of a model: which layers route tokens to experts, how many experts
 * there are, and how wide each is. Every expert is a gated (SwiGLU) MLP of three
 * {@code hidden x expertFfnSize} matrices, as in all catalog models.
 *
 * <p>Layer placement follows the published configs: the first {@code firstDenseLayers} layers
 * have a dense FFN (DeepSeek-V3's {@code first_k_dense_replace}); after them, layer {@code i}
 * (0-based) is an MoE layer when {@code (i + 1) % layerInterval == 0} (Llama 4's
 * {@code interleave_moe_layer_step}, Qwen-MoE's {@code decoder_sparse_step}); the others are dense.
 *
 * @param experts routed experts per MoE layer ({@code n_routed_experts}, {@code num_local_experts})
 * @param activeExperts routed experts each token goes to ({@code num_experts_per_tok})
 * @param sharedExperts experts every token goes to, in addition ({@code n_shared_experts}; 0 if none)
 * @param expertFfnSize intermediate width of one routed expert ({@code moe_intermediate_size})
 * @param sharedExpertFfnSize intermediate width of one shared expert (the routed width in
 *     DeepSeek-V3 and Llama 4; Qwen-1.5/2-MoE differ); ignored when there is none
 * @param firstDenseLayers leading layers with a dense FFN
 * @param layerInterval every how many layers (after the leading dense ones) an MoE layer comes; 1 = all
 */
public record MoeSpec(int experts, int activeExperts, int sharedExperts, int expertFfnSize, int sharedExpertFfnSize,
        int firstDenseLayers, int layerInterval) {

    public static final String FIELD_EXPERTS = "moe.experts";
    public static final String FIELD_ACTIVE = "moe.active_experts";
    public static final String FIELD_SHARED = "moe.shared_experts";
    public static final String FIELD_EXPERT_FFN = "moe.expert_ffn_size";
    public static final String FIELD_SHARED_FFN = "moe.shared_expert_ffn_size";
    public static final String FIELD_FIRST_DENSE = "moe.first_dense_layers";
    public static final String FIELD_INTERVAL = "moe.layer_interval";

    public MoeSpec {
        if (experts < 2) {
            throw new IllegalArgumentException("'" + FIELD_EXPERTS + "' must be at least 2 (a model with one expert is dense), got "
                    + experts);
        }
        if (activeExperts < 1 || activeExperts > experts) {
            throw new IllegalArgumentException("'" + FIELD_ACTIVE + "' must be between 1 and '" + FIELD_EXPERTS + "' ("
                    + experts + "), got " + activeExperts);
        }
        if (sharedExperts < 0) {
            throw new IllegalArgumentException("'" + FIELD_SHARED + "' must be 0 or more, got " + sharedExperts);
        }
        if (expertFfnSize < 1) {
            throw new IllegalArgumentException("'" + FIELD_EXPERT_FFN + "' must be positive, got " + expertFfnSize);
        }
        if (sharedExperts > 0 && sharedExpertFfnSize < 1) {
            throw new IllegalArgumentException("'" + FIELD_SHARED_FFN + "' must be positive, got " + sharedExpertFfnSize);
        }
        if (firstDenseLayers < 0) {
            throw new IllegalArgumentException("'" + FIELD_FIRST_DENSE + "' must be 0 or more, got " + firstDenseLayers);
        }
        if (layerInterval < 1) {
            throw new IllegalArgumentException("'" + FIELD_INTERVAL + "' must be 1 or more, got " + layerInterval);
        }
    }

    /** Whether 0-based layer {@code layer} routes to experts (see the class comment). */
    public boolean isMoeLayer(int layer) {
        return layer >= firstDenseLayers && (layer + 1) % layerInterval == 0;
    }

    /** MoE layers among the first {@code layers}: the j = i + 1 in (firstDenseLayers, layers] divisible by the interval. */
    public int moeLayers(int layers) {
        return Math.max(0, layers / layerInterval - Math.min(firstDenseLayers, layers) / layerInterval);
    }
}
