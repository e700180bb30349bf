package org.tokenfab.serving;

/**
 * What one replica did over a run.
 *
 * @param steps                iterations run
 * @param busyNanos            simulated time spent stepping
 * @param preemptions          requests preempted (recompute) for lack of KV blocks
 * @param meanKvOccupancy      time-weighted share of KV blocks in use
 * @param maxKvOccupancy       highest share of KV blocks in use
 * @param meanRunningRequests  time-weighted number of admitted requests
 * @param maxRunningRequests   highest number of admitted requests
 * @param inFlightAtEnd        requests queued or running when the statistics were taken
 * @param mfu                  achieved FLOP/s over peak, over the whole run (NaN without a power model)
 * @param mbu                  achieved bytes/s over peak bandwidth, over the whole run (NaN likewise)
 * @param acceleratorJoules    energy of the replica's accelerators, idle time included (NaN likewise)
 */
public record ReplicaStats(long steps, long busyNanos, long preemptions, double meanKvOccupancy,
        double maxKvOccupancy, double meanRunningRequests, double maxRunningRequests, int inFlightAtEnd, double mfu,
        double mbu, double acceleratorJoules) {
}
