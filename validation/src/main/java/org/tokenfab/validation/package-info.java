/**
 * Evidence that the simulator is right. The root package holds the suite-agnostic report shape
 * ({@link org.tokenfab.validation.SuiteReport}, tables and bound checks) that
 * {@code tokenfab validate} prints and writes; each suite lives in its own sub-package:
 * {@code queueing} (the engine against closed forms), {@code kernels} (calibrated op models against
 * measured kernels, and the fit), {@code power} (the power model against measured power).
 */
package org.tokenfab.validation;
