package org.tokenfab.validation.power;

/**
 * One measured kernel of AIConfigurator's vLLM 0.22 tables with the activity it implies.
 *
 * @param acceleratorId TokenFab catalog id of the GPU ({@code h200}, {@code b200}, {@code gb200})
 * @param family the op family
 * @param dtype data type column of the table (GEMM/MoE weights, attention KV cache)
 * @param shape the row's shape, for reports and for the deterministic calibration/held-out split
 * @param latencySeconds measured time of one kernel
 * @param measuredW measured average GPU power during the benchmark, W
 * @param computeUtilisation FLOPs ÷ (latency × dense peak of the precision the kernel computes in)
 * @param memoryUtilisation minimum bytes moved ÷ (latency × peak memory bandwidth)
 * @param windowSeconds estimated length of the timed loop the power sampler saw
 * @param graphCaptured whether the collector ran the kernel from a CUDA graph (false: eager launches)
 */
public record KernelSample(
        String acceleratorId,
        KernelFamily family,
        String dtype,
        String shape,
        double latencySeconds,
        double measuredW,
        double computeUtilisation,
        double memoryUtilisation,
        double windowSeconds,
        boolean graphCaptured) {

    /**
     * Power readings settle only when the timed loop lasts about a second: at equal activity,
     * readings of shorter loops fall with the loop length (H200 bf16 GEMMs at u_c ≈ 0.6: 220 W below
     * 0.3 s, 504 W at 0.6–1 s, 674 W from 1 s), as NVML power is averaged over a window of that
     * order. Shorter loops are not evidence about the activity.
     */
    public static final double STEADY_WINDOW_SECONDS = 1.0;

    /**
     * Whether the reading can calibrate or judge a steady-state power model: a loop of at least
     * {@link #STEADY_WINDOW_SECONDS}, launched from a CUDA graph (the collector runs fp8_block GEMMs
     * eagerly, and their readings are bimodal at equal activity: on H200, m = 16384 reads a median
     * of 689 W and m = 32768 448 W for the same n, k and utilisation).
     */
    public boolean steadyState() {
        return windowSeconds >= STEADY_WINDOW_SECONDS && graphCaptured;
    }

    /** Why the reading is not steady-state, or the empty string. */
    public String exclusionReason() {
        if (!graphCaptured) {
            return "eager launches (no CUDA graph)";
        }
        if (windowSeconds < STEADY_WINDOW_SECONDS) {
            return "timed loop shorter than 1 s";
        }
        return "";
    }
}
