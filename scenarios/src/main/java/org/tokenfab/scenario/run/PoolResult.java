package org.tokenfab.scenario.run;

/**
 * What one pool did, summed or averaged over its replicas.
 *
 * @param kvCapacityTokens     KV-cache tokens per replica, from the memory model
 * @param busyFraction         share of simulated time replicas spent stepping (mean over replicas)
 * @param meanKvOccupancy      time-weighted share of KV blocks in use (mean over replicas)
 * @param meanRunningRequests  time-weighted number of admitted requests per replica
 */
public record PoolResult(String name, String accelerator, int replicas, int tp, long kvCapacityTokens,
        double busyFraction, double meanKvOccupancy, double meanRunningRequests, long preemptions, long steps) {
}
