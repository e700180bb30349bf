package org.tokenfab.scenario;

/**
 * A pool's autoscaler: the pool's {@code replicas} is its largest size; {@code initial} of them
 * serve at the start, the rest are off.
 *
 * @param policy         {@code utilization}, {@code queue} or {@code schedule}
 * @param target         utilization: busy share to keep, in (0, 1]; queue: requests in flight per replica
 * @param scheduleAtNanos schedule: from these times (ascending, first 0) ...
 * @param scheduleCounts ... this many replicas
 * @param min            fewest replicas up
 * @param initial        replicas up at the start
 * @param intervalNanos  how often the autoscaler decides
 * @param coldStartNanos from switch-on to serving (engine start and weight loading); with
 *                       {@code storageGbPerS}, the engine start only
 * @param storageGbPerS  when set, weights load from storage at this rate per accelerator, GB/s, and
 *                       the cold start is {@code coldStartNanos} plus one accelerator's weights over it;
 *                       NaN for a fixed cold start
 */
public record AutoscalingSpec(String policy, double target, long[] scheduleAtNanos, int[] scheduleCounts, int min,
        int initial, long intervalNanos, long coldStartNanos, double storageGbPerS) {
}
