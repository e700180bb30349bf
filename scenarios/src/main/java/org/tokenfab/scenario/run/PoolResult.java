package org.tokenfab.scenario.run;

/**
 * What one pool did, summed or averaged over its replicas.
 *
 * @param kvCapacityTokens     KV-cache tokens per replica, from the memory model
 * @param busyFraction         share of simulated time replicas spent stepping (mean over replicas)
 * @param meanKvOccupancy      time-weighted share of KV blocks in use (mean over replicas)
 * @param meanRunningRequests  time-weighted number of admitted requests per replica
 * @param accelerators         accelerators in the pool (replicas x accelerators per replica)
 * @param mfu                  achieved FLOP/s over dense peak, whole run, mean over replicas
 * @param mbu                  achieved memory bytes/s over peak bandwidth, whole run, mean over replicas
 * @param powerCapW            the per-accelerator power cap, NaN if none
 * @param acceleratorJoules    energy of the pool's accelerators over the run, idle time included
 */
public record PoolResult(String name, String accelerator, int replicas, int tp, long kvCapacityTokens,
        double busyFraction, double meanKvOccupancy, double meanRunningRequests, long preemptions, long steps,
        int accelerators, double mfu, double mbu, double powerCapW, double acceleratorJoules) {

    /** Mean power of one accelerator over {@code seconds}. */
    public double meanWattsPerAccelerator(double seconds) {
        return acceleratorJoules / seconds / accelerators;
    }
}
