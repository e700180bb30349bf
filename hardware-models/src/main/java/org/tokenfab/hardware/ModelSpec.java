package org.tokenfab.hardware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a decoder-only LLM is, as far as cost and memory are concerned: its shapes from the
 * published configuration, not its weights. Dense or mixture-of-experts ({@link MoeSpec}), with
 * MHA/GQA/MQA or multi-head latent attention ({@link MlaSpec}), optionally with sliding-window
 * layers ({@link SlidingWindow}).
 *
 * <p>Every number has an entry in {@link #provenance()}, keyed by its YAML field path (the
 * {@code FIELD_...} constants here and in the part records).
 *
 * <p><b>Parameter counts.</b> {@link #totalParams()} is the stated count of the served language
 * model (what memory holds). The shapes give the same count independently ({@link #shapeParams()}:
 * embeddings, attention projections, gated MLPs or experts, routers, RMSNorms; biases, attention
 * sinks and QK-norm weights are left out, a few hundredths of a percent); the two must agree
 * within {@value #PARAMS_TOLERANCE_PERCENT}%, so a typo in a shape cannot pass unnoticed.
 *
 * @param id catalog id, e.g. {@code llama-3.1-8b}
 * @param name display name
 * @param layers transformer blocks ({@code num_hidden_layers})
 * @param hiddenSize model width d ({@code hidden_size})
 * @param attentionHeads query heads ({@code num_attention_heads})
 * @param kvHeads key/value heads ({@code num_key_value_heads}); for MLA the config's value, which
 *     does not size the cache
 * @param headDim query/key width of one head; for MLA {@code qk_nope_head_dim + qk_rope_head_dim}
 * @param ffnSize intermediate width of a dense MLP ({@code intermediate_size}); used only by the
 *     dense layers, so informational for an MoE model without any
 * @param vocabSize vocabulary size
 * @param totalParams all parameters of the served language model, embeddings and LM head included
 * @param attentionKind MHA, GQA, MQA or MLA; must agree with the head counts and {@code mla}
 * @param maxContext longest supported context in tokens
 * @param tiedEmbeddings whether the LM head shares the input embedding matrix
 * @param source where the architecture comes from (usually the Hugging Face config.json)
 * @param provenance source and confidence of every number, keyed by YAML field path
 * @param moe the mixture-of-experts part, or null for a dense model
 * @param mla the latent-attention shapes, non-null exactly when {@code attentionKind} is MLA
 * @param window the sliding-window layers, or null if every layer attends to the full context
 * @param publishedActiveParams the publisher's active-parameter figure (0 if not stated); checked
 *     against the shapes, informational otherwise: {@link #activeParams()} is computed
 * @param nativeWeights the published weight format when notable, or null
 */
public record ModelSpec(
        String id,
        String name,
        int layers,
        int hiddenSize,
        int attentionHeads,
        int kvHeads,
        int headDim,
        int ffnSize,
        int vocabSize,
        long totalParams,
        AttentionKind attentionKind,
        int maxContext,
        boolean tiedEmbeddings,
        String source,
        Map<String, Provenance> provenance,
        MoeSpec moe,
        MlaSpec mla,
        SlidingWindow window,
        long publishedActiveParams,
        NativeWeights nativeWeights) {

    public static final String FIELD_LAYERS = "layers";
    public static final String FIELD_HIDDEN = "hidden_size";
    public static final String FIELD_HEADS = "attention_heads";
    public static final String FIELD_KV_HEADS = "kv_heads";
    public static final String FIELD_HEAD_DIM = "head_dim";
    public static final String FIELD_FFN = "ffn_size";
    public static final String FIELD_VOCAB = "vocab_size";
    public static final String FIELD_TOTAL_PARAMS = "total_params";
    public static final String FIELD_MAX_CONTEXT = "max_context";
    public static final String FIELD_ACTIVE_PARAMS = "active_params";

    /** The numeric fields every model has; each needs a provenance entry. */
    public static final List<String> NUMERIC_FIELDS = List.of(FIELD_LAYERS, FIELD_HIDDEN, FIELD_HEADS,
            FIELD_KV_HEADS, FIELD_HEAD_DIM, FIELD_FFN, FIELD_VOCAB, FIELD_TOTAL_PARAMS, FIELD_MAX_CONTEXT);

    /**
     * How far (percent) the stated parameter counts may be from the shapes'. Wide enough for
     * biases, sinks and rounded published figures (Qwen3-30B-A3B's "3.3B" active is 1.6% off its
     * shapes), narrow enough to catch a wrong layer count or expert width.
     */
    public static final double PARAMS_TOLERANCE_PERCENT = 5.0;

    public ModelSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(attentionKind, "attentionKind");
        Objects.requireNonNull(source, "source");
        requirePositive(FIELD_LAYERS, layers);
        requirePositive(FIELD_HIDDEN, hiddenSize);
        requirePositive(FIELD_HEADS, attentionHeads);
        requirePositive(FIELD_KV_HEADS, kvHeads);
        requirePositive(FIELD_HEAD_DIM, headDim);
        requirePositive(FIELD_FFN, ffnSize);
        requirePositive(FIELD_VOCAB, vocabSize);
        requirePositive(FIELD_TOTAL_PARAMS, totalParams);
        requirePositive(FIELD_MAX_CONTEXT, maxContext);
        if (publishedActiveParams < 0) {
            throw new IllegalArgumentException("'" + FIELD_ACTIVE_PARAMS + "' must be positive, got " + publishedActiveParams);
        }
        if (attentionHeads % kvHeads != 0) {
            throw new IllegalArgumentException("kv_heads (" + kvHeads + ") must divide attention_heads ("
                    + attentionHeads + ")");
        }
        requireConsistentAttention(attentionKind, attentionHeads, kvHeads, headDim, mla);
        if (window != null && window.layers() >= layers) {
            throw new IllegalArgumentException("'" + SlidingWindow.FIELD_LAYERS + "' (" + window.layers()
                    + ") must be fewer than 'layers' (" + layers + "): a model whose every layer is windowed is not "
                    + "supported (KV capacity is counted in tokens of full-attention layers); describe it without "
                    + "sliding_window, which over-counts its KV cache");
        }
        if (moe != null) {
            if (moe.firstDenseLayers() >= layers || moe.moeLayers(layers) == 0) {
                throw new IllegalArgumentException("the moe fields leave no MoE layer among the " + layers + " layers ("
                        + MoeSpec.FIELD_FIRST_DENSE + " = " + moe.firstDenseLayers() + ", " + MoeSpec.FIELD_INTERVAL
                        + " = " + moe.layerInterval() + "); leave moe out for a dense model");
            }
        }
        long embeddings = (long) vocabSize * hiddenSize * (tiedEmbeddings ? 1 : 2);
        if (totalParams <= embeddings) {
            throw new IllegalArgumentException("total_params (" + totalParams
                    + ") must exceed the embedding parameters vocab_size x hidden_size"
                    + (tiedEmbeddings ? "" : " x 2 (untied LM head)") + " = " + embeddings);
        }
        long fromShapes = shapeParams(layers, hiddenSize, attentionHeads, kvHeads, headDim, ffnSize, vocabSize,
                tiedEmbeddings, moe, mla);
        if (percentApart(totalParams, fromShapes) > PARAMS_TOLERANCE_PERCENT) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "total_params (%,d) disagrees with the %,d parameters the shapes give (%.1f%% apart; at most %.0f%% "
                            + "allowed): check layers, hidden_size, attention_heads, kv_heads, head_dim, ffn_size, "
                            + "vocab_size, tied_embeddings%s (the count assumes gated SwiGLU MLPs and RMSNorm)",
                    totalParams, fromShapes, percentApart(totalParams, fromShapes), PARAMS_TOLERANCE_PERCENT,
                    moe != null ? " and the moe fields" : mla != null ? " and the mla fields" : ""));
        }
        if (publishedActiveParams > 0) {
            long active = activeParams(totalParams, vocabSize, hiddenSize, tiedEmbeddings, layers, moe);
            long withEmbedding = active + (tiedEmbeddings ? 0 : (long) vocabSize * hiddenSize);
            double apart = Math.min(percentApart(publishedActiveParams, active),
                    percentApart(publishedActiveParams, withEmbedding));
            if (apart > PARAMS_TOLERANCE_PERCENT) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "active_params (%,d) disagrees with the shapes, which give %,d active parameters counting the "
                                + "LM head and %,d counting the input embedding too (%.1f%% apart; at most %.0f%% allowed): "
                                + "check total_params%s",
                        publishedActiveParams, active, withEmbedding, apart, PARAMS_TOLERANCE_PERCENT,
                        moe != null ? ", moe.experts, moe.active_experts, moe.shared_experts and moe.expert_ffn_size"
                                : " (a dense model's active parameters are all of them)"));
            }
        }
        provenance = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(provenance, "provenance")));
        for (String field : requiredProvenance(moe, mla, window, publishedActiveParams)) {
            if (!provenance.containsKey(field)) {
                throw new IllegalArgumentException("'" + field + "' has no source (every number needs one)");
            }
        }
    }

    /**
     * A dense model without latent attention or sliding windows: the shape of the catalog before
     * MoE and MLA models joined it, kept for callers and tests that build one by hand.
     */
    public ModelSpec(String id, String name, int layers, int hiddenSize, int attentionHeads, int kvHeads, int headDim,
            int ffnSize, int vocabSize, long totalParams, AttentionKind attentionKind, int maxContext,
            boolean tiedEmbeddings, String source, Map<String, Provenance> provenance) {
        this(id, name, layers, hiddenSize, attentionHeads, kvHeads, headDim, ffnSize, vocabSize, totalParams,
                attentionKind, maxContext, tiedEmbeddings, source, provenance, null, null, null, 0, null);
    }

    // ---------------------------------------------------------------- attention and parameters

    /** Query width d_attn = heads x head dim (differs from the hidden size in some models). */
    public int attentionDim() {
        return attentionHeads * headDim;
    }

    /** Parameters of the LM head (vocab x hidden), the same matrix as the embedding if tied. */
    public long lmHeadParams() {
        return (long) vocabSize * hiddenSize;
    }

    /**
     * Parameters of the transformer blocks: everything but the input embedding and the LM head.
     * For a dense model these are the weights every token multiplies through (2 FLOPs per
     * parameter per token); for an MoE model they include every expert, of which a token uses
     * only a few (see {@link #activeParams()}).
     */
    public long nonEmbeddingParams() {
        return totalParams - embeddingParams();
    }

    /** Parameters of the input embedding and the LM head: one matrix if tied, two if not. */
    public long embeddingParams() {
        return lmHeadParams() * (tiedEmbeddings ? 1 : 2);
    }

    /**
     * Bytes of all weights of a checkpoint in {@code weights}: the transformer blocks in that
     * format with its block scales, the embedding and LM head as a checkpoint in it keeps them
     * (16 bits when quantized; see {@link Precision}). Llama-3.1-70B: 141.1 GB in BF16, 72.7 GB in
     * FP8, 42.7 GB in FP4.
     */
    public double weightBytes(Precision weights) {
        return nonEmbeddingParams() * weights.storedBytesPerWeight() + embeddingParams() * weights.embeddingBytesPerWeight();
    }

    /**
     * Bytes a forward pass streams once per step with weights in {@code weights}: the blocks with
     * {@code expertParamsRead} of their routed-expert parameters (all for a dense model), and the
     * LM head; never the input embedding (a gather), nor, for a tied model, the LM head twice.
     *
     * @param expertParamsRead routed-expert parameters the step reads, all layers together
     */
    public double weightBytesRead(Precision weights, double expertParamsRead) {
        long blocksButExperts = nonEmbeddingParams() - (long) moeLayers() * moeExperts() * moeExpertParams();
        return (blocksButExperts + expertParamsRead) * weights.storedBytesPerWeight()
                + lmHeadParams() * weights.embeddingBytesPerWeight();
    }

    /**
     * Parameters a forward pass streams from memory once per step: all but an untied input
     * embedding table, of which a step only gathers the few rows of its tokens.
     *
     * <p>For an MoE model this counts every expert: what a step reads when its tokens hit all
     * experts, as a batch of more than a few times {@code experts / activeExperts} tokens does. A
     * single token reads {@link #activeParams()}; in between, {@link #expectedExpertsPerLayer}
     * gives the uniform-routing expectation.
     */
    public long paramsReadPerStep() {
        return totalParams - (tiedEmbeddings ? 0 : lmHeadParams());
    }

    /**
     * Parameters one token touches: the transformer blocks with only its routed experts (plus the
     * shared ones), and the LM head; not the input embedding, whose one row per token is a gather.
     * The usual "active parameters" (DeepSeek's 36.6B of V3, OpenAI's 5.13B of gpt-oss-120b count
     * so; Qwen, Meta and Mistral also add the input embedding). Equal to
     * {@link #paramsReadPerStep()} for a dense model.
     */
    public long activeParams() {
        return activeParams(totalParams, vocabSize, hiddenSize, tiedEmbeddings, layers, moe);
    }

    /**
     * Parameters counted from the shapes alone (see the class comment), for the consistency check
     * and for splitting the stated total between pipeline stages.
     */
    public long shapeParams() {
        return shapeParams(layers, hiddenSize, attentionHeads, kvHeads, headDim, ffnSize, vocabSize, tiedEmbeddings,
                moe, mla);
    }

    /** Shape parameters of one transformer block (0-based), attention, norms and FFN or experts. */
    public long layerParams(int layer) {
        if (layer < 0 || layer >= layers) {
            throw new IndexOutOfBoundsException("layer " + layer + " of " + layers);
        }
        long attention = attentionParams(hiddenSize, attentionHeads, kvHeads, headDim, mla);
        return isMoeLayer(layer) ? moeLayerParams(attention, hiddenSize, moe) : denseLayerParams(attention, hiddenSize, ffnSize);
    }

    // ---------------------------------------------------------------- mixture of experts

    /** Whether some layers route tokens to experts. */
    public boolean isMoe() {
        return moe != null;
    }

    /** Routed experts per MoE layer; 0 for a dense model. */
    public int moeExperts() {
        return moe == null ? 0 : moe.experts();
    }

    /** Routed experts per token; 0 for a dense model. */
    public int moeActiveExperts() {
        return moe == null ? 0 : moe.activeExperts();
    }

    /** Shared (always used) experts per MoE layer; 0 for a dense model or none. */
    public int moeSharedExperts() {
        return moe == null ? 0 : moe.sharedExperts();
    }

    /** Intermediate width of one routed expert; 0 for a dense model. */
    public int moeFfnSize() {
        return moe == null ? 0 : moe.expertFfnSize();
    }

    /** Intermediate width of one shared expert; 0 when there is none. */
    public int moeSharedFfnSize() {
        return moe == null || moe.sharedExperts() == 0 ? 0 : moe.sharedExpertFfnSize();
    }

    /** Layers with a dense FFN of width {@link #ffnSize()}: all of them for a dense model. */
    public int denseLayers() {
        return layers - moeLayers();
    }

    /** Layers with experts; 0 for a dense model. */
    public int moeLayers() {
        return moe == null ? 0 : moe.moeLayers(layers);
    }

    /** Whether 0-based layer {@code layer} routes to experts. */
    public boolean isMoeLayer(int layer) {
        return moe != null && moe.isMoeLayer(layer);
    }

    /** Parameters of one routed expert in one layer: 3 x hidden x expert width (gated MLP). */
    public long moeExpertParams() {
        return 3L * hiddenSize * moeFfnSize();
    }

    /**
     * Distinct routed experts a layer is expected to run for {@code tokens} tokens under uniform
     * routing, E (1 - (1 - k/E)^tokens); 0 for a dense model. Real routing is skewed, so this is
     * a lower bound on the weights a step reads; imbalance belongs to the step-cost model.
     */
    public double expectedExpertsPerLayer(double tokens) {
        if (moe == null || tokens <= 0) {
            return 0;
        }
        double e = moe.experts();
        return e * (1 - Math.pow(1 - moe.activeExperts() / e, tokens));
    }

    // ---------------------------------------------------------------- latent attention

    /** Query compression rank; 0 when not MLA or queries are not compressed. */
    public int qLoraRank() {
        return mla == null ? 0 : mla.qLoraRank();
    }

    /** Width of the compressed KV latent; 0 when not MLA. */
    public int kvLoraRank() {
        return mla == null ? 0 : mla.kvLoraRank();
    }

    /** Per-head query/key width without rotary embedding; 0 when not MLA. */
    public int qkNopeHeadDim() {
        return mla == null ? 0 : mla.qkNopeHeadDim();
    }

    /** Rotary query/key width (the key part cached beside the latent); 0 when not MLA. */
    public int qkRopeHeadDim() {
        return mla == null ? 0 : mla.qkRopeHeadDim();
    }

    /** Per-head value width; 0 when not MLA. */
    public int vHeadDim() {
        return mla == null ? 0 : mla.vHeadDim();
    }

    // ---------------------------------------------------------------- sliding window and KV cache

    /** Tokens a windowed layer attends to and caches; 0 = no windowed layers. */
    public int slidingWindow() {
        return window == null ? 0 : window.window();
    }

    /** How many layers are windowed; 0 = none. */
    public int slidingWindowLayers() {
        return window == null ? 0 : window.layers();
    }

    /** Layers that attend to (and cache) the whole context. */
    public int fullAttentionLayers() {
        return layers - slidingWindowLayers();
    }

    /**
     * Whether 0-based layer {@code layer} is windowed, with the windowed layers spread evenly
     * over the depth starting at layer 0: gpt-oss's alternation (even layers windowed), Gemma 3's
     * five-local-one-global. Only pipeline stages depend on the placement.
     */
    public boolean isWindowedLayer(int layer) {
        if (window == null) {
            return false;
        }
        long n = window.layers();
        // ceil((i+1) n / L) > ceil(i n / L): layer i crosses the next multiple of L / n.
        return Math.ceilDiv((layer + 1L) * n, layers) > Math.ceilDiv(layer * n, layers);
    }

    /**
     * KV-cache bytes one token occupies in one layer: K and V of every KV head,
     * 2 x kvHeads x headDim x bytes, or for MLA the latent and shared rotary key,
     * (kvLoraRank + qkRopeHeadDim) x bytes.
     */
    public double kvBytesPerTokenPerLayer(Precision kv) {
        double elements = mla != null ? mla.latentWidth() : 2.0 * kvHeads * headDim;
        return elements * kv.bytesPerElement();
    }

    /**
     * KV-cache bytes per token of context in the full-attention layers, whole model: for MHA/GQA
     * 2 x layers x KV heads x head dim x bytes, for MLA layers x (kvLoraRank + qkRopeHeadDim) x
     * bytes. Windowed layers are not in it (their cache stops growing at the window); see
     * {@link #windowedKvBytesPerToken} and {@link #kvBytes}. For a model without windowed layers
     * this is the whole KV cache per token.
     */
    public long kvBytesPerToken(Precision kv) {
        return Math.round(fullAttentionLayers() * kvBytesPerTokenPerLayer(kv));
    }

    /** KV bytes per token in the windowed layers, for tokens within the window; 0 without any. */
    public long windowedKvBytesPerToken(Precision kv) {
        return Math.round(slidingWindowLayers() * kvBytesPerTokenPerLayer(kv));
    }

    /**
     * Exact KV-cache bytes of one sequence of {@code contextTokens} tokens, whole model: every
     * token in the full-attention layers, at most {@link #slidingWindow()} tokens in the
     * windowed ones.
     */
    public long kvBytes(long contextTokens, Precision kv) {
        if (contextTokens < 0) {
            throw new IllegalArgumentException("contextTokens must be >= 0, got " + contextTokens);
        }
        long windowed = window == null ? 0 : Math.min(contextTokens, window.window());
        return kvBytesPerToken(kv) * contextTokens + windowedKvBytesPerToken(kv) * windowed;
    }

    /** Source and confidence of the number at {@code field}. */
    public Provenance provenanceOf(String field) {
        Provenance p = provenance.get(field);
        if (p == null) {
            throw new IllegalArgumentException(id + " has no number at '" + field + "'; fields: " + provenance.keySet());
        }
        return p;
    }

    // ---------------------------------------------------------------- counting (static: used in validation)

    /** Attention projections of one layer; MLA with its down/up projections and latent norms. */
    private static long attentionParams(long d, long heads, long kvHeads, long headDim, MlaSpec mla) {
        if (mla == null) {
            return d * heads * headDim * 2 + d * kvHeads * headDim * 2; // q and o, k and v
        }
        long qkHead = mla.qkHeadDim();
        long q = mla.qLoraRank() == 0 ? d * heads * qkHead
                : d * mla.qLoraRank() + mla.qLoraRank() + (long) mla.qLoraRank() * heads * qkHead; // q_a, norm, q_b
        long kvDown = d * mla.latentWidth() + mla.kvLoraRank();                                 // kv_a (+rope key), norm
        long kvUp = (long) mla.kvLoraRank() * heads * (mla.qkNopeHeadDim() + mla.vHeadDim());    // kv_b: k_nope and v
        long out = heads * mla.vHeadDim() * d;
        return q + kvDown + kvUp + out;
    }

    /** A dense block: attention, a gated MLP (gate, up, down) and two RMSNorms. */
    private static long denseLayerParams(long attention, long d, long ffn) {
        return attention + 3 * d * ffn + 2 * d;
    }

    /** An MoE block: attention, routed and shared gated experts, the router and two RMSNorms. */
    private static long moeLayerParams(long attention, long d, MoeSpec moe) {
        long routed = (long) moe.experts() * 3 * d * moe.expertFfnSize();
        long shared = (long) moe.sharedExperts() * 3 * d * moe.sharedExpertFfnSize();
        return attention + routed + shared + d * moe.experts() + 2 * d;
    }

    private static long shapeParams(int layers, int d, int heads, int kvHeads, int headDim, int ffn, int vocab,
            boolean tied, MoeSpec moe, MlaSpec mla) {
        long attention = attentionParams(d, heads, kvHeads, headDim, mla);
        int moeLayers = moe == null ? 0 : moe.moeLayers(layers);
        long blocks = (long) (layers - moeLayers) * denseLayerParams(attention, d, ffn)
                + (moe == null ? 0 : moeLayers * moeLayerParams(attention, d, moe));
        return blocks + (long) vocab * d * (tied ? 1 : 2) + d; // + final norm
    }

    private static long activeParams(long total, int vocab, int d, boolean tied, int layers, MoeSpec moe) {
        long read = total - (tied ? 0 : (long) vocab * d);
        if (moe == null) {
            return read;
        }
        long idleExperts = (long) moe.moeLayers(layers) * (moe.experts() - moe.activeExperts());
        return read - idleExperts * 3L * d * moe.expertFfnSize();
    }

    private static void requireConsistentAttention(AttentionKind kind, int heads, int kvHeads, int headDim, MlaSpec mla) {
        boolean consistent = switch (kind) {
            case MHA -> kvHeads == heads;
            case MQA -> kvHeads == 1;
            case GQA -> kvHeads > 1 && kvHeads < heads;
            case MLA -> true;
        };
        if (!consistent) {
            throw new IllegalArgumentException("attention_kind " + kind.yamlName() + " does not match "
                    + heads + " attention_heads and " + kvHeads
                    + " kv_heads (mha: kv_heads = attention_heads; gqa: 1 < kv_heads < attention_heads; mqa: kv_heads = 1)");
        }
        if (kind == AttentionKind.MLA && mla == null) {
            throw new IllegalArgumentException("attention_kind mla needs the mla fields (q_lora_rank, kv_lora_rank, "
                    + "qk_nope_head_dim, qk_rope_head_dim, v_head_dim)");
        }
        if (kind != AttentionKind.MLA && mla != null) {
            throw new IllegalArgumentException("the mla fields apply only to attention_kind mla, not "
                    + kind.yamlName() + "; remove them or set attention_kind: mla");
        }
        if (mla != null && headDim != mla.qkHeadDim()) {
            throw new IllegalArgumentException("head_dim (" + headDim + ") must equal mla.qk_nope_head_dim + "
                    + "mla.qk_rope_head_dim (" + mla.qkNopeHeadDim() + " + " + mla.qkRopeHeadDim() + " = "
                    + mla.qkHeadDim() + ") for attention_kind mla");
        }
    }

    /**
     * Every number of the entry that has a source, keyed by YAML field path, in schema order (for
     * listings such as {@code tokenfab catalog models ID}).
     */
    public Map<String, Double> numbers() {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (String field : requiredProvenance(moe, mla, window, publishedActiveParams)) {
            m.put(field, number(field));
        }
        return m;
    }

    private double number(String field) {
        return switch (field) {
            case FIELD_LAYERS -> layers;
            case FIELD_HIDDEN -> hiddenSize;
            case FIELD_HEADS -> attentionHeads;
            case FIELD_KV_HEADS -> kvHeads;
            case FIELD_HEAD_DIM -> headDim;
            case FIELD_FFN -> ffnSize;
            case FIELD_VOCAB -> vocabSize;
            case FIELD_TOTAL_PARAMS -> totalParams;
            case FIELD_MAX_CONTEXT -> maxContext;
            case FIELD_ACTIVE_PARAMS -> publishedActiveParams;
            case MoeSpec.FIELD_EXPERTS -> moe.experts();
            case MoeSpec.FIELD_ACTIVE -> moe.activeExperts();
            case MoeSpec.FIELD_SHARED -> moe.sharedExperts();
            case MoeSpec.FIELD_EXPERT_FFN -> moe.expertFfnSize();
            case MoeSpec.FIELD_SHARED_FFN -> moe.sharedExpertFfnSize();
            case MoeSpec.FIELD_FIRST_DENSE -> moe.firstDenseLayers();
            case MoeSpec.FIELD_INTERVAL -> moe.layerInterval();
            case MlaSpec.FIELD_Q_LORA -> mla.qLoraRank();
            case MlaSpec.FIELD_KV_LORA -> mla.kvLoraRank();
            case MlaSpec.FIELD_QK_NOPE -> mla.qkNopeHeadDim();
            case MlaSpec.FIELD_QK_ROPE -> mla.qkRopeHeadDim();
            case MlaSpec.FIELD_V_HEAD -> mla.vHeadDim();
            case SlidingWindow.FIELD_WINDOW -> window.window();
            case SlidingWindow.FIELD_LAYERS -> window.layers();
            default -> throw new IllegalArgumentException("no number at '" + field + "'");
        };
    }

    private static List<String> requiredProvenance(MoeSpec moe, MlaSpec mla, SlidingWindow window, long active) {
        List<String> fields = new ArrayList<>(NUMERIC_FIELDS);
        if (moe != null) {
            fields.addAll(List.of(MoeSpec.FIELD_EXPERTS, MoeSpec.FIELD_ACTIVE, MoeSpec.FIELD_EXPERT_FFN));
            // The rest have defaults (0 shared, routed width, 0 leading dense, every layer); a
            // value that differs from the default came from the file and must say where from.
            if (moe.sharedExperts() > 0) {
                fields.add(MoeSpec.FIELD_SHARED);
            }
            if (moe.firstDenseLayers() > 0) {
                fields.add(MoeSpec.FIELD_FIRST_DENSE);
            }
            if (moe.layerInterval() > 1) {
                fields.add(MoeSpec.FIELD_INTERVAL);
            }
        }
        if (mla != null) {
            fields.addAll(List.of(MlaSpec.FIELD_Q_LORA, MlaSpec.FIELD_KV_LORA, MlaSpec.FIELD_QK_NOPE,
                    MlaSpec.FIELD_QK_ROPE, MlaSpec.FIELD_V_HEAD));
        }
        if (window != null) {
            fields.addAll(List.of(SlidingWindow.FIELD_WINDOW, SlidingWindow.FIELD_LAYERS));
        }
        if (active > 0) {
            fields.add(FIELD_ACTIVE_PARAMS);
        }
        return fields;
    }

    private static double percentApart(long stated, long computed) {
        return Math.abs(stated - computed) * 100.0 / Math.max(stated, computed);
    }

    private static void requirePositive(String field, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException("'" + field + "' must be positive, got " + v);
        }
    }
}
