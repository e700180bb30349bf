package org.tokenfab.scenario;

/**
 * N identical replicas of the model.
 *
 * @param name        pool name, unique in the cluster
 * @param accelerator catalog id of the accelerator
 * @param system      catalog id of the system the replicas run on (its scale-up domain bounds tensor
 *                    parallelism), or empty for the accelerator's own scale-up domain
 * @param replicas    number of replicas
 * @param parallelism how one replica spreads over accelerators
 * @param batching    the iteration scheduler and its limits
 * @param queue       the waiting queue's discipline and admission control
 * @param kvCache     KV-cache layout, memory share, preemption and prefix caching
 * @param powerCapW   per-accelerator power cap in watts (clocks drop to stay under it), if any
 * @param speculative speculative decoding, if any
 * @param model       catalog id of the pool's own model, or empty for the scenario's {@code model}
 * @param cost        what the pool's accelerators cost, or empty for the catalog's public rates
 * @param role        {@code colocated} (prefill and decode), {@code prefill} or {@code decode} (disaggregated)
 * @param autoscaling the pool's autoscaler, if any ({@code replicas} is then its largest size)
 * @param failures    random failures of its replicas, if any
 * @param engine      the serving engine profile ({@code vllm} unless set), scaling kernel and host time
 */
public record PoolSpec(String name, String accelerator, java.util.Optional<String> system, int replicas, ParallelismSpec parallelism,
        BatchingSpec batching, QueueSpec queue, KvCacheSpec kvCache, java.util.OptionalDouble powerCapW,
        java.util.Optional<SpeculativeSpec> speculative, java.util.Optional<String> model,
        java.util.Optional<PoolCostSpec> cost, String role, java.util.Optional<AutoscalingSpec> autoscaling,
        java.util.Optional<FailureSpec> failures, String engine) {

    /** Whether arrivals are routed to this pool (not a decode pool, which gets prefilled requests only). */
    public boolean takesArrivals() {
        return !role.equals("decode");
    }
}
