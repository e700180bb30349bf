package org.tokenfab.scenario;

/** Tensor-parallel degree: accelerators per replica. */
public record ParallelismSpec(int tp) {
}
