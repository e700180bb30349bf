/**
 * What a step of work costs: the step-cost model of one engine iteration on a replica
 * ({@link org.tokenfab.hardware.cost.StepCostModel}) composed from calibrated op models (GEMM,
 * prefill and decode attention, fused MoE, collectives, element-wise kernels, host overhead),
 * and the fitted parameters they read ({@link org.tokenfab.hardware.cost.KernelCalibration}, the
 * versioned resource {@code org/tokenfab/hardware/calibration/kernels-v1.yaml} written by
 * {@code tokenfab calibrate}; the fitting code lives in {@code org.tokenfab.validation.kernels}).
 *
 * <p>Invariants: parameter records are immutable and validated; op models are pure functions of
 * their parameters, the accelerator's peaks and the shapes; the hot-path entry points
 * ({@code StepCostModel.stepNanos}, {@code evaluate}) take primitive aggregates of the batch, do
 * O(1) work, allocate nothing, and never return less time for more work. Usage for utilisation
 * and power is reported through the reusable {@link org.tokenfab.hardware.cost.StepUsage}.
 */
package org.tokenfab.hardware.cost;
