package org.tokenfab.hardware.cost;

/**
 * How a serving engine's iteration differs from the one the kernel calibration measured (vLLM's
 * kernels and host overheads): GPU kernel and collective time is multiplied by
 * {@code kernelScale}, host overhead (scheduling, input preparation) by {@code hostScale}. vLLM is
 * 1 and 1 by construction; other engines are fitted on a calibration split of their own published
 * measurements ({@code tokenfab calibrate engines}) and validated on the held-out split.
 *
 * @param id          the name scenarios use ({@code engine:} on a pool)
 * @param name        what it is, for people
 * @param kernelScale multiplier of kernel and collective time, > 0
 * @param hostScale   multiplier of host overhead, >= 0
 * @param source      where the two numbers come from
 */
public record EngineProfile(String id, String name, double kernelScale, double hostScale, String source) {
    /** vLLM: the engine the kernel calibration measured. */
    public static final EngineProfile VLLM = new EngineProfile("vllm", "vLLM (V1 engine)", 1.0, 1.0,
            "by construction: the kernel calibration's kernels and host overheads are vLLM's");

    public EngineProfile {
        if (!(kernelScale > 0) || !(hostScale >= 0) || Double.isInfinite(kernelScale) || Double.isInfinite(hostScale)) {
            throw new IllegalArgumentException("engine " + id + ": kernel_scale must be > 0 and host_scale >= 0, were "
                    + kernelScale + ", " + hostScale);
        }
    }

    /** The same engine with other scales (fitting). */
    public EngineProfile withScales(double kernel, double host) {
        return new EngineProfile(id, name, kernel, host, source);
    }
}
