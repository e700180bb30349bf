package org.tokenfab.hardware.cost;

import org.tokenfab.hardware.AttentionKind;
import org.tokenfab.hardware.ModelSpec;
import org.tokenfab.hardware.Precision;

/**
 * The per-GPU shapes of one model's layers under tensor parallelism {@code tp}, computed once so
 * the step-cost hot path only multiplies: which GEMMs a layer runs (n and k on this GPU), the
 * attention shapes for prefill and decode, and the bytes per token of the element-wise kernels.
 *
 * <p>Tensor parallelism follows vLLM (Megatron layout): query heads and FFN widths are split
 * {@code tp} ways; KV heads too, or replicated one per GPU when {@code tp} exceeds them; the MLA
 * down-projections (query and KV latent) are replicated; vocabulary rows of the LM head are split.
 * MLA decode uses the absorbed form (attention over the cached latent, 576 wide for DeepSeek-V3,
 * one shared "KV head"); MLA prefill up-projects the latent and runs multi-head attention.
 */
final class LayerPlan {
    final int tp;
    final int layers;
    final double fullLayers;
    final double windowedLayers;
    final double window;
    final double denseLayers;
    final double moeLayers;
    final double hidden;
    final int hiddenSize;

    final int attentionGemms;
    final double[] attentionGemmN;
    final double[] attentionGemmK;
    final boolean[] attentionGemmReadsPrefix;
    final AttentionShape prefillShape;
    final AttentionShape decodeShape;

    final double addNormBytesPerToken;
    final double ropeBytesPerToken;
    final double ffnUpN;
    final double ffnDownK;
    final double ffnActBytesPerToken;

    final int experts;
    final int topK;
    final int expertWidth;
    final double sharedUpN;
    final double sharedDownK;
    final double sharedActBytesPerToken;

    final double vocab;
    final double vocabPerGpu;
    final double embeddingBytesPerToken;

    LayerPlan(ModelSpec m, int tp, Precision weights, Precision kv) {
        this.tp = tp;
        this.layers = m.layers();
        this.windowedLayers = m.slidingWindowLayers();
        this.fullLayers = layers - windowedLayers;
        this.window = m.slidingWindow();
        this.moeLayers = m.moeLayers();
        this.denseLayers = layers - moeLayers;
        this.hiddenSize = m.hiddenSize();
        this.hidden = hiddenSize;
        double a = GemmModel.ACTIVATION_BYTES;
        double kvb = kv.bytesPerElement();
        double heads = (double) m.attentionHeads() / tp;

        if (m.attentionKind() == AttentionKind.MLA) {
            double nope = m.qkNopeHeadDim();
            double rope = m.qkRopeHeadDim();
            double v = m.vHeadDim();
            double latent = m.kvLoraRank();
            int q = m.qLoraRank();
            if (q > 0) {
                attentionGemmN = new double[] {q, heads * (nope + rope), latent + rope, heads * (nope + v), hidden};
                attentionGemmK = new double[] {hidden, q, hidden, latent, heads * v};
                attentionGemmReadsPrefix = new boolean[] {false, false, false, true, false};
            } else {
                attentionGemmN = new double[] {heads * (nope + rope), latent + rope, heads * (nope + v), hidden};
                attentionGemmK = new double[] {hidden, hidden, latent, heads * v};
                attentionGemmReadsPrefix = new boolean[] {false, false, true, false};
            }
            double qk = nope + rope;
            double upKv = heads * (qk + v) * a;
            prefillShape = new AttentionShape(heads, heads, 2.0 * heads * (qk + v), heads * (qk + v) * a,
                    upKv + (latent + rope) * kvb, upKv + (latent + rope) * kvb, kvb <= 1);
            decodeShape = new AttentionShape(heads, 1, 2.0 * heads * (latent + rope) + 2.0 * heads * latent,
                    heads * (latent + rope) * a + heads * latent * a, (latent + rope) * (a + kvb), (latent + rope) * kvb,
                    kvb <= 1);
            ropeBytesPerToken = 2.0 * (heads + 1) * rope * a;
        } else {
            int d = m.headDim();
            double kvHeads = m.kvHeads() >= tp ? (double) m.kvHeads() / tp : 1.0;
            attentionGemmN = new double[] {(heads + 2 * kvHeads) * d, hidden};
            attentionGemmK = new double[] {hidden, heads * d};
            attentionGemmReadsPrefix = new boolean[] {false, false};
            prefillShape = AttentionShape.gqa(heads, kvHeads, d, kv);
            decodeShape = prefillShape;
            ropeBytesPerToken = 2.0 * (heads + kvHeads) * d * a;
        }
        attentionGemms = attentionGemmN.length;

        // Fused add + RMSNorm reads the input and the residual and writes both.
        addNormBytesPerToken = 4.0 * hidden * a;
        double ffn = (double) m.ffnSize() / tp;
        ffnUpN = 2 * ffn;
        ffnDownK = ffn;
        ffnActBytesPerToken = 3.0 * ffn * a; // reads gate and up, writes their product

        experts = m.moeExperts();
        topK = m.moeActiveExperts();
        expertWidth = m.moeFfnSize();
        double shared = (double) m.moeSharedExperts() * m.moeSharedFfnSize() / tp;
        sharedUpN = 2 * shared;
        sharedDownK = shared;
        sharedActBytesPerToken = 3.0 * shared * a;

        vocab = m.vocabSize();
        vocabPerGpu = vocab / tp;
        embeddingBytesPerToken = hidden * (weights.embeddingBytesPerWeight() + a);
    }

    /** Tensor-parallel split of each expert: all of tp without EP, none with EP (vLLM). */
    int moeTp(int ep) {
        return ep == 1 ? tp : 1;
    }
}
