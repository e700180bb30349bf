package org.tokenfab.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tokenfab.sim.TokenFabException;

class MemoryModelTest {
    private static final Catalog CATALOG = Catalog.builtIn();
    private static final ModelSpec LLAMA_8B = CATALOG.model("llama-3.1-8b");
    private static final ModelSpec LLAMA_70B = CATALOG.model("llama-3.1-70b");
    private static final AcceleratorSpec H100 = CATALOG.accelerator("h100-sxm");
    private static final AcceleratorSpec H200 = CATALOG.accelerator("h200");

    @Test
    void llama8bOnOneH100() {
        MemoryModel m = new MemoryModel(LLAMA_8B, H100, 1, Precision.BF16, Precision.BF16, 0.90);
        assertThat(m.weightBytes()).isEqualTo(2 * 8_030_261_248L);
        assertThat(m.weightBytesPerGpu()).isEqualTo(m.weightBytes());
        assertThat(m.kvBytesPerToken()).isEqualTo(131_072);
        assertThat(m.usableBytesPerGpu()).isEqualTo(72_000_000_000L);
        assertThat(m.reserveBytesPerGpu()).isEqualTo(3_000_000_000L);
        long kvBytes = 72_000_000_000L - 3_000_000_000L - 16_060_522_496L;
        assertThat(m.kvBytesPerGpu()).isEqualTo(kvBytes);
        assertThat(m.kvCapacityTokens()).isEqualTo(kvBytes / 131_072); // ~404k tokens
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
                .hasMessage("llama-3.1-70b in bf16 needs 141.1 GB of weights per replica, 141.1 GB per GPU at tp=1, "
                        + "but h100-sxm has 80 GB per GPU (72 GB usable at memory_utilization 0.90, 3 GB of it reserved "
                        + "for activations and workspace, leaving 69 GB for weights and KV cache); use tp >= 4, "
                        + "or fp8 weights with tp >= 2");
        assertThatThrownBy(() -> new MemoryModel(LLAMA_70B, H200, 1, Precision.BF16, Precision.BF16, 0.90))
                .isInstanceOf(TokenFabException.class)
                .hasMessageEndingWith("; use tp >= 2, or fp8 weights");
    }

    @Test
    void noFittingOptionSaysSo() {
        // 5% of an H100 is 4 GB: 3 GB reserve leaves 1 GB, nothing of a 70B fits even at tp=8 in fp8.
        assertThatThrownBy(() -> new MemoryModel(LLAMA_70B, H100, 8, Precision.FP8, Precision.FP8, 0.05))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("even tp=8, the largest this model allows within h100-sxm's scale-up domain, "
                        + "does not fit");
    }

    @Test
    void tpThatIsNotADivisorOrTooWideIsRejected() {
        assertThatThrownBy(() -> new MemoryModel(LLAMA_70B, H100, 3, Precision.BF16, Precision.BF16, 0.90))
                .isInstanceOf(TokenFabException.class)
                .hasMessage("tp=3 is not possible for llama-3.1-70b on h100-sxm: tp must divide llama-3.1-70b's "
                        + "8 KV heads and 64 attention heads; allowed: 1, 2, 4, 8");
        assertThatThrownBy(() -> new MemoryModel(LLAMA_70B, H100, 16, Precision.BF16, Precision.BF16, 0.90))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("tp must be at most h100-sxm's scale-up domain of 8 GPUs");
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
        assertThat(m.weightBytesPerGpu() / 1e9).isEqualTo(70.6, within(0.05)); // hardware-specs.md: 70.6 GB FP8
        assertThat(m.kvBytesPerTokenPerGpu()).isEqualTo(160 * 1024); // 320 KiB BF16 halved
        assertThat(m.kvCapacityTokens()).isGreaterThan(300_000);
    }
}
