package org.tokenfab.sim;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * When {@link Simulation#run(StopCondition)} should return, besides running out of events.
 * Immutable; the {@code or...} withers combine limits so that whichever is reached first stops
 * the run.
 *
 * @param untilTime fire every event with time {@code <= untilTime}, then set the clock to it;
 *                  {@link Long#MAX_VALUE} means no time limit
 * @param maxEvents stop once {@link Simulation#eventsProcessed()} (a total over all run calls,
 *                  so a continued run does not restart the count) reaches this;
 *                  {@link Long#MAX_VALUE} means no limit
 * @param stopWhen  tested after each event, stops the run when true; {@code null} means none
 */
public record StopCondition(long untilTime, long maxEvents, BooleanSupplier stopWhen) {

    private static final StopCondition NEVER = new StopCondition(Long.MAX_VALUE, Long.MAX_VALUE, null);

    public StopCondition {
        if (maxEvents < 0) {
            throw new IllegalArgumentException("maxEvents must be >= 0, was " + maxEvents);
        }
    }

    /** Runs until the queue is empty. */
    public static StopCondition never() {
        return NEVER;
    }

    public static StopCondition atTime(long untilTime) {
        return NEVER.orAtTime(untilTime);
    }

    public static StopCondition afterEvents(long maxEvents) {
        return NEVER.orAfterEvents(maxEvents);
    }

    public static StopCondition when(BooleanSupplier stopWhen) {
        return NEVER.orWhen(stopWhen);
    }

    public StopCondition orAtTime(long time) {
        return new StopCondition(Math.min(untilTime, time), maxEvents, stopWhen);
    }

    public StopCondition orAfterEvents(long events) {
        if (events < 0) {
            throw new IllegalArgumentException("event limit must be >= 0, was " + events);
        }
        return new StopCondition(untilTime, Math.min(maxEvents, events), stopWhen);
    }

    public StopCondition orWhen(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        BooleanSupplier existing = stopWhen;
        BooleanSupplier combined = existing == null
                ? predicate
                : () -> existing.getAsBoolean() || predicate.getAsBoolean();
        return new StopCondition(untilTime, maxEvents, combined);
    }
}
