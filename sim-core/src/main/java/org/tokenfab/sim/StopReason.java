package org.tokenfab.sim;

/**
 * Why {@link Simulation#run(StopCondition)} returned.
 *
 * <p>Before each event the loop checks, in this order: the event limit, an empty queue, the time
 * limit; after each event it tests the predicate. The first that holds is the reason returned.
 */
public enum StopReason {
    /** No live event is left. The clock stays at the time of the last event fired. */
    QUEUE_EMPTY,
    /** Every event at or before the time limit has fired and the clock now reads the limit. */
    TIME_LIMIT,
    /** {@link Simulation#eventsProcessed()} has reached the event limit. */
    EVENT_LIMIT,
    /** The stop predicate returned true after an event. */
    PREDICATE
}
