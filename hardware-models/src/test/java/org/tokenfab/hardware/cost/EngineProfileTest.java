package org.tokenfab.hardware.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Deployment;
import org.tokenfab.hardware.Precision;
import org.tokenfab.sim.TokenFabException;

/** Engine profiles scale kernel and collective time by one factor and host time by another, nothing else. */
class EngineProfileTest {
    private static final Catalog CATALOG = Catalog.builtIn();
    private static final Deployment H100_70B_TP4 = new Deployment(CATALOG.model("llama-3.1-70b"), CATALOG.accelerator("h100-sxm"),
            4, Precision.BF16, Precision.BF16);

    private static StepUsage step(EngineProfile engine) {
        StepUsage u = new StepUsage();
        new StepCostModel(H100_70B_TP4, engine).evaluate(1, 512, StepCostModel.causalPairs(0, 512), 0, 32, 32 * 2000L, u);
        return u;
    }

    @Test
    void scalesSplitTheStepIntoKernelAndHostTime() {
        StepUsage vllm = step(EngineProfile.VLLM);
        StepUsage twiceKernels = step(EngineProfile.VLLM.withScales(2, 1));
        StepUsage noHost = step(EngineProfile.VLLM.withScales(1, 0));
        double kernelsAndComm = vllm.totalNanos - vllm.cpuNanos;
        assertThat(vllm.cpuNanos).isPositive();
        assertThat(vllm.commNanos).isPositive(); // tp 4: all-reduces
        assertThat((double) twiceKernels.totalNanos).isCloseTo(2 * kernelsAndComm + vllm.cpuNanos, within(2.0));
        assertThat(twiceKernels.commNanos).isCloseTo(2 * vllm.commNanos, within(1e-6));
        assertThat((double) noHost.totalNanos).isCloseTo(kernelsAndComm, within(2.0));
        // Work done is the engine's input, not its speed: FLOPs and bytes do not change.
        assertThat(twiceKernels.flops).isEqualTo(vllm.flops);
        assertThat(twiceKernels.memoryBytes).isEqualTo(vllm.memoryBytes);
    }

    @Test
    void bundledProfilesStartWithVllmAtOneAndNameUnknownEngines() {
        EngineProfiles profiles = EngineProfiles.builtIn();
        assertThat(profiles.ids()).startsWith("vllm").contains("trtllm", "splitwise-2023");
        assertThat(profiles.get("vllm")).isEqualTo(EngineProfile.VLLM);
        assertThat(profiles.get("trtllm").source()).isNotBlank();
        assertThatThrownBy(() -> profiles.get("trt-llm")).isInstanceOf(TokenFabException.class)
                .hasMessageContaining("unknown engine 'trt-llm'").hasMessageContaining("trtllm");
        assertThatThrownBy(() -> EngineProfile.VLLM.withScales(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
