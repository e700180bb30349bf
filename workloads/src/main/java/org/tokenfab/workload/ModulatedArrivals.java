package org.tokenfab.workload;

import java.util.Objects;

/**
 * Any arrival process with a time-varying rate, by <b>time rescaling</b>: the base process runs
 * in operational time u = Λ(t) = ∫₀ᵗ m(τ) dτ of the {@link RateSchedule}, and each of its
 * arrivals u is mapped back to real time t = Λ⁻¹(u). The instantaneous rate is then
 * base rate × m(t). The base's rate is the rate at multiplier 1.
 *
 * <p>Why time rescaling and not thinning: thinning (draw at the peak rate, keep with probability
 * m(t)/max) is exact only for Poisson processes; applied to a gamma or Weibull renewal process it
 * deletes arrivals independently and drags the gap CV towards 1. Time rescaling is exact for every
 * base process and keeps the shape of its gaps: wherever m is constant the gaps are the base's
 * gaps divided by m, same CV. For an {@link MmppArrivals} base, its state sojourns are rescaled
 * too. Accuracy is that of the schedule's inverse (exact for {@link PiecewiseConstantRate}, 1 ns
 * for {@link DiurnalRate}).
 *
 * <p>The base's clock is kept in operational nanoseconds between calls, so the base sequence is
 * never perturbed by rounding; if the caller passes a time other than the previous arrival, the
 * clock restarts from Λ(nowNanos). Not thread-safe; allocates nothing.
 */
public final class ModulatedArrivals implements ArrivalProcess {
    private final ArrivalProcess base;
    private final RateSchedule schedule;
    private long lastRealNanos = Long.MIN_VALUE;
    private long operationalNanos; // the base's clock at lastRealNanos

    /**
     * @param base the process at multiplier 1 (its own random stream)
     * @param schedule the multiplier over time
     */
    public ModulatedArrivals(ArrivalProcess base, RateSchedule schedule) {
        this.base = Objects.requireNonNull(base, "base");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    public long nextArrivalAfter(long nowNanos) {
        if (nowNanos != lastRealNanos) {
            operationalNanos = Math.round(schedule.operationalTime(nowNanos));
        }
        long u = base.nextArrivalAfter(operationalNanos);
        long t = u == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(nowNanos, schedule.realTime(u));
        operationalNanos = u;
        lastRealNanos = t;
        return t;
    }

    public ArrivalProcess base() {
        return base;
    }

    public RateSchedule schedule() {
        return schedule;
    }

    @Override
    public String toString() {
        return base + " x " + schedule;
    }
}
