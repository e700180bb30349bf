/**
 * What a step of work costs: the step-cost model of one engine iteration on a replica (GEMMs,
 * attention, MoE, collectives, fixed costs) and its calibration against measured kernels. Pure
 * functions of the catalog entries and calibrated parameters; no engine. The hot-path entry points
 * take primitive aggregates of the batch and allocate nothing.
 */
package org.tokenfab.hardware.cost;
