package org.tokenfab.scenario;

/**
 * How one replica spreads over accelerators.
 *
 * @param tp tensor-parallel degree: accelerators per pipeline stage (within one scale-up domain)
 * @param pp pipeline-parallel degree: stages, each holding a contiguous run of layers
 * @param ep expert-parallel degree (MoE models): 1, or a multiple of {@code tp}; beyond
 *     {@code tp}, attention runs data parallel in {@code ep / tp} groups
 */
public record ParallelismSpec(int tp, int pp, int ep) {
    /** Tensor parallelism only. */
    public ParallelismSpec(int tp) {
        this(tp, 1, 1);
    }
}
