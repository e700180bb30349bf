package org.tokenfab.hardware.cost;

/**
 * What one engine iteration used, per accelerator, for utilisation and power: a <b>mutable,
 * reusable</b> holder that {@link StepCostModel#evaluate} fills in place, so the hot path reports
 * usage without allocating. Keep one per replica (or per thread) and pass it to every call; it is
 * not thread-safe and is overwritten (not added to) by each evaluation.
 *
 * <p>All figures are per accelerator (one GPU of a tensor-parallel group, one chip of an SRAM
 * pipeline), for one step:
 * <ul>
 *   <li>{@link #flops}: floating-point operations executed (matmuls and attention; element-wise
 *       work is not counted).
 *   <li>{@link #memoryBytes}: bytes moved to or from device memory (HBM, or SRAM on SRAM-only
 *       chips): weights, KV cache, activations.
 *   <li>{@link #scaleUpBytes}, {@link #scaleOutBytes}: bytes this accelerator sent over the
 *       scale-up fabric (NVLink, ICI, chip-to-chip) and the scale-out network, by the collective
 *       algorithms' bus accounting (an all-reduce of S bytes on n GPUs sends 2(n-1)/n S).
 *   <li>{@link #computeNanos}: time the tensor units were busy, the sum over kernels of each
 *       kernel's compute time at its achieved efficiency, capped at the kernel's duration.
 *   <li>{@link #memoryNanos}: likewise for the memory system.
 *   <li>{@link #commNanos}: time spent in collectives and pipeline transfers (not overlapped).
 *   <li>{@link #cpuNanos}: host-side scheduling and input preparation, not overlapped.
 *   <li>{@link #totalNanos}: the step duration, equal to what {@link StepCostModel#stepNanos}
 *       returns for the same batch.
 * </ul>
 * Utilisation follows: MFU = flops / (peak x totalNanos), MBU = memoryBytes / (bandwidth x
 * totalNanos); a power model can weight {@code computeNanos / totalNanos} and
 * {@code memoryNanos / totalNanos} as activity factors. Kernels overlap compute and memory, so
 * computeNanos + memoryNanos may exceed totalNanos.
 */
public final class StepUsage {
    public double flops;
    public double memoryBytes;
    public double scaleUpBytes;
    public double scaleOutBytes;
    public double computeNanos;
    public double memoryNanos;
    public double commNanos;
    public double cpuNanos;
    public long totalNanos;

    /** Zeroes every field. */
    public void clear() {
        flops = 0;
        memoryBytes = 0;
        scaleUpBytes = 0;
        scaleOutBytes = 0;
        computeNanos = 0;
        memoryNanos = 0;
        commNanos = 0;
        cpuNanos = 0;
        totalNanos = 0;
    }

    /** Makes this a copy of {@code other}. */
    public void copyFrom(StepUsage other) {
        flops = other.flops;
        memoryBytes = other.memoryBytes;
        scaleUpBytes = other.scaleUpBytes;
        scaleOutBytes = other.scaleOutBytes;
        computeNanos = other.computeNanos;
        memoryNanos = other.memoryNanos;
        commNanos = other.commNanos;
        cpuNanos = other.cpuNanos;
        totalNanos = other.totalNanos;
    }

    /** Adds one kernel, run {@code count} times, of duration {@code nanos} with the given parts. */
    void addKernel(double count, double nanos, double flopsEach, double bytesEach, double computeEach, double memoryEach) {
        flops += count * flopsEach;
        memoryBytes += count * bytesEach;
        computeNanos += count * Math.min(nanos, computeEach);
        memoryNanos += count * Math.min(nanos, memoryEach);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "StepUsage[total %d ns, flops %.4g, memory %.4g B, scale-up %.4g B, scale-out %.4g B, compute %.0f ns, "
                        + "memory %.0f ns, comm %.0f ns, cpu %.0f ns]",
                totalNanos, flops, memoryBytes, scaleUpBytes, scaleOutBytes, computeNanos, memoryNanos, commNanos, cpuNanos);
    }
}
