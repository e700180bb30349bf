package org.tokenfab.hardware.cost;

/**
 * Host-side time of one engine iteration that the GPU waits for: scheduling the batch, preparing
 * its inputs and launching the model, {@code stepNanos + nanosPerSequence x sequences}. Fitted to
 * Vidur's measured vLLM CPU overheads (A100, single-GPU models, 2024: schedule + prepare inputs +
 * model launch medians; see {@code tokenfab calibrate}).
 *
 * <p>Caveat: that engine predates vLLM's V1 scheduler and asynchronous scheduling, which are
 * cheaper per sequence and hide part of this behind the GPU; the reference data has no newer
 * measurement, so large decode batches are probably charged too much host time (about 21 us per
 * sequence, 5.8 ms at 256 sequences).
 *
 * @param stepNanos fixed part per iteration, ns
 * @param nanosPerSequence part per sequence in the batch, ns
 */
public record CpuOverhead(double stepNanos, double nanosPerSequence) {

    public CpuOverhead {
        Params.nonNegative("step_ns", stepNanos);
        Params.nonNegative("ns_per_sequence", nanosPerSequence);
    }

    /** Host time of an iteration with {@code sequences} sequences, ns (0 for an empty batch). */
    public double nanos(double sequences) {
        return sequences <= 0 ? 0 : stepNanos + nanosPerSequence * sequences;
    }
}
