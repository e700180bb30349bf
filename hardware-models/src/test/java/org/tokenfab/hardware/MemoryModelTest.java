package org.tokenfab.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tokenfab.sim.TokenFabException;

class MemoryModelTest {
    private static final Catalog CATALOG = Catalog.builtIn();
    private static final ModelSpec LLAMA_8B = CATALOG.model("llama-3.1-8b");
    private static final ModelSpec LLAMA_70B = CATALOG.model("llama-3.1-70b");
    private static final ModelSpec LLAMA_405B = CATALOG.model("llama-3.1-405b");
    private static final ModelSpec DEEPSEEK_V3 = CATALOG.model("deepseek-v3");
    private static final ModelSpec QWEN3_235B = CATALOG.model("qwen3-235b-a22b");
    private static final ModelSpec GPT_OSS = CATALOG.model("gpt-oss-120b");
    private static final AcceleratorSpec H100 = CATALOG.accelerator("h100-sxm");
    private static final AcceleratorSpec H200 = CATALOG.accelerator("h200");
    private static final long H100_ROOM = 72_000_000_000L - 3_000_000_000L; // usable at 0.90 minus the reserve
    private static final long H200_ROOM = 126_900_000_000L - 3_000_000_000L;

    /** "bf16, fp16, fp8, int8": what the does-not-fit hint lists for an accelerator. */
    private static String supported(AcceleratorSpec a) {
        return a.densePeakTflops().keySet().stream().map(Precision::yamlName).collect(Collectors.joining(", "));
    }

    private static MemoryModel memory(ModelSpec m, AcceleratorSpec a, int tp, int pp, Precision w, Precision kv) {
        return new MemoryModel(new Deployment(m, a, tp, w, kv, pp), 0.90, MemoryModel.DEFAULT_RESERVE_GB_PER_GPU);
    }

    @Test
    void llama8bOnOneH100() {
        MemoryModel m = new MemoryModel(LLAMA_8B, H100, 1, Precision.BF16, Precision.BF16, 0.90);
        assertThat(m.weightBytes()).isEqualTo(2 * 8_030_261_248L);
        assertThat(m.weightBytesPerGpu()).isEqualTo(m.weightBytes());
        assertThat(m.kvBytesPerToken()).isEqualTo(131_072);
        assertThat(m.usableBytesPerGpu()).isEqualTo(72_000_000_000L);
        assertThat(m.reserveBytesPerGpu()).isEqualTo(3_000_000_000L);
        long kvBytes = H100_ROOM - 16_060_522_496L;
        assertThat(m.kvBytesPerGpu()).isEqualTo(kvBytes);
        assertThat(m.kvCapacityTokens()).isEqualTo(kvBytes / 131_072); // ~404k tokens
        assertThat(m.stages()).hasSize(1);
        assertThat(m.kvTokensFor(1000)).isEqualTo(1000); // no windowed layers: a token is a token
    }

    @Test
    void tensorParallelismShardsWeightsAndKvHeads() {
        MemoryModel tp1 = new MemoryModel(LLAMA_8B, H100, 1, Precision.BF16, Precision.BF16, 0.90);
        MemoryModel tp2 = new MemoryModel(LLAMA_8B, H100, 2, Precision.BF16, Precision.BF16, 0.90);
        assertThat(tp2.weightBytesPerGpu()).isEqualTo(tp1.weightBytes() / 2);
        assertThat(tp2.kvBytesPerTokenPerGpu()).isEqualTo(tp1.kvBytesPerTokenPerGpu() / 2);
        // Half the weights per GPU and half the KV per token per GPU: more than twice the tokens.
        assertThat(tp2.kvCapacityTokens()).isGreaterThan(2 * tp1.kvCapacityTokens());
    }

    @Test
    void fp8KvDoublesTokenCapacityForTheSameBytes() {
        MemoryModel bf16 = new MemoryModel(LLAMA_8B, H100, 1, Precision.BF16, Precision.BF16, 0.90);
        MemoryModel fp8 = new MemoryModel(LLAMA_8B, H100, 1, Precision.BF16, Precision.FP8, 0.90);
        assertThat(fp8.kvBytesPerGpu()).isEqualTo(bf16.kvBytesPerGpu());
        assertThat(fp8.kvCapacityTokens()).isBetween(2 * bf16.kvCapacityTokens(), 2 * bf16.kvCapacityTokens() + 1);
    }

    @Test
    void memoryUtilizationScalesTheBudget() {
        MemoryModel low = new MemoryModel(LLAMA_8B, H100, 1, Precision.BF16, Precision.BF16, 0.5);
        MemoryModel high = new MemoryModel(LLAMA_8B, H100, 1, Precision.BF16, Precision.BF16, 0.95);
        assertThat(high.kvCapacityTokens() - low.kvCapacityTokens()).isCloseTo(36_000_000_000L / 131_072, within(1L));
    }

    @Test
    void weightsThatDoNotFitExplainWithNumbersAndAlternatives() {
        assertThatThrownBy(() -> new MemoryModel(LLAMA_70B, H100, 1, Precision.BF16, Precision.BF16, 0.90))
                .isInstanceOf(TokenFabException.class)
                .hasMessageStartingWith("llama-3.1-70b in bf16 needs 141.1 GB of weights per replica, 141.1 GB per GPU "
                        + "at tp=1, but h100-sxm has 80 GB per GPU (72 GB usable at memory_utilization 0.90, 3 GB of it "
                        + "reserved for activations and workspace, leaving 69 GB for weights and KV cache); use tp >= 4, "
                        + "or fp8 weights with tp >= 2 (h100-sxm supports " + supported(H100) + "), "
                        + "or fp4 weights computed in bf16 (weight-only quantisation, precision: {weights: fp4, compute: bf16}: "
                        + "the kernels widen the weights as they load them), "
                        + "or an accelerator with more memory: ");
        assertThatThrownBy(() -> new MemoryModel(LLAMA_70B, H200, 1, Precision.BF16, Precision.BF16, 0.90))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("; use tp >= 2, or fp8 weights (h200 supports " + supported(H200) + ")");
    }

    /** The example: 405B in BF16 does not fit one 8-GPU H100 node, in FP8 it does. */
    @Test
    void llama405bOnEightH100sFitsInFp8ButNotInBf16() {
        assertThatThrownBy(() -> memory(LLAMA_405B, H100, 8, 1, Precision.BF16, Precision.BF16))
                .isInstanceOf(TokenFabException.class)
                // 405,853,388,800 x 2 B = 811.7 GB; / 8 = 101.5 GB per GPU > 69 GB of room.
                .hasMessageStartingWith("llama-3.1-405b in bf16 needs 811.7 GB of weights per replica, 101.5 GB per "
                        + "GPU at tp=8, but h100-sxm has 80 GB per GPU (72 GB usable at memory_utilization 0.90, 3 GB "
                        + "of it reserved for activations and workspace, leaving 69 GB for weights and KV cache); "
                        + "use fp8 weights (h100-sxm supports " + supported(H100) + "), "
                        + "or pp >= 2 (pipeline stages; 16 GPUs per replica), or an accelerator with more memory: ")
                .hasMessageMatching(".*an accelerator with more memory: [a-z0-9.-]+ \\(\\d+(\\.\\d)? GB per GPU\\)$");

        MemoryModel fp8 = memory(LLAMA_405B, H100, 8, 1, Precision.FP8, Precision.BF16);
        // 401,650,696,192 block parameters at 1 B, the embedding and LM head (2 x 128,256 x 16,384 =
        // 4,202,692,608) in BF16: 410,056,081,408 B / 8.
        assertThat(fp8.weightBytesPerGpu()).isEqualTo(51_257_010_176L);
        assertThat(fp8.kvBytesPerTokenPerGpu()).isEqualTo(516_096 / 8); // 504 KiB per token (hardware-specs.md) / tp
        assertThat(fp8.kvCapacityTokens()).isEqualTo((H100_ROOM - 51_257_010_176L) / 64_512); // 275,034 tokens
    }

    /**
     * Weight-only quantisation is offered when it fits on fewer GPUs than the narrower format the
     * accelerator computes in: 405B at tp=4 on H100s needs tp=8 in FP8, but fits in FP4 weights
     * (811.7 / 4 = 101.5 GB per GPU in BF16; 405.9 / 8 = 50.7 GB in FP8; 202.9 / 4 = 50.7 GB in FP4).
     */
    @Test
    void weightOnlyQuantisationIsOfferedWhenItNeedsFewerGpus() {
        assertThatThrownBy(() -> memory(LLAMA_405B, H100, 4, 1, Precision.BF16, Precision.BF16))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("; use fp8 weights with tp >= 8 (h100-sxm supports " + supported(H100) + "), "
                        + "or fp4 weights computed in bf16 (weight-only quantisation, precision: {weights: fp4, compute: bf16}: "
                        + "the kernels widen the weights as they load them), or pp >= 2 with tp=8 ");
        // Where the accelerator's own narrower format fits at the same tp, weight-only adds nothing.
        assertThatThrownBy(() -> memory(LLAMA_405B, H100, 8, 1, Precision.BF16, Precision.BF16))
                .hasMessageNotContaining("weight-only");
    }

    @Test
    void expertParallelismShardsExpertsOverEpAndMultipliesTheCacheByDp() {
        Deployment tp4 = new Deployment(QWEN3_235B, H200, 4, Precision.FP8, Precision.FP8);
        MemoryModel plain = new MemoryModel(tp4, 0.90, MemoryModel.DEFAULT_RESERVE_GB_PER_GPU);
        MemoryModel ep4 = new MemoryModel(tp4.withExpertParallel(4), 0.90, MemoryModel.DEFAULT_RESERVE_GB_PER_GPU);
        MemoryModel ep8 = new MemoryModel(tp4.withExpertParallel(8), 0.90, MemoryModel.DEFAULT_RESERVE_GB_PER_GPU);
        // ep = tp spreads the experts over the same 4 GPUs: nothing changes.
        assertThat(ep4.weightBytesPerGpu()).isEqualTo(plain.weightBytesPerGpu());
        assertThat(ep4.kvCapacityTokens()).isEqualTo(plain.kvCapacityTokens());
        // ep = 8 = 2 x tp: experts over 8 GPUs, attention and embeddings replicated in 2 groups of 4.
        double experts = 94.0 * 128 * 3 * 4096 * 1536; // layers x experts x gated MLP of 4096 -> 1536, 1 byte each in fp8
        double expected = (plain.weightBytes() - experts) / 4 + experts / 8;
        assertThat((double) ep8.weightBytesPerGpu()).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(ep8.deployment().gpus()).isEqualTo(8);
        // Each of the 2 groups caches its own sequences.
        long perGroup = (H200_ROOM - ep8.weightBytesPerGpu()) / ep8.kvBytesPerTokenPerGpu();
        assertThat(ep8.kvCapacityTokens()).isEqualTo(2 * perGroup);
        assertThat(ep8.kvCapacityTokens()).isGreaterThan(2 * plain.kvCapacityTokens());
    }

    @Test
    void aSystemsScaleUpDomainBoundsTensorParallelism() {
        SystemSpec nvl72 = CATALOG.system("gb200-nvl72");
        Deployment wide = new Deployment(LLAMA_405B, CATALOG.accelerator("gb200"), 16, Precision.FP8, Precision.FP8, 1, 1, 72);
        assertThat(wide.scaleUpDomain()).isEqualTo(72);
        assertThatThrownBy(() -> new Deployment(LLAMA_70B, H100, 8, Precision.BF16, Precision.BF16).on(nvl72))
                .isInstanceOf(TokenFabException.class).hasMessage("system gb200-nvl72 is built of gb200, not h100-sxm");
        SystemSpec pair = CATALOG.system("hgx-h100");
        assertThat(new Deployment(LLAMA_70B, H100, 8, Precision.BF16, Precision.BF16).on(pair).scaleUpDomain()).isEqualTo(8);
        assertThatThrownBy(() -> new Deployment(LLAMA_70B, H100, 8, Precision.BF16, Precision.BF16, 1, 1, 4))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("tp must be at most the scale-up domain of 4 h100-sxm")
                .hasMessageContaining("allowed: 1, 2, 4");
    }

    @Test
    void sramChipsGetAsManyStagesAsTheirWeightsNeedWithRoomForTheKvCache() {
        AcceleratorSpec lpx = CATALOG.accelerator("groq3-lpx");
        Deployment d = new Deployment(LLAMA_70B, lpx, 16, Precision.FP8, Precision.FP8).placedInSram(0.9);
        // 72.7 GB of fp8 weights (BF16 embedding and LM head) over chips of 0.5 GB x 0.9 usable, three
        // quarters for weights: at least 72.7 / (16 x 0.3375) = 14 stages; more where the embedding
        // and LM head sit.
        assertThat(d.pp()).isGreaterThanOrEqualTo(14).isLessThanOrEqualTo(80);
        MemoryModel m = new MemoryModel(d, 0.9, 0);
        assertThat(m.weightBytesPerGpu()).isLessThanOrEqualTo((long) (0.75 * MemoryModel.usableBytes(lpx, 0.9)));
        assertThat(m.kvCapacityTokens()).isPositive();
        // One stage fewer would not leave the quarter for the KV cache.
        Deployment fewer = new Deployment(LLAMA_70B, lpx, 16, Precision.FP8, Precision.FP8, d.pp() - 1, 1, d.scaleUpDomain());
        assertThat(MemoryModel.plan(fewer, MemoryModel.usableBytes(lpx, 0.9), 0).stream()
                .mapToLong(MemoryModel.Stage::weightBytesPerGpu).max().orElseThrow())
                .isGreaterThan((long) (0.75 * MemoryModel.usableBytes(lpx, 0.9)));
        // At tp=8 the 2.1 GB BF16 LM head alone takes 0.26 GB of each chip's 0.34 GB: no placement.
        assertThatThrownBy(() -> new Deployment(LLAMA_70B, lpx, 8, Precision.FP8, Precision.FP8).placedInSram(0.9))
                .isInstanceOf(TokenFabException.class)
                .hasMessageStartingWith("llama-3.1-70b in fp8 needs 72.7 GB of weights (embedding and LM head in 16 "
                        + "bits, as quantized checkpoints keep them): even at one layer per stage of 8 groq3-lpx chips, "
                        + "the heaviest stage (the last, with the LM head) holds ")
                .hasMessageEndingWith("; use more tp or a smaller precision");
        // A GPU is left as it is.
        Deployment gpu = new Deployment(LLAMA_70B, H100, 8, Precision.FP8, Precision.FP8);
        assertThat(gpu.placedInSram(0.9)).isSameAs(gpu);
    }

    @Test
    void mlaLatentIsNotShardedByTensorParallelism() {
        MemoryModel m = memory(DEEPSEEK_V3, H200, 8, 1, Precision.FP8, Precision.BF16);
        // Every parameter at 1 B, and once more for the BF16 embedding and LM head (2 x 129,280 x 7,168).
        long weightsPerGpu = Math.ceilDiv(671_026_419_200L + 1_853_358_080L, 8);
        assertThat(m.weightBytesPerGpu()).isEqualTo(weightsPerGpu);
        // Every rank holds the whole 61 x (512 + 64) x 2 B latent cache of every token.
        assertThat(m.kvBytesPerTokenPerGpu()).isEqualTo(70_272);
        assertThat(m.kvCapacityTokens()).isEqualTo((H200_ROOM - weightsPerGpu) / 70_272); // ~570k tokens
        assertThat(m.deployment().kvShardFraction()).isEqualTo(1.0);
        assertThat(Deployment.validTensorParallelDegrees(DEEPSEEK_V3, H200)).containsExactly(1, 2, 4, 8);
    }

    @Test
    void kvHeadsAreReplicatedWhenTpExceedsThem() {
        // Qwen3-235B-A22B has 4 KV heads: at tp=8 each GPU holds one, so the per-GPU cache stops at a quarter.
        MemoryModel m = memory(QWEN3_235B, H200, 8, 1, Precision.BF16, Precision.BF16);
        assertThat(m.kvBytesPerToken()).isEqualTo(2L * 94 * 4 * 128 * 2);
        assertThat(m.kvBytesPerTokenPerGpu()).isEqualTo(2L * 94 * 1 * 128 * 2);
        assertThat(m.deployment().kvHeadsPerGpu()).isEqualTo(1);
        assertThat(Deployment.validTensorParallelDegrees(QWEN3_235B, H200)).containsExactly(1, 2, 4, 8);
        // tp must still divide the 28 query heads of Qwen2.5-7B, replication or not.
        assertThat(Deployment.validTensorParallelDegrees(CATALOG.model("qwen2.5-7b"), H100)).containsExactly(1, 2, 4);
    }

    @Test
    void slidingWindowLayersCapTheirCacheAndCapacityCountsFullAttentionTokens() {
        MemoryModel m = memory(GPT_OSS, H100, 2, 1, Precision.FP8, Precision.BF16);
        // 18 full-attention layers x 2 x 8 KV heads x 64 x 2 B = 36,864 B per token, half per GPU at tp=2.
        assertThat(m.kvBytesPerToken()).isEqualTo(36_864);
        assertThat(m.kvBytesPerTokenPerGpu()).isEqualTo(18_432);
        // Every parameter at 1 B, and once more for the BF16 embedding and LM head (2 x 201,088 x 2,880).
        long free = H100_ROOM - Math.ceilDiv(116_829_156_672L + 1_158_266_880L, 2);
        assertThat(m.kvCapacityTokens()).isEqualTo(free / 18_432);
        // The 18 windowed layers hold at most 128 tokens per sequence, as much per token as the full ones.
        assertThat(m.windowKvTokensPerSequence()).isEqualTo(128);
        assertThat(m.kvTokensFor(50)).isEqualTo(100);
        assertThat(m.kvTokensFor(10_000)).isEqualTo(10_128);
        assertThat(m.stages().get(0).windowedKvBytesPerTokenPerGpu()).isEqualTo(18_432);
    }

    @Test
    void pipelineStagesSplitLayersAndWeights() {
        MemoryModel pp1 = memory(LLAMA_405B, H100, 8, 1, Precision.FP8, Precision.BF16);
        MemoryModel pp2 = memory(LLAMA_405B, H100, 8, 2, Precision.BF16, Precision.BF16);
        assertThat(pp2.stages()).extracting(MemoryModel.Stage::layers).containsExactly(63, 63);
        assertThat(pp2.stages()).extracting(MemoryModel.Stage::firstLayer).containsExactly(0, 63);
        // BF16 over 16 GPUs weighs what FP8 over 8 does, but for FP8's embedding and LM head, kept
        // in BF16 (4,202,692,608 parameters, 1 B more each, over 8 GPUs), and the split between stages.
        assertThat(pp2.weightBytesPerGpu() / 1e9).isCloseTo((pp1.weightBytesPerGpu() - 4_202_692_608L / 8) / 1e9, within(0.01));
        long stagesTotal = pp2.stages().stream().mapToLong(MemoryModel.Stage::weightBytesPerGpu).sum() * 8;
        assertThat((double) stagesTotal).isCloseTo(pp2.weightBytes(), within(64.0));
        // Each GPU caches its stage's 63 layers, 1/8 of the KV heads.
        assertThat(pp2.kvBytesPerTokenPerGpu()).isEqualTo(63L * 2 * 8 * 128 * 2 / 8);
        long tightest = pp2.stages().stream().mapToLong(MemoryModel.Stage::kvBytesPerGpu).min().orElseThrow();
        assertThat(pp2.kvCapacityTokens()).isEqualTo(tightest / 32_256);

        // DeepSeek-V3: the first stage has the 3 light dense layers, so the last one is the heavier.
        MemoryModel ds = memory(DEEPSEEK_V3, H200, 8, 2, Precision.FP8, Precision.BF16);
        assertThat(ds.stages()).extracting(MemoryModel.Stage::layers).containsExactly(31, 30);
        assertThat(ds.stages().get(1).weightBytesPerGpu()).isGreaterThan(ds.stages().get(0).weightBytesPerGpu());
        assertThat(ds.weightBytesPerGpu()).isEqualTo(ds.stages().get(1).weightBytesPerGpu());
    }

    @Test
    void stageLayersFollowVllm() {
        Deployment d = new Deployment(DEEPSEEK_V3, H200, 8, Precision.FP8, Precision.FP8, 4);
        assertThat(d.stageLayerCounts()).containsExactly(15, 15, 16, 15); // 61 = 4 x 15 + 1, to the second-to-last
        assertThat(d.gpus()).isEqualTo(32);
        assertThat(d.describe()).isEqualTo("deepseek-v3 fp8 (kv fp8) on 32 x h200 (tp 8, pp 4)");
        assertThat(new Deployment(LLAMA_405B, H100, 8, Precision.FP8, Precision.FP8, 4).stageLayerCounts())
                .containsExactly(31, 32, 32, 31);
        assertThatThrownBy(() -> new Deployment(LLAMA_8B, H100, 1, Precision.BF16, Precision.BF16, 33))
                .isInstanceOf(TokenFabException.class)
                .hasMessage("pp=33 is not possible for llama-3.1-8b: pp must be between 1 and its 32 layers "
                        + "(each pipeline stage holds at least one layer)");
    }

    @Test
    void aReserveLargerThanTheUsableMemorySaysSo() {
        assertThatThrownBy(() -> new MemoryModel(LLAMA_8B, H100, 8, Precision.FP8, Precision.FP8, 0.03))
                .isInstanceOf(TokenFabException.class)
                .hasMessage("memory_utilization 0.03 leaves 2.4 GB per GPU of h100-sxm's 80 GB, no more than the 3 GB "
                        + "reserved for activations and workspace; raise memory_utilization");
    }

    @Test
    void nothingFittingAnywhereSaysSo() {
        // 10 MB of room per GPU cannot hold one 8B layer at tp=8, and the catalog offers nothing bigger.
        Catalog onlyH100 = Catalog.of(List.of(H100), List.of(LLAMA_8B));
        Deployment d = new Deployment(LLAMA_8B, H100, 8, Precision.FP8, Precision.FP8);
        assertThatThrownBy(() -> new MemoryModel(d, 0.90, 71.99, onlyH100))
                .isInstanceOf(TokenFabException.class)
                .hasMessageEndingWith("; nothing fits on h100-sxm, not even one layer per pipeline stage: choose an "
                        + "accelerator with more memory");
    }

    @Test
    void tpThatIsNotADivisorOrTooWideIsRejected() {
        assertThatThrownBy(() -> new MemoryModel(LLAMA_70B, H100, 3, Precision.BF16, Precision.BF16, 0.90))
                .isInstanceOf(TokenFabException.class)
                .hasMessage("tp=3 is not possible for llama-3.1-70b on h100-sxm: tp must divide llama-3.1-70b's "
                        + "64 attention heads, and divide its 8 KV heads or be a multiple of them (KV heads are "
                        + "replicated when tp exceeds them); allowed: 1, 2, 4, 8");
        assertThatThrownBy(() -> new MemoryModel(DEEPSEEK_V3, H200, 3, Precision.FP8, Precision.FP8, 0.90))
                .isInstanceOf(TokenFabException.class)
                .hasMessage("tp=3 is not possible for deepseek-v3 on h200: tp must divide deepseek-v3's 128 attention "
                        + "heads; allowed: 1, 2, 4, 8");
        assertThatThrownBy(() -> new MemoryModel(LLAMA_70B, H100, 16, Precision.BF16, Precision.BF16, 0.90))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("tp must be at most the scale-up domain of 8 h100-sxm (a tensor-parallel group never spans two domains");
        assertThatThrownBy(() -> new MemoryModel(LLAMA_70B, H100, 0, Precision.BF16, Precision.BF16, 0.90))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("tp must be at least 1");
    }

    @Test
    void memoryUtilizationOutOfRangeIsRejected() {
        assertThatThrownBy(() -> new MemoryModel(LLAMA_8B, H100, 1, Precision.BF16, Precision.BF16, 1.2))
                .isInstanceOf(TokenFabException.class)
                .hasMessage("memory_utilization must be in (0, 1], got 1.2");
        assertThatThrownBy(() -> new MemoryModel(LLAMA_8B, H100, 1, Precision.BF16, Precision.BF16, Double.NaN))
                .isInstanceOf(TokenFabException.class);
    }

    @Test
    void seventyBillionInFp8FitsOneH200() {
        MemoryModel m = new MemoryModel(LLAMA_70B, H200, 1, Precision.FP8, Precision.FP8, 0.90);
        // hardware-specs.md's 70.6 GB counts every parameter at 1 B; an FP8 checkpoint keeps the
        // embedding and LM head (2 x 128,256 x 8,192 = 2.1 B parameters) in BF16: 72.7 GB.
        assertThat(m.weightBytesPerGpu() / 1e9).isEqualTo(72.66, within(0.01));
        assertThat(m.kvBytesPerTokenPerGpu()).isEqualTo(160 * 1024); // 320 KiB BF16 halved
        assertThat(m.kvCapacityTokens()).isGreaterThan(300_000);
    }
}
