package org.tokenfab.serving;

/**
 * What one replica did over a run.
 *
 * @param steps                iterations run
 * @param busyNanos            simulated time spent stepping
 * @param preemptions          requests preempted for lack of KV blocks (recompute or swap)
 * @param swapOuts             of those, preempted by swapping to host memory
 * @param meanKvOccupancy      time-weighted share of KV blocks in use
 * @param maxKvOccupancy       highest share of KV blocks in use
 * @param meanRunningRequests  time-weighted number of admitted requests
 * @param maxRunningRequests   highest number of admitted requests
 * @param inFlightAtEnd        requests queued or running when the statistics were taken
 * @param mfu                  achieved FLOP/s over peak, over the whole run (NaN without a power model)
 * @param mbu                  achieved bytes/s over peak bandwidth, over the whole run (NaN likewise)
 * @param acceleratorJoules    energy of the replica's accelerators, idle time included (NaN likewise)
 * @param rejectedTooLong      rejected on arrival: larger than the whole KV cache
 * @param rejectedQueueFull    rejected on arrival: the queue was at {@code max_queue}
 * @param rejectedTimeout      rejected after waiting longer than {@code max_wait}
 * @param promptTokensLookedUp prompt tokens of requests looked up in the prefix cache
 * @param gpuHitTokens         of those, found in the GPU prefix cache
 * @param cpuHitTokens         of those, found in the CPU tier (loaded instead of recomputed)
 * @param draftTokens          speculative tokens proposed
 * @param acceptedDraftTokens  speculative tokens accepted
 */
public record ReplicaStats(long steps, long busyNanos, long preemptions, long swapOuts, double meanKvOccupancy,
        double maxKvOccupancy, double meanRunningRequests, double maxRunningRequests, int inFlightAtEnd, double mfu,
        double mbu, double acceleratorJoules, long rejectedTooLong, long rejectedQueueFull, long rejectedTimeout,
        long promptTokensLookedUp, long gpuHitTokens, long cpuHitTokens, long draftTokens, long acceptedDraftTokens) {
}
