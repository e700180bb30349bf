package org.tokenfab.sim;

/**
 * Receives the events it scheduled. Long-lived components (a replica, an arrival source)
 * implement this once and tell their events apart by {@code type}; the {@code payload} carries
 * whatever the component needs (a request id, a slot index). Events are a (handler, type,
 * payload) triple instead of an object each, so the run loop allocates nothing per event.
 */
@FunctionalInterface
public interface EventHandler {

    /**
     * Called by the engine when an event fires; {@link Simulation#now()} is then the event's time.
     *
     * @param type    the component's own event code, as passed to {@code schedule}
     * @param payload the component's own data, as passed to {@code schedule}
     */
    void onEvent(int type, long payload);
}
