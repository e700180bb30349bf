package org.tokenfab.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tokenfab.sim.TokenFabException;

class CatalogTest {
    private final Catalog catalog = Catalog.builtIn();

    @Test
    void listsTheBundledEntriesInIndexOrder() {
        assertThat(catalog.acceleratorIds()).startsWith("h100-sxm", "h200"); // all of them: AcceleratorCatalogTest
        assertThat(catalog.modelIds()).startsWith("llama-3.1-8b", "llama-3.1-70b"); // all of them: ModelCatalogTest
    }

    @Test
    void h100MatchesTheSharedReference() {
        AcceleratorSpec h100 = catalog.accelerator("h100-sxm");
        assertThat(h100.memoryGb()).isEqualTo(80);
        assertThat(h100.memoryBandwidthTbS()).isEqualTo(3.35);
        assertThat(h100.densePeakTflops()).containsEntry(Precision.BF16, 989.0)
                .containsEntry(Precision.FP8, 1979.0).containsEntry(Precision.INT8, 1979.0);
        assertThat(h100.supports(Precision.FP4)).isFalse();
        assertThat(h100.scaleUpBandwidthBidirGbS()).isEqualTo(900);
        assertThat(h100.scaleUpBytesPerSecondPerDirection()).isEqualTo(450e9);
        assertThat(h100.scaleUpDomainSize()).isEqualTo(8);
        assertThat(h100.tdpW()).isEqualTo(700);
        assertThat(h100.memoryBandwidthBytesPerSecond()).isEqualTo(3.35e12, within(1.0));
        assertThat(h100.densePeakFlops(Precision.BF16)).isEqualTo(989e12, within(1.0));
    }

    @Test
    void everyNumberOfEveryEntryHasASourceAndConfidence() {
        for (String id : catalog.acceleratorIds()) {
            AcceleratorSpec a = catalog.accelerator(id);
            assertThat(a.provenance()).containsKeys(AcceleratorSpec.FIELD_MEMORY_GB,
                    AcceleratorSpec.FIELD_MEMORY_BANDWIDTH, AcceleratorSpec.FIELD_SCALE_UP_DOMAIN,
                    AcceleratorSpec.FIELD_TDP, AcceleratorSpec.FIELD_IDLE);
            a.densePeakTflops().keySet().forEach(p -> assertThat(a.provenance()).containsKey(AcceleratorSpec.peakField(p)));
            a.provenance().values().forEach(p -> assertThat(p.source()).isNotBlank());
        }
        for (String id : catalog.modelIds()) {
            ModelSpec m = catalog.model(id);
            assertThat(m.provenance().keySet()).containsAll(ModelSpec.NUMERIC_FIELDS);
            assertThat(m.source()).contains("config.json");
        }
        assertThat(catalog.accelerator("h100-sxm").provenanceOf("memory_bandwidth_tb_s"))
                .isEqualTo(new Provenance(
                        "NVIDIA H100 datasheet [S3] (SXM: 3.35 TB/s); via shared reference hardware-specs.md 1a",
                        Confidence.HIGH));
    }

    @Test
    void llama8bMatchesItsConfig() {
        ModelSpec m = catalog.model("llama-3.1-8b");
        assertThat(m.layers()).isEqualTo(32);
        assertThat(m.hiddenSize()).isEqualTo(4096);
        assertThat(m.attentionHeads()).isEqualTo(32);
        assertThat(m.kvHeads()).isEqualTo(8);
        assertThat(m.headDim()).isEqualTo(128);
        assertThat(m.ffnSize()).isEqualTo(14336);
        assertThat(m.vocabSize()).isEqualTo(128256);
        assertThat(m.totalParams()).isEqualTo(8_030_261_248L);
        assertThat(m.attentionKind()).isEqualTo(AttentionKind.GQA);
        assertThat(m.maxContext()).isEqualTo(131072);
        assertThat(m.tiedEmbeddings()).isFalse();
        // hardware-specs.md Part 3: Llama-3.1-8B BF16 KV = 32*8*128*2*2 = 128 KiB per token.
        assertThat(m.kvBytesPerToken(Precision.BF16)).isEqualTo(128 * 1024);
        assertThat(m.kvBytesPerToken(Precision.FP8)).isEqualTo(64 * 1024);
    }

    /**
     * The declared parameter count must agree with the shapes, or FLOPs and bytes disagree. Here
     * by an independent count for the plain Llama-style models; ModelCatalogTest covers MoE, MLA,
     * biases and the published figures.
     */
    @Test
    void declaredParameterCountsAgreeWithTheShapes() {
        for (String id : java.util.List.of("llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "llama-2-7b",
                "llama-2-70b", "codellama-34b", "mistral-nemo-12b")) {
            ModelSpec m = catalog.model(id);
            long d = m.hiddenSize();
            long attention = d * m.attentionDim() * 2 + d * (long) m.kvHeads() * m.headDim() * 2; // q, o, k, v
            long mlp = 3 * d * m.ffnSize(); // SwiGLU: gate, up, down
            long norms = 2 * d;
            long blocks = m.layers() * (attention + mlp + norms);
            long fromShapes = blocks + m.lmHeadParams() * (m.tiedEmbeddings() ? 1 : 2) + d;
            assertThat(m.totalParams()).as(id).isEqualTo(fromShapes);
            assertThat(m.nonEmbeddingParams()).as(id).isEqualTo(blocks + d);
        }
        // hardware-specs.md Part 3: 70B weights are 141 GB in BF16.
        assertThat(MemoryModel.weightBytes(catalog.model("llama-3.1-70b"), Precision.BF16) / 1e9)
                .isEqualTo(141.1, within(0.05));
        // Quantized checkpoints: the 68,452,360,192 block weights in the format, the embedding and LM
        // head (2 x 128,256 x 8,192 = 2,101,346,304) in BF16. FP8 at 1 B; NVFP4 at 4.5 bits.
        ModelSpec llama70 = catalog.model("llama-3.1-70b");
        assertThat(llama70.nonEmbeddingParams()).isEqualTo(68_452_360_192L);
        assertThat(llama70.embeddingParams()).isEqualTo(2_101_346_304L);
        assertThat(MemoryModel.weightBytes(llama70, Precision.FP8)).isEqualTo(68_452_360_192L + 2 * 2_101_346_304L);
        assertThat(MemoryModel.weightBytes(llama70, Precision.FP4)).isEqualTo(38_504_452_608L + 2 * 2_101_346_304L);
        // A step streams the blocks and the LM head, not the input embedding (a gather).
        assertThat(llama70.weightBytesRead(Precision.FP4, 0)).isEqualTo(38_504_452_608.0 + 2 * 1_050_673_152.0);
        // Tied embeddings (BLOOM's one matrix): counted once, and read once for the LM head.
        ModelSpec tied = catalog.model("bloom-176b");
        assertThat(tied.tiedEmbeddings()).isTrue();
        assertThat(tied.embeddingParams()).isEqualTo(tied.lmHeadParams());
        assertThat(tied.weightBytesRead(Precision.FP8, 0)).isEqualTo(MemoryModel.weightBytes(tied, Precision.FP8), within(1.0));
    }

    @Test
    void unknownIdsNameTheIdTheKnownIdsAndTheClosest() {
        assertThatThrownBy(() -> catalog.accelerator("h100"))
                .isInstanceOf(TokenFabException.class)
                .hasMessageStartingWith("unknown accelerator 'h100' (did you mean 'h100-sxm'?); known accelerators: h100-sxm, h200, ");
        assertThatThrownBy(() -> catalog.model("llama3.1-8b"))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("'llama3.1-8b'")
                .hasMessageContaining("known models: llama-3.1-8b, llama-3.1-70b, ")
                .hasMessageContaining("(did you mean 'llama-3.1-8b'?)");
        assertThatThrownBy(() -> catalog.model("gpt-5"))
                .isInstanceOf(TokenFabException.class)
                .hasMessageStartingWith("unknown model 'gpt-5'; known models: llama-3.1-8b, llama-3.1-70b, ");
    }

    @Test
    void missingPrecisionPeakIsAUserError() {
        assertThatThrownBy(() -> catalog.accelerator("h100-sxm").densePeakFlops(Precision.FP4))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("h100-sxm has no dense fp4 peak")
                .hasMessageContaining("bf16, fp16, fp8, int8");
    }
}
