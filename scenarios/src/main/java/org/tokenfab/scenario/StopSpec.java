package org.tokenfab.scenario;

/**
 * When new requests stop arriving: after {@code requests} requests or after {@code durationNanos}
 * of simulated time, whichever comes first ({@code Long.MAX_VALUE} = no limit; synthetic traffic
 * needs at least one, a trace replay may run to the trace's end). Requests already in the system
 * then run to completion.
 */
public record StopSpec(long requests, long durationNanos) {
}
