package org.tokenfab.validation.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What an engine's kernel scales are keyed by, from its bundled cases (the fit itself is slow:
 * {@link EngineFitReproductionTest}).
 */
class EngineFitTest {
    private static List<ServingCase> casesOf(String engine) {
        return ServingCases.bundled().stream().filter(c -> c.engineProfile().equals(engine) && c.fitsEngineProfile()).toList();
    }

    @Test
    void anEngineWithSeveralPrecisionsGetsAScalePerPrecisionElseOnePerAccelerator() {
        // TensorRT-LLM ran FP8 (Hopper) and FP4 (Blackwell): its libraries go with the precision.
        EngineFit.KernelKeys trtllm = EngineFit.KernelKeys.of(casesOf("trtllm"));
        assertThat(trtllm.precisions()).containsExactly("fp4", "fp8");
        assertThat(trtllm.accelerators()).isEmpty();
        // The Splitwise stack ran one precision on two GPUs, each calibrated on another vLLM release.
        EngineFit.KernelKeys splitwise = EngineFit.KernelKeys.of(casesOf("splitwise-2023"));
        assertThat(splitwise.precisions()).isEmpty();
        assertThat(splitwise.accelerators()).containsExactly("a100-80gb", "h100-sxm");
        assertThat(splitwise.count()).isEqualTo(2);
        // One GPU and one precision: a single scale.
        List<ServingCase> one = casesOf("splitwise-2023").stream().filter(c -> c.name().contains("a100")).toList();
        assertThat(EngineFit.KernelKeys.of(one).count()).isEqualTo(1);
    }

    @Test
    void aCaseHeldOutWholeFitsNothingAndIsJudgedOnEveryPoint() {
        ServingCase bloom = ServingCases.bundled().stream().filter(c -> c.name().startsWith("splitwise-bloom-176b-")).findFirst()
                .orElseThrow();
        assertThat(bloom.fitsEngineProfile()).isFalse();
        for (int i = 0; i < bloom.points().size(); i++) {
            assertThat(bloom.calibrationPoint(i)).isFalse();
        }
        ServingCase llama = casesOf("splitwise-2023").get(0);
        assertThat(llama.calibrationPoint(0)).isTrue();
        assertThat(llama.calibrationPoint(1)).isFalse();
    }
}
