package org.tokenfab.hardware.cost;

/**
 * Fitted constants of the memory-bound element-wise kernels between the GEMMs (RMSNorm with the
 * residual add, rotary embedding, the gated activation, the sampler's passes over the logits):
 * {@code t = floor + bytes / (bandwidth memoryEfficiency)}.
 *
 * @param floorNanos time of the smallest call, ns
 * @param memoryEfficiency fraction of peak bandwidth at large sizes, (0, 1]
 */
public record ElementwiseParams(double floorNanos, double memoryEfficiency) {

    public ElementwiseParams {
        Params.nonNegative("floor_ns", floorNanos);
        Params.fraction("memory_efficiency", memoryEfficiency);
    }

    /** Duration of one call moving {@code bytes} bytes on a memory of {@code bandwidth} bytes/s, ns. */
    public double nanos(double bytes, double bandwidth) {
        return bytes <= 0 ? 0 : floorNanos + bytes / (bandwidth * memoryEfficiency) * 1e9;
    }
}
