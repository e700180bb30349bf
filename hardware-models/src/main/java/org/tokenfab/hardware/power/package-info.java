/**
 * Accelerator power: how many watts a step draws from how busy it keeps compute and memory, what a
 * power cap (DVFS) does to a step's duration and power, and the calibrated parameters per
 * accelerator with priors for the rest.
 *
 * <p>What lives here:
 * <ul>
 *   <li>{@link org.tokenfab.hardware.power.PowerModel}: P = idle + active + compute·u_c +
 *       memory·u_m, clamped to [idle, TDP]; energy of a step.
 *   <li>{@link org.tokenfab.hardware.power.PowerCap} and
 *       {@link org.tokenfab.hardware.power.CappedStep}: a power limit below TDP, solved per step.
 *   <li>{@link org.tokenfab.hardware.power.PowerParameters}: the numbers, each with its source.
 *   <li>{@link org.tokenfab.hardware.power.PowerCatalog}: the bundled calibration
 *       ({@code power-calibration.yaml}, written by {@code org.tokenfab.validation.power}) and
 *       priors for accelerators without measurements.
 * </ul>
 *
 * <p>Invariants:
 * <ul>
 *   <li>Power is never below idle and never above TDP or the cap; it never decreases when compute
 *       or memory activity grows; a cap never shortens a step.
 *   <li>The per-step methods ({@code PowerModel.watts}, {@code PowerModel.joules},
 *       {@code PowerCap.evaluate}) take primitives, allocate nothing and read only final fields.
 *   <li>Every parameter carries a source and a confidence; priors are low-preliminary and say so.
 *       No mutable static state; the bundled calibration is loaded once into an immutable object.
 *   <li>Node overhead (CPU, NIC, fans) and facility PUE are not here: the serving layer adds them.
 * </ul>
 */
package org.tokenfab.hardware.power;
