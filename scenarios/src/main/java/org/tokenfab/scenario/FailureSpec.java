package org.tokenfab.scenario;

/**
 * Random failures of a pool's replicas.
 *
 * @param mtbfNanos      mean time between failures of one accelerator (a replica fails when any
 *                       of its accelerators does: its MTBF is this over its accelerator count)
 * @param weibullShape   NaN for exponential times between failures, else the Weibull shape
 * @param repairNanos    time from failure to repaired
 * @param coldStartNanos after the repair, until the replica serves again
 */
public record FailureSpec(long mtbfNanos, double weibullShape, long repairNanos, long coldStartNanos) {
}
