package org.tokenfab.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokenfab.sim.TokenFabException;

/** The LLM architecture catalog: every entry, its parameter counts against the published ones, and KV sizes. */
class ModelCatalogTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    /** How a publisher counts "active" parameters. */
    private enum Active {
        /** Transformer blocks with the used experts, plus the LM head: DeepSeek, OpenAI ({@link ModelSpec#activeParams()}). */
        LM_HEAD,
        /** The same plus the input embedding: Mistral, Qwen, Meta. */
        WITH_EMBEDDING
    }

    /** A published headline: total (and active, for MoE) parameters. */
    private record Published(String id, double totalB, double activeB, Active convention) {
        static Published dense(String id, double totalB) {
            return new Published(id, totalB, 0, null);
        }
    }

    /**
     * Published counts (billions). Sources: Hugging Face model pages (Llama 2 7B 6.74B, 70B 69.0B,
     * Llama 3.1 8.03B, 70.6B, 405.9B, Mistral NeMo 12.2B), the Code Llama paper (34B), the Qwen2.5
     * report (7.61B), the Qwen3 model cards (32.8B; 30.5B / 3.3B; 235B / 22B), Mistral's Mixtral
     * announcement (46.7B / 12.9B), the DeepSeek-V3 report (671B / 37B), the gpt-oss model card
     * (117B / 5.1B) and the Llama 4 model card (109B / 17B, with the vision encoder).
     */
    private static final List<Published> PUBLISHED = List.of(
            Published.dense("llama-2-7b", 6.74),
            Published.dense("llama-2-70b", 69.0),
            Published.dense("llama-3.1-8b", 8.03),
            Published.dense("llama-3.1-70b", 70.6),
            Published.dense("llama-3.1-405b", 405.9),
            Published.dense("codellama-34b", 34.0),
            Published.dense("mistral-nemo-12b", 12.2),
            Published.dense("qwen2.5-7b", 7.61),
            Published.dense("qwen3-32b", 32.8),
            new Published("mixtral-8x7b", 46.7, 12.9, Active.WITH_EMBEDDING),
            new Published("qwen3-30b-a3b", 30.5, 3.3, Active.WITH_EMBEDDING),
            new Published("qwen3-235b-a22b", 235, 22, Active.WITH_EMBEDDING),
            new Published("deepseek-v3", 671, 37, Active.LM_HEAD),
            new Published("deepseek-r1", 671, 37, Active.LM_HEAD),
            new Published("gpt-oss-120b", 117, 5.1, Active.LM_HEAD),
            new Published("llama-4-scout", 109, 17, Active.WITH_EMBEDDING),
            Published.dense("bloom-176b", 176.2));

    /** Shapes vs published headlines: within 2% (the headlines are rounded; Scout's includes its vision encoder). */
    private static final double PUBLISHED_TOLERANCE = 0.02;

    @Test
    void everyListedModelLoadsWithSourcesForEveryNumber() {
        assertThat(CATALOG.modelIds()).containsExactlyInAnyOrderElementsOf(
                PUBLISHED.stream().map(Published::id).toList());
        for (String id : CATALOG.modelIds()) {
            ModelSpec m = CATALOG.model(id);
            assertThat(m.source()).as(id).contains("config.json");
            assertThat(m.provenance().keySet()).as(id).containsAll(ModelSpec.NUMERIC_FIELDS);
            m.provenance().forEach((field, p) -> assertThat(p.source()).as(id + " " + field).isNotBlank());
            if (m.isMoe()) {
                assertThat(m.provenance()).as(id).containsKeys(MoeSpec.FIELD_EXPERTS, MoeSpec.FIELD_ACTIVE,
                        MoeSpec.FIELD_EXPERT_FFN, ModelSpec.FIELD_ACTIVE_PARAMS);
            }
        }
    }

    @Test
    void parameterCountsFromTheShapesMatchTheDeclaredAndPublishedOnes() {
        for (Published p : PUBLISHED) {
            ModelSpec m = CATALOG.model(p.id());
            // Declared (exact, for memory) vs the shape count, which leaves out biases, sinks and
            // QK norms: gpt-oss's ~40M biases are the largest gap, 0.03%.
            assertThat((double) m.shapeParams()).as(p.id() + " shapes vs declared")
                    .isCloseTo(m.totalParams(), within(m.totalParams() * 0.001));
            assertThat(m.shapeParams() / 1e9).as(p.id() + " total vs published")
                    .isCloseTo(p.totalB(), within(p.totalB() * PUBLISHED_TOLERANCE));
            if (p.convention() == null) {
                assertThat(m.activeParams()).as(p.id()).isEqualTo(m.paramsReadPerStep());
                continue;
            }
            long active = m.activeParams() + (p.convention() == Active.WITH_EMBEDDING ? m.lmHeadParams() : 0);
            assertThat(active / 1e9).as(p.id() + " active vs published")
                    .isCloseTo(p.activeB(), within(p.activeB() * PUBLISHED_TOLERANCE));
            assertThat(m.publishedActiveParams() / 1e9).as(p.id() + " catalog's active_params")
                    .isCloseTo(p.activeB(), within(0.05));
        }
        // DeepSeek's own split: 36.6B activated including the 0.9B output head (README_WEIGHTS.md).
        assertThat(CATALOG.model("deepseek-v3").activeParams() / 1e9).isCloseTo(36.6, within(0.05));
        // OpenAI's own split: 5.13B active (model card Table 1), biases of idle experts aside.
        assertThat(CATALOG.model("gpt-oss-120b").activeParams() / 1e9).isCloseTo(5.13, within(0.05));
    }

    @Test
    void moeShapesFollowTheConfigs() {
        ModelSpec ds = CATALOG.model("deepseek-v3");
        assertThat(ds.isMoe()).isTrue();
        assertThat(ds.moeExperts()).isEqualTo(256);
        assertThat(ds.moeActiveExperts()).isEqualTo(8);
        assertThat(ds.moeSharedExperts()).isEqualTo(1);
        assertThat(ds.moeFfnSize()).isEqualTo(2048);
        assertThat(ds.denseLayers()).isEqualTo(3); // first_k_dense_replace
        assertThat(ds.moeLayers()).isEqualTo(58);
        assertThat(ds.isMoeLayer(2)).isFalse();
        assertThat(ds.isMoeLayer(3)).isTrue();
        // A dense layer: MLA (187.1M) + 3 x 7168 x 18432 + norms; an MoE layer adds 257 experts and a router.
        assertThat(ds.layerParams(0)).isEqualTo(187_107_328L + 396_361_728L + 2 * 7168);
        assertThat(ds.layerParams(3)).isEqualTo(187_107_328L + 257L * 3 * 7168 * 2048 + 7168L * 256 + 2 * 7168);
        assertThat(ds.nativeWeights().precision()).isEqualTo(Precision.FP8);
        assertThat(CATALOG.model("deepseek-r1").shapeParams()).isEqualTo(ds.shapeParams());

        ModelSpec scout = CATALOG.model("llama-4-scout");
        assertThat(scout.denseLayers()).isZero();
        assertThat(scout.moeSharedExperts()).isEqualTo(1);
        assertThat(scout.moeActiveExperts()).isEqualTo(1);

        ModelSpec mixtral = CATALOG.model("mixtral-8x7b");
        assertThat(mixtral.expectedExpertsPerLayer(1)).isCloseTo(2.0, within(1e-12));
        assertThat(mixtral.expectedExpertsPerLayer(64)).isCloseTo(8.0, within(1e-6));
        assertThat(mixtral.moeExpertParams()).isEqualTo(3L * 4096 * 14336);

        ModelSpec dense = CATALOG.model("llama-3.1-70b");
        assertThat(dense.isMoe()).isFalse();
        assertThat(List.of(dense.moeExperts(), dense.moeActiveExperts(), dense.moeSharedExperts(), dense.moeFfnSize(),
                dense.kvLoraRank(), dense.qLoraRank(), dense.qkNopeHeadDim(), dense.qkRopeHeadDim(), dense.vHeadDim(),
                dense.slidingWindow(), dense.slidingWindowLayers())).containsOnly(0);
        assertThat(dense.denseLayers()).isEqualTo(80);
        assertThat(dense.expectedExpertsPerLayer(100)).isZero();
    }

    @Test
    void moeLayerCountAgreesWithThePlacementRule() {
        for (int first = 0; first <= 4; first++) {
            for (int interval = 1; interval <= 3; interval++) {
                MoeSpec moe = new MoeSpec(8, 2, 0, 64, 64, first, interval);
                for (int layers = 1; layers <= 12; layers++) {
                    int counted = 0;
                    for (int i = 0; i < layers; i++) {
                        counted += moe.isMoeLayer(i) ? 1 : 0;
                    }
                    assertThat(moe.moeLayers(layers)).as("first %d, interval %d, %d layers", first, interval, layers)
                            .isEqualTo(counted);
                }
            }
        }
        // Llama 4 Maverick's interleave_moe_layer_step 2: layers 1, 3, 5, ... are MoE.
        MoeSpec maverick = new MoeSpec(128, 1, 1, 8192, 8192, 0, 2);
        assertThat(maverick.isMoeLayer(0)).isFalse();
        assertThat(maverick.isMoeLayer(1)).isTrue();
        assertThat(maverick.moeLayers(48)).isEqualTo(24);
    }

    @Test
    void kvBytesPerTokenFollowTheAttentionKind() {
        // GQA: 2 x 80 layers x 8 KV heads x 128 x 2 B = 320 KiB (hardware-specs.md Part 3).
        assertThat(CATALOG.model("llama-3.1-70b").kvBytesPerToken(Precision.BF16)).isEqualTo(327_680);
        // MHA: Llama 2 7B caches all 32 heads: 2 x 32 x 32 x 128 x 2 B = 512 KiB.
        assertThat(CATALOG.model("llama-2-7b").kvBytesPerToken(Precision.BF16)).isEqualTo(524_288);
        // MLA: 61 layers x (512 latent + 64 rope) x 2 B = 70,272 B (hardware-specs.md Part 3), halved in FP8.
        ModelSpec ds = CATALOG.model("deepseek-v3");
        assertThat(ds.kvLoraRank()).isEqualTo(512);
        assertThat(ds.qkRopeHeadDim()).isEqualTo(64);
        assertThat(ds.qLoraRank()).isEqualTo(1536);
        assertThat(ds.qkNopeHeadDim()).isEqualTo(128);
        assertThat(ds.vHeadDim()).isEqualTo(128);
        assertThat(ds.kvBytesPerToken(Precision.BF16)).isEqualTo(70_272);
        assertThat(ds.kvBytesPerToken(Precision.FP8)).isEqualTo(35_136);
        assertThat(ds.kvBytes(1000, Precision.BF16)).isEqualTo(70_272_000L);
    }

    @Test
    void slidingWindowLayersHoldAtMostTheWindow() {
        ModelSpec oss = CATALOG.model("gpt-oss-120b");
        assertThat(oss.slidingWindow()).isEqualTo(128);
        assertThat(oss.slidingWindowLayers()).isEqualTo(18);
        assertThat(oss.fullAttentionLayers()).isEqualTo(18);
        // Per layer 2 x 8 KV heads x 64 x 2 B = 2,048 B; 18 full layers: 36,864 B per token.
        assertThat(oss.kvBytesPerToken(Precision.BF16)).isEqualTo(36_864);
        assertThat(oss.windowedKvBytesPerToken(Precision.BF16)).isEqualTo(36_864);
        assertThat(oss.kvBytes(100, Precision.BF16)).isEqualTo(100L * 73_728); // inside the window: all 36 layers
        assertThat(oss.kvBytes(10_000, Precision.BF16)).isEqualTo(10_000L * 36_864 + 128L * 36_864);
        // gpt-oss alternates, windowed first (config.json layer_types).
        assertThat(oss.isWindowedLayer(0)).isTrue();
        assertThat(oss.isWindowedLayer(1)).isFalse();
        assertThat(oss.isWindowedLayer(34)).isTrue();
        long windowed = java.util.stream.IntStream.range(0, 36).filter(oss::isWindowedLayer).count();
        assertThat(windowed).isEqualTo(18);
        assertThat(oss.nativeWeights().precision()).isEqualTo(Precision.FP4);
    }

    // ------------------------------------------------------------ user-supplied models

    private static final String TINY_MOE = """
            id: tiny-moe
            name: Tiny MoE
            source: "test: a made-up config.json"
            attention_kind: gqa
            tied_embeddings: true
            layers: { value: 4, source: "test", confidence: high }
            hidden_size: { value: 1024, source: "test", confidence: high }
            attention_heads: { value: 8, source: "test", confidence: high }
            kv_heads: { value: 2, source: "test", confidence: high }
            head_dim: { value: 128, source: "test", confidence: high }
            ffn_size: { value: 4096, source: "test", confidence: high }
            vocab_size: { value: 32000, source: "test", confidence: high }
            total_params: { value: 244622336, source: "test", confidence: medium }
            max_context: { value: 8192, source: "test", confidence: high }
            moe:
              experts: { value: 8, source: "test", confidence: high }
              active_experts: { value: ACTIVE, source: "test", confidence: high }
              expert_ffn_size: { value: 2048, source: "test", confidence: high }
            """;

    @Test
    void aUserModelFileLoadsAndJoinsTheCatalog(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tiny-moe.yaml");
        Files.writeString(file, TINY_MOE.replace("ACTIVE", "2"));
        ModelSpec tiny = Catalog.readModel(file);
        assertThat(tiny.moeExperts()).isEqualTo(8);
        assertThat(tiny.shapeParams()).isEqualTo(244_622_336L);
        Catalog extended = CATALOG.withModel(tiny);
        assertThat(extended.model("tiny-moe")).isSameAs(tiny);
        assertThat(extended.modelIds()).endsWith("tiny-moe");
        assertThat(CATALOG.modelIds()).doesNotContain("tiny-moe"); // the catalog itself never changes
        assertThatThrownBy(() -> extended.withModel(tiny))
                .isInstanceOf(TokenFabException.class)
                .hasMessage("model 'tiny-moe' is already in the catalog; give your entry another id (e.g. 'tiny-moe-custom')");
    }

    @Test
    void badUserModelsNameTheFileTheFieldAndWhatIsAllowed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, TINY_MOE.replace("ACTIVE", "9"));
        assertThatThrownBy(() -> Catalog.readModel(file))
                .isInstanceOf(TokenFabException.class)
                .hasMessage(file + ": 'moe.active_experts' must be between 1 and 'moe.experts' (8), got 9");

        Files.writeString(file, TINY_MOE.replace("ACTIVE", "2").replace("244622336", "300000000"));
        assertThatThrownBy(() -> Catalog.readModel(file))
                .isInstanceOf(TokenFabException.class)
                .hasMessageStartingWith(file + ": total_params (300,000,000) disagrees with the 244,622,336 parameters "
                        + "the shapes give (18.5% apart; at most 5% allowed): check layers,")
                .hasMessageContaining("and the moe fields");

        Files.writeString(file, TINY_MOE.replace("ACTIVE", "2").replace("attention_kind: gqa", "attention_kind: mla"));
        assertThatThrownBy(() -> Catalog.readModel(file))
                .isInstanceOf(TokenFabException.class)
                .hasMessageStartingWith(file + ": attention_kind mla needs the mla fields");

        Files.writeString(file, TINY_MOE.replace("ACTIVE", "2").replace("  experts:", "  expert:"));
        assertThatThrownBy(() -> Catalog.readModel(file))
                .isInstanceOf(TokenFabException.class)
                .hasMessageStartingWith(file + ": field 'moe.expert' is not a known field (did you mean 'experts'?)");

        Files.writeString(file, TINY_MOE.replace("ACTIVE", "2").replace("attention_kind: gqa", "attention_kind: gqa2"));
        assertThatThrownBy(() -> Catalog.readModel(file))
                .isInstanceOf(TokenFabException.class)
                .hasMessage(file + ": field 'attention_kind' is 'gqa2', not a known attention kind; allowed: mha, gqa, mqa, mla");

        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> Catalog.readModel(missing))
                .isInstanceOf(TokenFabException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void anInlineModelTreeReportsItsOrigin() throws IOException {
        JsonNode tree = new YAMLMapper().readTree(TINY_MOE.replace("ACTIVE", "2")
                + "sliding_window: { window: { value: 512, source: \"test\", confidence: high } }\n");
        assertThatThrownBy(() -> Catalog.readModel(tree, "scenario.yaml: model"))
                .isInstanceOf(TokenFabException.class)
                .hasMessage("scenario.yaml: model: field 'sliding_window.layers' is missing");
        ModelSpec ok = Catalog.readModel(new YAMLMapper().readTree(TINY_MOE.replace("ACTIVE", "2")), "scenario.yaml: model");
        assertThat(ok.id()).isEqualTo("tiny-moe");
    }

    @Test
    void statedActiveParametersMustAgreeWithTheShapes() {
        String yaml = TINY_MOE.replace("ACTIVE", "2")
                + "active_params: { value: 200000000, source: \"test\", confidence: high }\n";
        assertThatThrownBy(() -> Catalog.readModel(new YAMLMapper().readTree(yaml), "inline"))
                .isInstanceOf(TokenFabException.class)
                .hasMessageStartingWith("inline: active_params (200,000,000) disagrees with the shapes")
                .hasMessageContaining("check total_params, moe.experts, moe.active_experts");
    }
}
