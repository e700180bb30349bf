package org.tokenfab.scenario.run;

/**
 * What one pool did, summed or averaged over its replicas.
 *
 * @param system               catalog id of the system the replicas run on, or null for the accelerator's own domain
 * @param tp                   tensor-parallel degree
 * @param pp                   pipeline-parallel degree
 * @param ep                   expert-parallel degree (1 without)
 * @param kvCapacityTokens     KV-cache tokens per replica, from the memory model
 * @param busyFraction         share of simulated time replicas spent stepping (mean over replicas)
 * @param meanKvOccupancy      time-weighted share of KV blocks in use (mean over replicas)
 * @param meanRunningRequests  time-weighted number of admitted requests per replica
 * @param accelerators         accelerators in the pool (replicas x accelerators per replica)
 * @param mfu                  achieved FLOP/s over dense peak, whole run, mean over replicas
 * @param mbu                  achieved memory bytes/s over peak bandwidth, whole run, mean over replicas
 * @param powerCapW            the per-accelerator power cap, NaN if none
 * @param acceleratorJoules    energy of the pool's accelerators over the run, idle time included
 * @param policy               the batching policy's YAML name
 * @param swapOuts             preemptions that swapped KV to host memory (the rest recomputed)
 * @param rejectedTooLong      requests rejected because they exceed the whole KV cache
 * @param rejectedQueueFull    requests rejected at a full queue ({@code max_queue})
 * @param rejectedTimeout      requests rejected after waiting longer than {@code max_wait}
 * @param prefixHitRatio       prompt tokens found in the GPU prefix cache over prompt tokens looked up (NaN: no caching)
 * @param cpuTierHitRatio      the same for the CPU tier (NaN: no caching)
 * @param draftAcceptance      accepted over proposed draft tokens (NaN: no speculative decoding)
 * @param model                catalog id of the model the pool serves
 * @param requests             requests routed to the pool (with a cascade, attempts: escalations count in both pools)
 * @param nodes                nodes the pool's replicas occupy (a replica never shares a node), 0 without a catalog system
 * @param lifecycle            role, replicas up, failures (see {@link Lifecycle})
 * @param nodeOverheadW        the pool's node overhead, W (each accelerator's share of its node's at-load node_overhead_w)
 * @param costUsdPerHour       what the pool costs per hour (accelerators, plus energy if owned), NaN if no price is known
 */
public record PoolResult(String name, String accelerator, String system, int replicas, int tp, int pp, int ep,
        long kvCapacityTokens,
        double busyFraction, double meanKvOccupancy, double meanRunningRequests, long preemptions, long steps,
        int accelerators, double mfu, double mbu, double powerCapW, double acceleratorJoules, String policy, long swapOuts,
        long rejectedTooLong, long rejectedQueueFull, long rejectedTimeout, double prefixHitRatio, double cpuTierHitRatio,
        double draftAcceptance, String model, long requests, int nodes, double nodeOverheadW, double costUsdPerHour,
        Lifecycle lifecycle) implements java.io.Serializable {

    /**
     * How the pool's replicas lived: its role, and what autoscaling and failures did to it.
     *
     * @param role            colocated, prefill or decode
     * @param meanReplicasUp  time-weighted replicas neither switched off nor failed (starting, serving or draining)
     * @param failures        failures of its replicas
     * @param downSeconds     replica-seconds spent failed (waiting for repair)
     * @param handedOff       requests a prefill pool handed to decode replicas
     */
    public record Lifecycle(String role, double meanReplicasUp, long failures, double downSeconds, long handedOff)
            implements java.io.Serializable {
    }

    /** Mean power of one accelerator over {@code seconds}. */
    public double meanWattsPerAccelerator(double seconds) {
        return acceleratorJoules / seconds / accelerators;
    }
}
