package org.tokenfab.workload;

import java.util.Locale;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * A renewal process with gamma gaps: mean {@code 1 / rate}, coefficient of variation {@code cv}
 * (standard deviation over mean), so shape {@code 1 / cv²} and scale {@code cv² / rate}. cv = 1 is
 * the Poisson process; cv &gt; 1 is bursty (the Azure and BurstGPT traces have cv 1.5 to 4), cv
 * &lt; 1 is more regular than Poisson. Gaps are rounded to the nearest nanosecond.
 *
 * <p>The gap is drawn from {@code nowNanos}, which the caller passes as the previous arrival: the
 * first gap starts at the start of the run (an ordinary, not an equilibrium, renewal process).
 *
 * <p>Not thread-safe (it owns a random stream). Drawing allocates nothing.
 */
public final class GammaArrivals implements ArrivalProcess {
    private final double ratePerSecond;
    private final double cv;
    private final ContinuousSampler gapNanos;

    /**
     * @param ratePerSecond mean arrivals per simulated second, finite and &gt; 0
     * @param cv coefficient of variation of the gaps, finite and &gt; 0
     * @param rng this process's own random stream
     */
    public GammaArrivals(double ratePerSecond, double cv, UniformRandomProvider rng) {
        Objects.requireNonNull(rng, "rng");
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be finite and > 0 per second, got " + ratePerSecond);
        }
        if (!(cv > 0) || Double.isInfinite(cv)) {
            throw new IllegalArgumentException("cv must be finite and > 0, got " + cv);
        }
        this.ratePerSecond = ratePerSecond;
        this.cv = cv;
        double shape = 1.0 / (cv * cv);
        // Built once: Marsaglia-Tsang (shape >= 1) or Ahrens-Dieter (shape < 1), exact, no allocation.
        this.gapNanos = AhrensDieterMarsagliaTsangGammaSampler.of(rng, shape, 1e9 / ratePerSecond / shape);
    }

    @Override
    public long nextArrivalAfter(long nowNanos) {
        return ArrivalClock.after(nowNanos, gapNanos.sample());
    }

    /** Mean arrivals per simulated second. */
    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** Coefficient of variation of the gaps. */
    public double cv() {
        return cv;
    }

    /** Gamma shape, 1 / cv². */
    public double shape() {
        return 1.0 / (cv * cv);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "gamma(rate=%s/s, cv=%s)", ratePerSecond, cv);
    }
}
