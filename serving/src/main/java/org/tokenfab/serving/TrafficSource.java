package org.tokenfab.serving;

/** Where a run's requests come from: open-loop arrivals, closed-loop users or a trace. */
public interface TrafficSource {
    /** Schedules the first arrivals. */
    void start();

    /** Requests created so far. */
    long created();
}
