package org.tokenfab.hardware.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Deployment;
import org.tokenfab.hardware.Precision;
import org.tokenfab.sim.TokenFabException;

/**
 * Engine profiles scale kernel, collective and host time, and a launch-bound engine's step never
 * ends before the host has launched its kernels; nothing else changes.
 */
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
        StepUsage twiceKernels = step(EngineProfile.VLLM.withScales(2, 2, 1));
        StepUsage noHost = step(EngineProfile.VLLM.withScales(1, 1, 0));
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
    void commScaleScalesOnlyTheCollectives() {
        StepUsage vllm = step(EngineProfile.VLLM);
        StepUsage slowComm = step(EngineProfile.VLLM.withScales(1, 3, 1));
        assertThat(slowComm.commNanos).isCloseTo(3 * vllm.commNanos, within(1e-6));
        assertThat((double) slowComm.totalNanos).isCloseTo(vllm.totalNanos + 2 * vllm.commNanos, within(2.0));
        assertThat(slowComm.cpuNanos).isEqualTo(vllm.cpuNanos);
    }

    @Test
    void theBandwidthScaleWeighsOnLargeCollectivesMoreThanOnSmallOnes() {
        EngineProfile slowBytes = EngineProfile.VLLM.withScales(1, 1, 4, 1);
        // 8,192 prompt tokens (8 x 16 KiB per token per all-reduce: bandwidth-bound) against 32 decoding
        // sequences (latency-bound messages).
        StepUsage bigVllm = new StepUsage();
        StepUsage bigSlow = new StepUsage();
        new StepCostModel(H100_70B_TP4, EngineProfile.VLLM).evaluate(1, 8192, StepCostModel.causalPairs(0, 8192), 0, 0, 0, bigVllm);
        new StepCostModel(H100_70B_TP4, slowBytes).evaluate(1, 8192, StepCostModel.causalPairs(0, 8192), 0, 0, 0, bigSlow);
        StepUsage smallVllm = new StepUsage();
        StepUsage smallSlow = new StepUsage();
        new StepCostModel(H100_70B_TP4, EngineProfile.VLLM).evaluate(0, 0, 0, 0, 32, 32 * 2000L, smallVllm);
        new StepCostModel(H100_70B_TP4, slowBytes).evaluate(0, 0, 0, 0, 32, 32 * 2000L, smallSlow);
        double big = bigSlow.commNanos / bigVllm.commNanos;
        double small = smallSlow.commNanos / smallVllm.commNanos;
        assertThat(big).isGreaterThan(3).isLessThanOrEqualTo(4);
        assertThat(small).isGreaterThanOrEqualTo(1).isLessThan(big);
        assertThat((double) (bigSlow.totalNanos - bigVllm.totalNanos)).isCloseTo(bigSlow.commNanos - bigVllm.commNanos, within(1.0));
    }

    @Test
    void aPerPrecisionKernelScaleAppliesToThatWeightPrecisionOnly() {
        EngineProfile perPrecision = EngineProfile.VLLM.withKernelScale("fp8", 2);
        Deployment fp8 = new Deployment(CATALOG.model("llama-3.1-70b"), CATALOG.accelerator("h100-sxm"), 4, Precision.FP8,
                Precision.FP8);
        StepUsage vllm8 = new StepUsage();
        StepUsage scaled8 = new StepUsage();
        new StepCostModel(fp8, EngineProfile.VLLM).evaluate(0, 0, 0, 0, 32, 32 * 2000L, vllm8);
        new StepCostModel(fp8, perPrecision).evaluate(0, 0, 0, 0, 32, 32 * 2000L, scaled8);
        double kernels = vllm8.totalNanos - vllm8.cpuNanos - vllm8.commNanos;
        assertThat((double) scaled8.totalNanos).isCloseTo(vllm8.totalNanos + kernels, within(2.0));
        // bf16 weights are not fp8: the default scale (1) serves them.
        assertThat(step(perPrecision).totalNanos).isEqualTo(step(EngineProfile.VLLM).totalNanos);
        assertThat(perPrecision.kernelScale("h100-sxm", Precision.FP8)).isEqualTo(2);
        assertThat(perPrecision.kernelScale("h100-sxm", Precision.BF16)).isEqualTo(1);
    }

    @Test
    void aPerAcceleratorKernelScaleAppliesOnThatAcceleratorOnlyAndBeforeThePrecisionsOwn() {
        EngineProfile perAccelerator = EngineProfile.VLLM.withKernelScale("bf16", 3).withAcceleratorKernelScale("h100-sxm", 2);
        StepUsage vllm = step(EngineProfile.VLLM);
        StepUsage scaled = step(perAccelerator);
        double kernels = vllm.totalNanos - vllm.cpuNanos - vllm.commNanos;
        assertThat((double) scaled.totalNanos).isCloseTo(vllm.totalNanos + kernels, within(2.0));
        assertThat(perAccelerator.kernelScale("h100-sxm", Precision.BF16)).isEqualTo(2);
        // Another accelerator: the precision's own scale, else the default.
        assertThat(perAccelerator.kernelScale("a100-80gb", Precision.BF16)).isEqualTo(3);
        assertThat(perAccelerator.kernelScale("a100-80gb", Precision.FP8)).isEqualTo(1);
        assertThatThrownBy(() -> EngineProfile.VLLM.withAcceleratorKernelScale("h100-sxm", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel_scale of h100-sxm must be > 0");
    }

    @Test
    void aLaunchFloorBoundsTheStepBelowAndCountsAsHostTime() {
        StepUsage vllm = step(EngineProfile.VLLM);
        double gpuAndComm = vllm.totalNanos - vllm.cpuNanos;
        int layers = CATALOG.model("llama-3.1-70b").layers();
        // A floor above the GPU work: the step is floor + host, the difference is time the GPU waits.
        double perLayer = 2 * gpuAndComm / layers;
        StepUsage floored = step(EngineProfile.VLLM.withLaunchFloor("h100-sxm", LaunchFloor.perLayer(perLayer)));
        assertThat((double) floored.totalNanos).isCloseTo(perLayer * layers + vllm.cpuNanos, within(2.0));
        assertThat(floored.cpuNanos).isCloseTo(vllm.cpuNanos + perLayer * layers - gpuAndComm, within(2.0));
        assertThat(floored.flops).isEqualTo(vllm.flops);
        // A floor below it changes nothing.
        StepUsage under = step(EngineProfile.VLLM.withLaunchFloor("h100-sxm", LaunchFloor.perLayer(0.5 * gpuAndComm / layers)));
        assertThat(under.totalNanos).isEqualTo(vllm.totalNanos);
        assertThat(under.cpuNanos).isEqualTo(vllm.cpuNanos);
    }

    @Test
    void theLaunchFloorGrowsWithTheSequencesAndWhenTheStepPrefills() {
        int layers = CATALOG.model("llama-3.1-70b").layers();
        // Far above the GPU work of either step (tens of ms): 80 ms and more.
        EngineProfile eager = EngineProfile.VLLM.withLaunchFloor("h100-sxm", new LaunchFloor(1_000_000, 10_000, 500_000));
        StepUsage vllmDecode = new StepUsage();
        StepUsage eagerDecode = new StepUsage();
        new StepCostModel(H100_70B_TP4, EngineProfile.VLLM).evaluate(0, 0, 0, 0, 32, 32 * 2000L, vllmDecode);
        new StepCostModel(H100_70B_TP4, eager).evaluate(0, 0, 0, 0, 32, 32 * 2000L, eagerDecode);
        // 32 decoding sequences: layers x (1 ms + 32 x 10 us), then the host overhead.
        assertThat((double) eagerDecode.totalNanos).isCloseTo(layers * (1_000_000 + 32 * 10_000.0) + vllmDecode.cpuNanos, within(2.0));
        // One more sequence, and it prefills: + 10 us and + 0.5 ms per layer.
        StepUsage vllmMixed = step(EngineProfile.VLLM);
        StepUsage eagerMixed = step(eager);
        assertThat((double) eagerMixed.totalNanos).isCloseTo(layers * (1_500_000 + 33 * 10_000.0) + vllmMixed.cpuNanos, within(2.0));
        assertThatThrownBy(() -> new LaunchFloor(1, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLaunchBoundEngineOnAnAcceleratorItWasNotMeasuredWithIsAnError() {
        EngineProfile eager = EngineProfile.VLLM.withLaunchFloor("a100-80gb", LaunchFloor.perLayer(500_000));
        assertThatThrownBy(() -> step(eager)).isInstanceOf(TokenFabException.class)
                .hasMessageContaining("measured only with a100-80gb, not with h100-sxm")
                .hasMessageContaining("allowed accelerators for this engine: a100-80gb");
    }

    @Test
    void bundledProfilesStartWithVllmAtOneAndNameUnknownEngines() {
        EngineProfiles profiles = EngineProfiles.builtIn();
        assertThat(profiles.ids()).startsWith("vllm").contains("trtllm", "splitwise-2023");
        assertThat(profiles.get("vllm")).isEqualTo(EngineProfile.VLLM);
        assertThat(profiles.get("trtllm").source()).isNotBlank();
        assertThatThrownBy(() -> profiles.get("trt-llm")).isInstanceOf(TokenFabException.class)
                .hasMessageContaining("unknown engine 'trt-llm'").hasMessageContaining("trtllm");
        assertThatThrownBy(() -> EngineProfile.VLLM.withScales(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngineProfile.VLLM.withScales(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngineProfile.VLLM.withLaunchFloor("h100-sxm", LaunchFloor.perLayer(-1))).isInstanceOf(IllegalArgumentException.class);
        // The Splitwise stack is launch-bound on both systems it was measured in; TensorRT-LLM is not.
        assertThat(profiles.get("splitwise-2023").launchFloors()).containsOnlyKeys("a100-80gb", "h100-sxm");
        assertThat(profiles.get("trtllm").launchBound()).isFalse();
        // TensorRT-LLM was measured with FP8 (Hopper) and FP4 (Blackwell) weights: a scale for each.
        assertThat(profiles.get("trtllm").kernelScaleByPrecision()).containsOnlyKeys("fp4", "fp8");
        assertThat(profiles.get("splitwise-2023").kernelScaleByPrecision()).isEmpty();
        // The Splitwise stack ran one precision on two GPUs, each calibrated on another vLLM: a scale for each GPU.
        assertThat(profiles.get("splitwise-2023").kernelScaleByAccelerator()).containsOnlyKeys("a100-80gb", "h100-sxm");
        assertThat(profiles.get("trtllm").kernelScaleByAccelerator()).isEmpty();
    }
}
