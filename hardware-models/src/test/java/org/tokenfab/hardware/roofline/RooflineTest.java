package org.tokenfab.hardware.roofline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.ModelSpec;
import org.tokenfab.hardware.Precision;

/**
 * The ideal roofline against numbers worked out by hand from the catalog (H100 SXM: 989 TFLOP/s
 * dense bf16, 3.35 TB/s; Llama-3.1-8B: 32 layers, 32 heads of 128, 8 KV heads, ~7.5 B parameters
 * read per decode step including the LM head, 131,072 KV bytes per token in bf16).
 */
class RooflineTest {
    private static final Catalog CATALOG = Catalog.builtIn();
    private final AcceleratorSpec h100 = CATALOG.accelerator("h100-sxm");
    private final ModelSpec llama8b = CATALOG.model("llama-3.1-8b");

    @Test
    void ridgePointIsPeakOverBandwidth() {
        Roofline r = new Roofline(llama8b, h100, Precision.BF16, Precision.BF16, 1);
        assertThat(r.ridgeIntensity()).isCloseTo(989e12 / 3.35e12, within(0.5)); // 295 FLOP/byte
        Roofline fp8x4 = new Roofline(llama8b, h100, Precision.FP8, Precision.FP8, 4);
        assertThat(fp8x4.ridgeIntensity()).isCloseTo(1979e12 / 3.35e12, within(0.5)); // tp scales both
    }

    @Test
    void singleSequenceDecodeIsHopelesslyMemoryBound() {
        RooflinePoint p = new Roofline(llama8b, h100, Precision.BF16, Precision.BF16, 1).decode(1, 1024);
        // ~15.0 GB of weights + 0.13 GB of KV over 3.35 TB/s = ~4.5 ms; ~15.5 GFLOP: intensity ~1.
        assertThat(p.memoryBound()).isTrue();
        assertThat(p.intensity()).isBetween(0.95, 1.1);
        assertThat(p.stepSeconds()).isBetween(4.3e-3, 4.7e-3);
        assertThat(p.tokensPerSecondPerUser()).isBetween(210.0, 235.0);
    }

    @Test
    void batchingRaisesIntensityUntilKvReadsDominate() {
        Roofline r = new Roofline(llama8b, h100, Precision.BF16, Precision.BF16, 1);
        double previous = 0;
        for (int b = 1; b <= 1024; b *= 2) {
            double intensity = r.decode(b, 1024).intensity();
            assertThat(intensity).isGreaterThan(previous);
            previous = intensity;
        }
        // Short context: compute-bound in the hundreds (the ridge of 295 with a little KV traffic).
        assertThat(r.decodeCrossoverBatch(128, 4096).orElseThrow()).isBetween(250, 450);
        // 8k context: each sequence's KV reads cost more bandwidth than its FLOPs: never compute-bound.
        assertThat(r.decodeCrossoverBatch(8192, 1 << 14)).isEmpty();
    }

    @Test
    void longPrefillIsComputeBound() {
        Roofline r = new Roofline(llama8b, h100, Precision.BF16, Precision.BF16, 1);
        RooflinePoint p = r.prefill(2048);
        assertThat(p.memoryBound()).isFalse();
        // 2 x 7.5e9 x 2048 + attention ~= 3.1e13 FLOPs / 989e12 = ~31 ms.
        assertThat(p.stepSeconds()).isBetween(0.030, 0.034);
        assertThat(r.prefill(16).memoryBound()).isTrue();
    }

    @Test
    void mixtureOfExpertsReadsOnlyTheExpertsABatchTouches() {
        ModelSpec moe = CATALOG.model("mixtral-8x7b");
        Roofline r = new Roofline(moe, h100, Precision.BF16, Precision.BF16, 2);
        double one = r.decode(1, 1).bytes();
        double many = r.decode(256, 1).bytes();
        // Batch 1 reads 2 of 8 experts per layer; a large batch reads all 8 (but never more).
        assertThat(one / (moe.activeParams() * 2.0)).isBetween(0.98, 1.02);
        assertThat(many).isLessThanOrEqualTo(moe.totalParams() * 2.0 + 256 * moe.kvBytesPerToken(Precision.BF16) * 2);
        assertThat(many).isGreaterThan(moe.totalParams() * 2.0 * 0.95);
    }
}
