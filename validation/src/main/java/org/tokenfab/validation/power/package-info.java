/**
 * Evidence for the power model: the calibration fit that writes
 * {@code hardware-models/.../power/power-calibration.yaml} ({@link
 * org.tokenfab.validation.power.PowerCalibration}) and the comparison of the bundled calibration
 * with measured power ({@link org.tokenfab.validation.power.PowerValidation}).
 *
 * <p>Data (copied with their licences into the validation resources and pinned by checksum in this
 * package's {@code data/MANIFEST.csv}, see its README): AIConfigurator's vLLM 0.22.0 kernel power
 * tables (H200, B200, GB200; the kernels suite's copy), the ML.ENERGY v3 H100 runs, and
 * SplitwiseSim's power-capped H100 table.
 *
 * <p>Invariants: calibration and validation data are kept apart and reported apart (a fixed hash
 * splits kernel rows; whole models are held out of the ML.ENERGY fit); nothing is tuned per case;
 * results are deterministic; readings that cannot reflect steady-state power (timed loops under
 * 1 s, eager launches) are reported separately with the reason, never silently dropped.
 */
package org.tokenfab.validation.power;
