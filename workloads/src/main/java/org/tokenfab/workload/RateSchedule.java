package org.tokenfab.workload;

/**
 * A rate multiplier that varies over simulated time, applied to an arrival process by
 * {@link ModulatedArrivals}. Besides the multiplier m(t) &ge; 0 it gives the "operational time"
 * Λ(t) = ∫₀ᵗ m(τ) dτ and its inverse, which the time change needs; each implementation documents
 * how exact they are.
 */
public interface RateSchedule {
    /** The multiplier at simulated time {@code nanos} (&ge; 0), finite and &ge; 0. */
    double multiplier(long nanos);

    /** Λ(t) = ∫₀ᵗ m(τ) dτ in multiplier·ns, non-decreasing; 0 for t &le; 0. */
    double operationalTime(long nanos);

    /**
     * The earliest simulated time t with Λ(t) &ge; {@code operationalNanos}, rounded to the
     * nearest ns; {@code Long.MAX_VALUE} if Λ never gets there.
     */
    long realTime(double operationalNanos);
}
