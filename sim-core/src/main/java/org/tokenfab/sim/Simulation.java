package org.tokenfab.sim;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One simulation run: a clock, the pending events and the random streams, all owned by this
 * instance (nothing is static, so many simulations run side by side on different threads).
 *
 * <p>Events fire in (time, insertion sequence) order ({@link #scheduleFirst} events first among
 * those at one time), a total order, so the same seed always
 * gives the same run. In the debug mode {@code shuffleTies}, events at the same time fire in a
 * random order instead, drawn from a stream seeded by the master seed: a result that changes
 * under it depends on an order the model never meant to define.
 *
 * <p>A simulation is confined to one thread at a time and {@link #run} is not reentrant.
 */
public final class Simulation {

    /** Not a component name a user can ask for twice: it never goes through {@link RandomStreams#stream}. */
    private static final String TIE_SHUFFLE_STREAM = "org.tokenfab.sim.Simulation/tie-shuffle";

    private final RandomStreams random;
    private final EventQueue queue;
    private long now;
    private long eventsProcessed;
    private boolean running;

    public Simulation(long masterSeed) {
        this(masterSeed, false);
    }

    /**
     * @param shuffleTies fire same-time events in a random (seeded, reproducible) order instead
     *                    of insertion order, to find hidden order dependence
     */
    public Simulation(long masterSeed, boolean shuffleTies) {
        this.random = new RandomStreams(masterSeed);
        this.queue = new EventQueue(EventQueue.DEFAULT_CAPACITY,
                shuffleTies ? RandomStreams.derive(masterSeed, TIE_SHUFFLE_STREAM) : null);
    }

    /** Simulated time in nanoseconds; starts at 0 and never goes backwards. */
    public long now() {
        return now;
    }

    /**
     * Schedules {@code h.onEvent(type, payload)} at an absolute time. An event scheduled at
     * {@link #now()} from inside a handler fires in this same run, after the events already
     * pending at that time.
     *
     * @return a handle for {@link #cancel}; never 0, so 0 can mean "no event"
     * @throws IllegalArgumentException if {@code time < now()}
     */
    public long schedule(long time, EventHandler h, int type, long payload) {
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule at " + time + " ns, before now (" + now + " ns)");
        }
        return queue.push(time, h, type, payload);
    }

    /**
     * Like {@link #schedule}, but the event fires before every event at the same time scheduled
     * with {@link #schedule}: for the end of a unit of work (a replica's step), so that whatever else
     * happens at that instant sees the work done, whichever was scheduled first. A replica that
     * folds several steps into one event relies on it: its steps end "first" whether or not they
     * have an event of their own.
     */
    public long scheduleFirst(long time, EventHandler h, int type, long payload) {
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule at " + time + " ns, before now (" + now + " ns)");
        }
        return queue.pushFirst(time, h, type, payload);
    }

    /**
     * Schedules an event {@code delayNanos} after {@link #now()}.
     *
     * @throws IllegalArgumentException if the delay is negative or the time would overflow
     */
    public long scheduleIn(long delayNanos, EventHandler h, int type, long payload) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delay must be >= 0 ns, was " + delayNanos);
        }
        if (delayNanos > Long.MAX_VALUE - now) {
            throw new IllegalArgumentException("now (" + now + " ns) + delay (" + delayNanos + " ns) overflows");
        }
        return queue.push(now + delayNanos, h, type, payload);
    }

    /**
     * Cancels a pending event in O(1) (amortised).
     *
     * @return false if the event already fired or was already cancelled
     */
    public boolean cancel(long handle) {
        return queue.cancel(handle);
    }

    /**
     * Fires events in order until a stop condition holds (see {@link StopReason} for the order in
     * which they are checked). May be called again to continue. An exception thrown by a handler
     * propagates unchanged; the event that threw counts as processed and the clock stays at its
     * time.
     *
     * @throws IllegalArgumentException if the time limit is before {@link #now()}
     * @throws IllegalStateException    if called from inside an event handler
     */
    public StopReason run(StopCondition stop) {
        Objects.requireNonNull(stop, "stop");
        final long until = stop.untilTime();
        if (until < now) {
            throw new IllegalArgumentException("time limit " + until + " ns is before now (" + now + " ns)");
        }
        if (running) {
            throw new IllegalStateException("run() called from inside an event handler");
        }
        final long maxEvents = stop.maxEvents();
        final BooleanSupplier stopWhen = stop.stopWhen();
        final EventQueue q = queue;
        running = true;
        try {
            while (true) {
                if (eventsProcessed >= maxEvents) {
                    return StopReason.EVENT_LIMIT;
                }
                if (!q.popUntil(until)) {
                    if (q.isEmpty()) {
                        return StopReason.QUEUE_EMPTY;
                    }
                    now = until;
                    return StopReason.TIME_LIMIT;
                }
                now = q.poppedTime();
                eventsProcessed++;
                q.poppedHandler().onEvent(q.poppedType(), q.poppedPayload());
                if (stopWhen != null && stopWhen.getAsBoolean()) {
                    return StopReason.PREDICATE;
                }
            }
        } finally {
            running = false;
        }
    }

    /** Events fired so far over all runs; cancelled events are not counted. */
    public long eventsProcessed() {
        return eventsProcessed;
    }

    /** Live (non-cancelled) events waiting in the queue. */
    public int pendingEvents() {
        return queue.size();
    }

    public RandomStreams random() {
        return random;
    }
}
