package org.tokenfab.serving;

/**
 * Forms one iteration's batch on a replica: which requests run, with how many tokens each,
 * admitting waiting requests and preempting running ones as the policy's engine would. It works
 * through the replica's scheduling operations ({@link Replica#admitHead}, {@link Replica#reserve},
 * {@link Replica#schedule}), which keep the KV cache and the batch's aggregate shape consistent.
 */
@FunctionalInterface
interface BatchPolicy {
    /** Returned by {@link #plan} when the batch (possibly empty) is final. */
    long NOW = Long.MIN_VALUE;

    /**
     * Plans the next iteration at {@code now}.
     *
     * @return {@link #NOW}, or, with an empty batch, the simulated time at which to plan again even
     *     if nothing arrives (a batching timeout)
     */
    long plan(Replica replica, long now);
}
