package org.tokenfab.scenario;

/**
 * When new requests stop arriving: after {@code requests} requests or after {@code durationNanos}
 * of simulated time, whichever comes first ({@code Long.MAX_VALUE} = no limit; at least one is set).
 * Requests already in the system then run to completion.
 */
public record StopSpec(long requests, long durationNanos) {
    public StopSpec {
        if (requests == Long.MAX_VALUE && durationNanos == Long.MAX_VALUE) {
            throw new IllegalArgumentException("a run needs a request count or a duration");
        }
    }
}
