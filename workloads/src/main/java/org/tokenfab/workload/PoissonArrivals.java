package org.tokenfab.workload;

import java.util.Locale;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A Poisson process: independent exponential gaps with mean {@code 1 / rate}. The gap is rounded
 * to the nearest nanosecond, so two arrivals may share a timestamp at very high rates; the engine
 * orders same-time events by insertion.
 *
 * <p>Because the exponential distribution is memoryless, calling {@link #nextArrivalAfter} at any
 * time (not only at the previous arrival) still yields a Poisson process.
 *
 * <p>Not thread-safe (it owns a random stream); one instance per simulation component.
 */
public final class PoissonArrivals implements ArrivalProcess {
    private final double ratePerSecond;
    private final ZigguratSampler.Exponential gapNanos;

    /**
     * @param ratePerSecond mean arrivals per simulated second, finite and &gt; 0
     * @param rng this process's own random stream
     * @throws IllegalArgumentException if the rate is not finite and positive (user input is
     *     validated, with its YAML path, by the scenario layer before it gets here)
     */
    public PoissonArrivals(double ratePerSecond, UniformRandomProvider rng) {
        Objects.requireNonNull(rng, "rng");
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be finite and > 0 per second, got " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        // Sampler built once: the Ziggurat exponential is the fastest exact sampler in Commons RNG
        // and allocates nothing per sample.
        this.gapNanos = ZigguratSampler.Exponential.of(rng, 1e9 / ratePerSecond);
    }

    @Override
    public long nextArrivalAfter(long nowNanos) {
        long gap = Math.round(gapNanos.sample()); // saturates at Long.MAX_VALUE for huge gaps
        long next = nowNanos + gap;
        // Saturate instead of wrapping: an arrival beyond the end of time never happens.
        return ((nowNanos ^ next) & (gap ^ next)) < 0 ? Long.MAX_VALUE : next;
    }

    /** Mean arrivals per simulated second. */
    public double ratePerSecond() {
        return ratePerSecond;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "poisson(rate=%s/s)", ratePerSecond);
    }
}
