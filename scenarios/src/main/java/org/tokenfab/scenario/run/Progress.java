package org.tokenfab.scenario.run;

/** Told how far a run has come; implementations must be cheap and must not touch the simulation. */
@FunctionalInterface
public interface Progress {
    /** Reports nothing; a run given this one skips progress checks altogether. */
    Progress NONE = (fraction, events) -> { };

    /**
     * @param arrivalFraction share of the arrivals done, 0 to 1 (requests in flight then drain)
     * @param events          engine events so far
     */
    void update(double arrivalFraction, long events);
}
