package org.tokenfab.scenario;

/**
 * N identical replicas of the model.
 *
 * @param name        pool name, unique in the cluster
 * @param accelerator catalog id of the accelerator
 * @param replicas    number of replicas
 * @param parallelism how one replica spreads over accelerators
 * @param batching    the iteration scheduler and its limits
 * @param kvCache     KV-cache layout and memory share
 * @param powerCapW   per-accelerator power cap in watts (clocks drop to stay under it), if any
 */
public record PoolSpec(String name, String accelerator, int replicas, ParallelismSpec parallelism,
        BatchingSpec batching, KvCacheSpec kvCache, java.util.OptionalDouble powerCapW) {
}
