/**
 * Calibration and validation of the step-cost model's op models against measured kernels: the
 * bundled measurements (AIConfigurator, APEX+, Vidur; see the resources' README) and their loader
 * ({@code KernelData}, {@code KernelDataImport}), the robust least-squares fits with Commons Math
 * ({@code TableFit} and one subclass per op family), {@link org.tokenfab.validation.kernels.Calibrate}
 * ({@code tokenfab calibrate}, which writes {@code kernels-v1.yaml} for
 * {@code org.tokenfab.hardware.cost}), and {@link org.tokenfab.validation.kernels.KernelValidation}
 * ({@code tokenfab validate kernels}: median and p90 error per op family and GPU, in-sample and
 * held out, with the 10% median bound). {@link org.tokenfab.validation.kernels.SuiteReport},
 * {@link org.tokenfab.validation.kernels.ReportTable} and
 * {@link org.tokenfab.validation.kernels.BoundCheck} are suite-agnostic report types.
 *
 * <p>Invariants: fits are deterministic (fixed starts, fixed fold assignment from a fixed seed);
 * predictions go through the same {@code org.tokenfab.hardware.cost} classes the simulator runs;
 * no mutable static state.
 */
package org.tokenfab.validation.kernels;

import org.tokenfab.validation.SuiteReport;
import org.tokenfab.validation.ReportTable;
import org.tokenfab.validation.BoundCheck;
