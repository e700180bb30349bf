package org.tokenfab.validation.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Precision;

/**
 * trtllm-bench's batch limits, against values worked out by hand from its rule
 * ({@code calc_engine_setting}, release 1.0-1.2) and the catalog's numbers.
 */
class TrtllmBenchLimitsTest {
    private final Catalog catalog = Catalog.builtIn();

    private TrtllmBenchLimits limits(String model, String accelerator, int gpus, Precision w, Precision kv, int isl, int osl) {
        return TrtllmBenchLimits.of(catalog.model(model), catalog.accelerator(accelerator), gpus, w, kv, isl, osl);
    }

    @Test
    void roundingFollowsFinetuneSetting() {
        // 100 requests: batch rounded up to 32s (128), tokens 200 raised to the 2,048 floor.
        assertThat(TrtllmBenchLimits.finetune(100, 1024, 1024)).isEqualTo(new TrtllmBenchLimits(128, 2048));
        // 20 requests: batch at the 64 floor.
        assertThat(TrtllmBenchLimits.finetune(20, 1024, 1024)).isEqualTo(new TrtllmBenchLimits(64, 2048));
        // 700 requests, 8192/1024: batch to 128s (768), tokens 700 x 9 = 6,300 to 512s (6,656).
        assertThat(TrtllmBenchLimits.finetune(700, 8192, 1024)).isEqualTo(new TrtllmBenchLimits(768, 6656));
        // 1,100 requests, 128/128: batch to 256s (1,280), tokens 2,200 to 256s (2,304).
        assertThat(TrtllmBenchLimits.finetune(1100, 128, 128)).isEqualTo(new TrtllmBenchLimits(1280, 2304));
        // Caps: 4,096 requests and 32,768 tokens.
        assertThat(TrtllmBenchLimits.finetune(9000, 2048, 128)).isEqualTo(new TrtllmBenchLimits(4096, 32768));
        // 5,000 tokens (< 8,192) round to 512s: 5,120; 9,000 to 1,024s: 9,216.
        assertThat(TrtllmBenchLimits.finetune(2500, 1000, 1000).maxNumTokens()).isEqualTo(5120);
        assertThat(TrtllmBenchLimits.finetune(4500, 1000, 1000).maxNumTokens()).isEqualTo(8192);
        assertThat(TrtllmBenchLimits.finetune(4500, 1250, 1000).maxNumTokens()).isEqualTo(9216);
    }

    @Test
    void denseFp8RunSizedByItsKvCache() {
        // Llama-3.1-70B FP8 on one H200, 2048/2048: checkpoint 70,553,706,496 B = 65.709 GiB of
        // 131.317 GiB; cache (131.317 - 65.709) x 0.95 = 62.328 GiB; a token 2 x 80 x 8 x 128 B,
        // a request 4,096 of them = 0.625 GiB: 99.7 requests -> batch 128, tokens 199 -> 2,048.
        assertThat(limits("llama-3.1-70b", "h200", 1, Precision.FP8, Precision.FP8, 2048, 2048))
                .isEqualTo(new TrtllmBenchLimits(128, 2048));
        // Llama-3.1-8B FP8 on one H200, 128/128: 7,527 requests fit, capped at 4,096; 8,192 tokens.
        assertThat(limits("llama-3.1-8b", "h200", 1, Precision.FP8, Precision.FP8, 128, 128))
                .isEqualTo(new TrtllmBenchLimits(4096, 8192));
    }

    @Test
    void nvfp4CheckpointCountsPackedElementsAndMlaUsesTheConfigsHeads() {
        // DeepSeek-R1 NVFP4 on 4 B200 (DEP4), 1024/8192. Elements: embedding + LM head
        // 2 x 129,280 x 7,168 = 1,853,358,080, the other 669,173,061,120 weights at 0.5625 each:
        // 378,263,204,960, x 0.5 B = 176.142 GiB of 670.552 GiB. Cache 469.690 GiB. A token:
        // 2 x 61 layers x 128 heads x 56 (7,168 / 128, no head_dim in the config) x 1 B = 874,496 B;
        // a request of 9,216 tokens 7.506 GiB: 62.6 requests -> batch 64, tokens 70 -> 2,048.
        assertThat(TrtllmBenchLimits.checkpointElements(catalog.model("deepseek-r1"), Precision.FP4))
                .isEqualTo(378_263_204_960.0);
        assertThat(limits("deepseek-r1", "b200", 4, Precision.FP4, Precision.FP8, 1024, 8192))
                .isEqualTo(new TrtllmBenchLimits(64, 2048));
    }

    @Test
    void mxfp4CheckpointRunsWithTheLlmApiDefaults() {
        // gpt-oss's own MXFP4 checkpoint is not a quantization trtllm-bench sizes.
        assertThat(limits("gpt-oss-120b", "h200", 2, Precision.FP8, Precision.FP8, 1024, 1024))
                .isEqualTo(TrtllmBenchLimits.DEFAULTS)
                .isEqualTo(new TrtllmBenchLimits(2048, 8192));
    }
}
