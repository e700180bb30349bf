package org.tokenfab.hardware.cost;

import java.util.Objects;

/**
 * Fitted constants of the GEMM model ({@link GemmModel}) for one accelerator, precision and
 * engine version.
 *
 * @param computeEfficiency fraction of the dense peak a large GEMM reaches, in (0, 1]
 * @param mHalf rows (tokens) at which the compute efficiency is halved by the m-dependence
 * @param nHalf output columns at which it is halved by the n-dependence
 * @param kHalf reduction depth at which it is halved by the k-dependence
 * @param memoryEfficiency fraction of peak memory bandwidth a weight-streaming GEMM reaches, (0, 1]
 * @param floorNanos the shortest any call takes (launch, prologue, quantisation kernels), ns
 * @param exponent p of the p-norm joining compute, memory and floor times, at least 1
 * @param correction per-power-of-two-of-m factor (kernel selection by m)
 */
public record GemmParams(double computeEfficiency, double mHalf, double nHalf, double kHalf, double memoryEfficiency,
        double floorNanos, double exponent, CorrectionCurve correction) {

    public GemmParams {
        Objects.requireNonNull(correction, "correction");
        Params.fraction("compute_efficiency", computeEfficiency);
        Params.fraction("memory_efficiency", memoryEfficiency);
        Params.nonNegative("m_half", mHalf);
        Params.nonNegative("n_half", nHalf);
        Params.nonNegative("k_half", kHalf);
        Params.nonNegative("floor_ns", floorNanos);
        Params.exponent(exponent);
    }
}
