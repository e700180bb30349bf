package org.tokenfab.hardware.cost;

import org.tokenfab.hardware.Precision;

import java.util.Objects;

/**
 * The tunable constants of the roofline step-cost model: how far below datasheet peaks real
 * kernels run, and the fixed costs a roofline does not see. Calibration (a later issue) fits these
 * per accelerator and engine against measured kernel and serving data; {@link #DEFAULT} holds the
 * priors.
 *
 * <p>Sources of the defaults, all from {@code shared/reference/hardware-specs.md}, Part 3:
 * <ul>
 *   <li>{@code computeEfficiency} 0.55: "Achieved efficiencies reported": prefill MFU 40-70% (rule
 *       of thumb of simulator and engine authors, [V3]); Azure GB200 measured FP8 GEMM at ~55% of
 *       dense peak [P5]. We take the middle of the range.
 *   <li>{@code memoryEfficiency} 0.75: same section, decode MBU 50-80% [V3]; HBM microbenchmarks
 *       reach 92% [P5], so well-tuned decode kernels sit in the upper part of the range.
 *   <li>{@code stepOverheadNanos} 0.5 ms: the same section notes CPU scheduling is a major
 *       bottleneck at small batch on H100 [V3] but gives no figure. Vidur's measured vLLM CPU
 *       overheads ({@code reference/vidur/data/profiling/a100/cpu_overheads.csv}, Llama-2-7B,
 *       TP1, batch 8, medians) give schedule 0.16 ms + prepare-inputs 0.34 ms ~ 0.5 ms, while
 *       sampling and output processing (another ~0.7 ms there) overlap GPU work in vLLM >= 0.6
 *       (async output processing, [V3]). Low confidence; it grows with batch size in that table,
 *       which a calibrated model should capture.
 *   <li>{@code allReduceLatencyNanos} 8 us: "Tensor-parallel communication": alpha ~5-10 us per
 *       collective on NVLink, and the worked example uses 8 us.
 *   <li>{@code activations} BF16: all-reduced activations are BF16 even with FP8 weights (same
 *       section: "S = tokens_in_step*d*b_act (decode: B*d*2 bytes for BF16 activations)").
 * </ul>
 *
 * @param computeEfficiency achieved fraction of dense peak FLOP/s (MFU), in (0, 1]
 * @param memoryEfficiency achieved fraction of peak memory bandwidth (MBU), in (0, 1]
 * @param stepOverheadNanos fixed cost per engine iteration (CPU scheduling, input preparation,
 *     kernel launches not hidden by CUDA graphs), not overlapped with GPU work, ns
 * @param allReduceLatencyNanos latency term (alpha) of one tensor-parallel all-reduce, ns
 * @param activations precision of the activations moved by tensor-parallel all-reduces
 */
public record RooflineCalibration(
        double computeEfficiency,
        double memoryEfficiency,
        long stepOverheadNanos,
        long allReduceLatencyNanos,
        Precision activations) {

    /** The priors described in the class comment. */
    public static final RooflineCalibration DEFAULT = new RooflineCalibration(0.55, 0.75, 500_000L, 8_000L, Precision.BF16);

    public RooflineCalibration {
        Objects.requireNonNull(activations, "activations");
        if (!(computeEfficiency > 0 && computeEfficiency <= 1)) {
            throw new IllegalArgumentException("computeEfficiency must be in (0, 1], got " + computeEfficiency);
        }
        if (!(memoryEfficiency > 0 && memoryEfficiency <= 1)) {
            throw new IllegalArgumentException("memoryEfficiency must be in (0, 1], got " + memoryEfficiency);
        }
        if (stepOverheadNanos < 0 || allReduceLatencyNanos < 0) {
            throw new IllegalArgumentException("overheads must be >= 0 ns, got step " + stepOverheadNanos
                    + ", all-reduce " + allReduceLatencyNanos);
        }
    }

    public RooflineCalibration withComputeEfficiency(double v) {
        return new RooflineCalibration(v, memoryEfficiency, stepOverheadNanos, allReduceLatencyNanos, activations);
    }

    public RooflineCalibration withMemoryEfficiency(double v) {
        return new RooflineCalibration(computeEfficiency, v, stepOverheadNanos, allReduceLatencyNanos, activations);
    }

    public RooflineCalibration withStepOverheadNanos(long v) {
        return new RooflineCalibration(computeEfficiency, memoryEfficiency, v, allReduceLatencyNanos, activations);
    }

    public RooflineCalibration withAllReduceLatencyNanos(long v) {
        return new RooflineCalibration(computeEfficiency, memoryEfficiency, stepOverheadNanos, v, activations);
    }
}
