package org.tokenfab.hardware;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a dense decoder-only LLM is, as far as cost and memory are concerned: its shapes from the
 * published configuration, not its weights. Mixture-of-experts and MLA attention will extend this
 * record when the catalog gains such models.
 *
 * <p>Every number has an entry in {@link #provenance()}, keyed by its YAML field name (the
 * {@code FIELD_...} constants).
 *
 * @param id catalog id, e.g. {@code llama-3.1-8b}
 * @param name display name
 * @param layers transformer blocks ({@code num_hidden_layers})
 * @param hiddenSize model width d ({@code hidden_size})
 * @param attentionHeads query heads ({@code num_attention_heads})
 * @param kvHeads key/value heads ({@code num_key_value_heads})
 * @param headDim width of one head
 * @param ffnSize MLP intermediate width ({@code intermediate_size})
 * @param vocabSize vocabulary size
 * @param totalParams all parameters, embeddings and LM head included
 * @param attentionKind MHA, GQA or MQA; must agree with the head counts
 * @param maxContext longest supported context in tokens ({@code max_position_embeddings})
 * @param tiedEmbeddings whether the LM head shares the input embedding matrix
 * @param source where the architecture comes from (usually the Hugging Face config.json)
 * @param provenance source and confidence of every number, keyed by YAML field name
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
        Map<String, Provenance> provenance) {

    public static final String FIELD_LAYERS = "layers";
    public static final String FIELD_HIDDEN = "hidden_size";
    public static final String FIELD_HEADS = "attention_heads";
    public static final String FIELD_KV_HEADS = "kv_heads";
    public static final String FIELD_HEAD_DIM = "head_dim";
    public static final String FIELD_FFN = "ffn_size";
    public static final String FIELD_VOCAB = "vocab_size";
    public static final String FIELD_TOTAL_PARAMS = "total_params";
    public static final String FIELD_MAX_CONTEXT = "max_context";

    /** The numeric fields; each needs a provenance entry. */
    public static final List<String> NUMERIC_FIELDS = List.of(FIELD_LAYERS, FIELD_HIDDEN, FIELD_HEADS,
            FIELD_KV_HEADS, FIELD_HEAD_DIM, FIELD_FFN, FIELD_VOCAB, FIELD_TOTAL_PARAMS, FIELD_MAX_CONTEXT);

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
        if (attentionHeads % kvHeads != 0) {
            throw new IllegalArgumentException("kv_heads (" + kvHeads + ") must divide attention_heads ("
                    + attentionHeads + ")");
        }
        boolean consistent = switch (attentionKind) {
            case MHA -> kvHeads == attentionHeads;
            case MQA -> kvHeads == 1;
            case GQA -> kvHeads > 1 && kvHeads < attentionHeads;
        };
        if (!consistent) {
            throw new IllegalArgumentException("attention_kind " + attentionKind.yamlName() + " does not match "
                    + attentionHeads + " attention_heads and " + kvHeads
                    + " kv_heads (mha: kv_heads = attention_heads; gqa: 1 < kv_heads < attention_heads; mqa: kv_heads = 1)");
        }
        long embeddings = (long) vocabSize * hiddenSize * (tiedEmbeddings ? 1 : 2);
        if (totalParams <= embeddings) {
            throw new IllegalArgumentException("total_params (" + totalParams
                    + ") must exceed the embedding parameters vocab_size x hidden_size"
                    + (tiedEmbeddings ? "" : " x 2 (untied LM head)") + " = " + embeddings);
        }
        provenance = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(provenance, "provenance")));
        for (String field : NUMERIC_FIELDS) {
            if (!provenance.containsKey(field)) {
                throw new IllegalArgumentException("'" + field + "' has no source (every number needs one)");
            }
        }
    }

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
     * These are the weights every token multiplies through (2 FLOPs per parameter per token).
     */
    public long nonEmbeddingParams() {
        return totalParams - lmHeadParams() * (tiedEmbeddings ? 1 : 2);
    }

    /**
     * Parameters a forward pass streams from memory once per step: all but an untied input
     * embedding table, of which a step only gathers the few rows of its tokens.
     */
    public long paramsReadPerStep() {
        return totalParams - (tiedEmbeddings ? 0 : lmHeadParams());
    }

    /** KV-cache bytes per token for the whole model: 2 (K and V) x layers x KV heads x head dim x bytes. */
    public long kvBytesPerToken(Precision kv) {
        return Math.round(2.0 * layers * kvHeads * headDim * kv.bytesPerElement());
    }

    /** Source and confidence of the number at {@code field}. */
    public Provenance provenanceOf(String field) {
        Provenance p = provenance.get(field);
        if (p == null) {
            throw new IllegalArgumentException(id + " has no number at '" + field + "'; fields: " + provenance.keySet());
        }
        return p;
    }

    private static void requirePositive(String field, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException("'" + field + "' must be positive, got " + v);
        }
    }
}
