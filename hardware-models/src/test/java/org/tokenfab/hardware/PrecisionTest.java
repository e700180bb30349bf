package org.tokenfab.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tokenfab.sim.TokenFabException;

class PrecisionTest {
    @Test
    void atLeastAsWideListsTheFormatsWeightsMayBeMultipliedIn() {
        assertThat(Precision.FP4.atLeastAsWide()).containsExactly(Precision.values());
        assertThat(Precision.FP8.atLeastAsWide()).containsExactly(Precision.FP32, Precision.BF16, Precision.FP16,
                Precision.FP8, Precision.INT8);
        assertThat(Precision.BF16.atLeastAsWide()).containsExactly(Precision.FP32, Precision.BF16, Precision.FP16);
        assertThat(Precision.FP32.atLeastAsWide()).containsExactly(Precision.FP32);
    }

    @Test
    void parsesYamlNames() {
        for (Precision p : Precision.values()) {
            assertThat(Precision.parse(p.yamlName())).isSameAs(p);
        }
        assertThat(Precision.parse(" BF16 ")).isSameAs(Precision.BF16);
    }

    @Test
    void bytesPerElement() {
        assertThat(Precision.FP32.bytesPerElement()).isEqualTo(4);
        assertThat(Precision.BF16.bytesPerElement()).isEqualTo(2);
        assertThat(Precision.FP16.bytesPerElement()).isEqualTo(2);
        assertThat(Precision.FP8.bytesPerElement()).isEqualTo(1);
        assertThat(Precision.INT8.bytesPerElement()).isEqualTo(1);
        assertThat(Precision.FP4.bytesPerElement()).isEqualTo(0.5);
    }

    @Test
    void storedWeightsCarryTheirBlockScalesAndQuantizedCheckpointsKeepEmbeddingsInSixteenBits() {
        assertThat(Precision.FP4.storedBytesPerWeight()).isEqualTo(0.5625); // NVFP4: 4 bits + an 8-bit scale per 16
        assertThat(Precision.FP8.storedBytesPerWeight()).isEqualTo(1);
        assertThat(Precision.BF16.storedBytesPerWeight()).isEqualTo(2);
        assertThat(Precision.FP32.storedBytesPerWeight()).isEqualTo(4);
        for (Precision p : Precision.values()) {
            assertThat(p.quantized()).as(p.yamlName()).isEqualTo(p.bytesPerElement() < 2);
            assertThat(p.embeddingBytesPerWeight()).as(p.yamlName()).isEqualTo(p.quantized() ? 2 : p.bytesPerElement());
        }
    }

    @Test
    void unknownNameListsTheAllowed() {
        assertThatThrownBy(() -> Precision.parse("fp6"))
                .isInstanceOf(TokenFabException.class)
                .hasMessage("unknown precision 'fp6'; allowed: fp32, bf16, fp16, fp8, int8, fp4");
    }
}
