package org.tokenfab.hardware.cost;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.tokenfab.hardware.Precision;
import org.tokenfab.sim.TokenFabException;

/**
 * How a serving engine's iteration differs from the one the kernel calibration measured (vLLM's
 * kernels, collectives and host overheads). With {@code g} the calibrated GPU kernel time of a
 * step, {@code c} its collectives and {@code h} its host overhead:
 * <pre>
 *   t_step = max(kernelScale x g + c', launchFloor) + hostScale x h
 * </pre>
 * where {@code c'} is {@code c} with every collective's latency multiplied by {@code commLatencyScale}
 * and its transfer time by {@code commBandwidthScale}.
 * <ul>
 *   <li>{@code kernelScale}: the engine's kernels against vLLM's, per weight precision where the
 *       engine was measured with several (an engine's GEMM and attention libraries differ per
 *       precision: TensorRT-LLM's FP8 path on Hopper is not its FP4 path on Blackwell), else per
 *       accelerator where it was measured on several (the calibration it is compared with is a
 *       different vLLM release and kernel library on each GPU: vLLM 0.14 with FlashAttention 2 on
 *       the A100, 0.24 with FlashAttention 3 on the H100);
 *   <li>{@code commLatencyScale} and {@code commBandwidthScale}: its collectives against vLLM's
 *       (custom all-reduce for small messages, NCCL above), the fixed cost of each and the time per
 *       byte apart: an engine on plain NCCL pays more per small all-reduce, and one whose large
 *       all-reduces do not reach NCCL's bus bandwidth (another library, another precision, no
 *       overlap) pays more per byte, which grows with the tensor-parallel group;
 *   <li>{@code launchFloor}: an engine that launches kernels from Python without CUDA graphs
 *       ("eager" mode) cannot finish a forward pass before the host has issued every kernel of it;
 *       the GPU works behind the host, so the step takes the longer of the two. The floor
 *       ({@link LaunchFloor}) is per layer, grows with the sequences of the step and is higher
 *       for a step that prefills; it is per accelerator, because it is the speed of the host CPU
 *       of the system that accelerator was measured in. Empty for engines with CUDA graphs or a
 *       C++ runtime (vLLM, TensorRT-LLM), whose host work is the additive {@code h};
 *   <li>{@code hostScale}: host work the GPU waits for (scheduling, input preparation, sampling).
 * </ul>
 * vLLM is all 1 and no floor by construction; other engines are fitted on a calibration split of
 * their own published measurements ({@code tokenfab calibrate engines}) and validated on the
 * held-out split.
 *
 * @param id          the name scenarios use ({@code engine:} on a pool)
 * @param name        what it is, for people
 * @param kernelScale multiplier of GPU kernel time, > 0 (precisions not in the map below)
 * @param kernelScaleByPrecision per weight precision ({@code bf16}, {@code fp8}, {@code fp4}): its own
 *                    multiplier, > 0 (empty: {@code kernelScale} for all)
 * @param kernelScaleByAccelerator per accelerator id: its own multiplier, > 0, which takes
 *                    precedence over the per-precision one (empty: none)
 * @param commLatencyScale   multiplier of the fixed cost of each collective and pipeline transfer, > 0
 * @param commBandwidthScale multiplier of their time per byte (divisor of their bus bandwidth), > 0
 * @param hostScale   multiplier of host overhead, >= 0
 * @param launchFloors per accelerator id: the host time to launch a step's kernels (empty: the
 *                    engine's launches are not on the critical path)
 * @param source      where the numbers come from
 */
public record EngineProfile(String id, String name, double kernelScale, Map<String, Double> kernelScaleByPrecision,
        Map<String, Double> kernelScaleByAccelerator, double commLatencyScale, double commBandwidthScale, double hostScale, Map<String, LaunchFloor> launchFloors,
        String source) {
    /** vLLM: the engine the kernel calibration measured. */
    public static final EngineProfile VLLM = new EngineProfile("vllm", "vLLM (V1 engine)", 1.0, Map.of(), Map.of(), 1.0, 1.0, 1.0, Map.of(),
            "by construction: the kernel calibration's kernels and host overheads are vLLM's");

    /** An engine with one kernel scale for every precision, one scale of its collectives and no launch floor. */
    public EngineProfile(String id, String name, double kernelScale, double commScale, double hostScale, String source) {
        this(id, name, kernelScale, Map.of(), Map.of(), commScale, commScale, hostScale, Map.of(), source);
    }

    public EngineProfile {
        if (!positive(kernelScale) || !positive(commLatencyScale) || !positive(commBandwidthScale) || !(hostScale >= 0)
                || Double.isInfinite(hostScale)) {
            throw new IllegalArgumentException("engine " + id + ": kernel_scale, comm_latency_scale and comm_bandwidth_scale must be"
                    + " > 0 and host_scale >= 0, were " + kernelScale + ", " + commLatencyScale + ", " + commBandwidthScale + ", "
                    + hostScale);
        }
        kernelScaleByPrecision = Map.copyOf(kernelScaleByPrecision);
        kernelScaleByAccelerator = Map.copyOf(kernelScaleByAccelerator);
        for (Map<String, Double> scales : List.of(kernelScaleByPrecision, kernelScaleByAccelerator)) {
            for (var e : scales.entrySet()) {
                if (!positive(e.getValue())) {
                    throw new IllegalArgumentException("engine " + id + ": kernel_scale of " + e.getKey() + " must be > 0, was "
                            + e.getValue());
                }
            }
        }
        launchFloors = Map.copyOf(launchFloors);
    }

    private static boolean positive(double v) {
        return v > 0 && !Double.isInfinite(v);
    }

    /** The same engine with other scales (collectives: latency and bandwidth alike), same per-key kernel scales and floors. */
    public EngineProfile withScales(double kernel, double comm, double host) {
        return withScales(kernel, comm, comm, host);
    }

    /** The same engine with other scales, same per-key kernel scales and floors (fitting). */
    public EngineProfile withScales(double kernel, double commLatency, double commBandwidth, double host) {
        return new EngineProfile(id, name, kernel, kernelScaleByPrecision, kernelScaleByAccelerator, commLatency, commBandwidth, host,
                launchFloors, source);
    }

    /** The same engine with its kernels for weights of {@code precision} at {@code scale} (fitting). */
    public EngineProfile withKernelScale(String precision, double scale) {
        Map<String, Double> m = new TreeMap<>(kernelScaleByPrecision);
        m.put(precision, scale);
        return new EngineProfile(id, name, kernelScale, m, kernelScaleByAccelerator, commLatencyScale, commBandwidthScale, hostScale,
                launchFloors, source);
    }

    /** The same engine with its kernels on {@code accelerator} at {@code scale} (fitting). */
    public EngineProfile withAcceleratorKernelScale(String accelerator, double scale) {
        Map<String, Double> m = new TreeMap<>(kernelScaleByAccelerator);
        m.put(accelerator, scale);
        return new EngineProfile(id, name, kernelScale, kernelScaleByPrecision, m, commLatencyScale, commBandwidthScale, hostScale,
                launchFloors, source);
    }

    /** The same engine with {@code floor} on {@code accelerator} (fitting). */
    public EngineProfile withLaunchFloor(String accelerator, LaunchFloor floor) {
        Map<String, LaunchFloor> m = new TreeMap<>(launchFloors);
        m.put(accelerator, floor);
        return new EngineProfile(id, name, kernelScale, kernelScaleByPrecision, kernelScaleByAccelerator, commLatencyScale,
                commBandwidthScale, hostScale, m, source);
    }

    /**
     * The kernel scale on {@code accelerator} for weights of {@code precision}: the accelerator's own
     * where the engine has one, else the precision's own where it has one, else {@link #kernelScale}
     * (for a fitted engine with per-key scales, their geometric mean: a stand-in, not a measurement).
     */
    public double kernelScale(String accelerator, Precision weights) {
        Double own = kernelScaleByAccelerator.get(accelerator);
        return own != null ? own : kernelScaleByPrecision.getOrDefault(weights.yamlName(), kernelScale);
    }

    /** Whether this engine's steps are bounded below by the host launching kernels. */
    public boolean launchBound() {
        return !launchFloors.isEmpty();
    }

    /**
     * The launch floor of this engine's steps on {@code accelerator} ({@link LaunchFloor#NONE} for an
     * engine that is not launch-bound).
     *
     * @throws TokenFabException if the engine is launch-bound and was never measured on that accelerator
     */
    public LaunchFloor launchFloor(String accelerator) {
        if (launchFloors.isEmpty()) {
            return LaunchFloor.NONE;
        }
        LaunchFloor floor = launchFloors.get(accelerator);
        if (floor == null) {
            String measured = String.join(", ", new TreeMap<>(launchFloors).keySet());
            throw new TokenFabException("engine " + id + " launches kernels from the host without CUDA graphs; its step floor"
                    + " (the speed of the host CPU of the system it ran in) was measured only with " + measured + ", not with "
                    + accelerator + "; allowed accelerators for this engine: " + measured);
        }
        return floor;
    }
}
