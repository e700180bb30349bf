package org.tokenfab.hardware.cost;

import java.util.Objects;

/**
 * Fitted constants of the fused mixture-of-experts model ({@link MoeModel}) for one accelerator,
 * weight precision and engine version.
 *
 * @param computeEfficiency fraction of the dense peak large grouped GEMMs reach, (0, 1]
 * @param tokensPerExpertHalf tokens per active expert at which the efficiency is halved (each
 *     expert's rows are padded to a tile)
 * @param widthHalf expert width (intermediate size on this GPU) at which narrow experts halve it
 * @param memoryEfficiency fraction of peak bandwidth streaming expert weights, (0, 1]
 * @param expertsHalf active experts at which too few parallel expert GEMMs halve the bandwidth
 * @param floorNanos shortest call, ns
 * @param hiddenBytesPerAssignment activation traffic per (token, expert) assignment in units of
 *     16-bit hidden vectors: gather, scatter and the top-k sum, which the engine does for every
 *     assignment even when expert parallelism leaves the expert on another GPU
 * @param intermediateBytesPerAssignment the same in units of 16-bit intermediate vectors (the
 *     gate/up output and the activation)
 * @param exponent p-norm exponent, at least 1
 * @param correction per-power-of-two factor over the token count (the engine picks kernel
 *     configurations by it)
 */
public record MoeParams(double computeEfficiency, double tokensPerExpertHalf, double widthHalf, double memoryEfficiency,
        double expertsHalf, double floorNanos, double hiddenBytesPerAssignment, double intermediateBytesPerAssignment,
        double exponent, CorrectionCurve correction) {

    public MoeParams {
        Objects.requireNonNull(correction, "correction");
        Params.fraction("compute_efficiency", computeEfficiency);
        Params.nonNegative("tokens_per_expert_half", tokensPerExpertHalf);
        Params.nonNegative("width_half", widthHalf);
        Params.fraction("memory_efficiency", memoryEfficiency);
        Params.nonNegative("experts_half", expertsHalf);
        Params.nonNegative("floor_ns", floorNanos);
        Params.nonNegative("hidden_vectors_per_assignment", hiddenBytesPerAssignment);
        Params.nonNegative("intermediate_vectors_per_assignment", intermediateBytesPerAssignment);
        Params.exponent(exponent);
    }
}
