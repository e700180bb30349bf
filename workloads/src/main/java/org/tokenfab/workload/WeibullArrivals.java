package org.tokenfab.workload;

import java.util.Locale;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A renewal process with Weibull gaps of mean {@code 1 / rate} and coefficient of variation
 * {@code cv}. The Weibull shape k solves
 * <pre>  cv² = Γ(1 + 2/k) / Γ(1 + 1/k)² − 1</pre>
 * whose right side decreases strictly in k; k = 1 is the exponential (cv = 1), k &lt; 1 bursty.
 * The scale is then {@code λ = (1 / rate) / Γ(1 + 1/k)}.
 *
 * <p><b>Solving for k</b>: bisection on ln k over [{@value #MIN_SHAPE}, {@value #MAX_SHAPE}],
 * comparing ln Γ(1 + 2/k) − 2 ln Γ(1 + 1/k) with ln(1 + cv²) (log form: no overflow for small
 * k), until the bracket is 1e-13 wide in ln k: the shape is exact to double precision, cv to
 * about 1e-12 relative. {@link SpecialFunctions#logGamma} is a Lanczos approximation (g = 7, 9 terms, relative
 * error below 1e-14 for x &ge; 0.5). The bracket covers cv in [{@value #MIN_CV},
 * {@value #MAX_CV}].
 *
 * <p><b>Sampling</b>: gap = λ E^(1/k) with E a standard exponential (Ziggurat), the exact
 * inverse-CDF transform; rounded to the nearest nanosecond. The first gap starts at the start of
 * the run, as for {@link GammaArrivals}.
 *
 * <p>Not thread-safe (it owns a random stream). Drawing allocates nothing.
 */
public final class WeibullArrivals implements ArrivalProcess {
    /** Smallest coefficient of variation accepted. */
    public static final double MIN_CV = 0.01;
    /** Largest coefficient of variation accepted. */
    public static final double MAX_CV = 100;
    static final double MIN_SHAPE = 0.05;
    static final double MAX_SHAPE = 500;


    private final double ratePerSecond;
    private final double cv;
    private final double shape;
    private final double inverseShape;
    private final double scaleNanos;
    private final ZigguratSampler.Exponential exponential;

    /**
     * @param ratePerSecond mean arrivals per simulated second, finite and &gt; 0
     * @param cv coefficient of variation of the gaps, in [{@value #MIN_CV}, {@value #MAX_CV}]
     * @param rng this process's own random stream
     */
    public WeibullArrivals(double ratePerSecond, double cv, UniformRandomProvider rng) {
        Objects.requireNonNull(rng, "rng");
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be finite and > 0 per second, got " + ratePerSecond);
        }
        if (!(cv >= MIN_CV && cv <= MAX_CV)) {
            throw new IllegalArgumentException("cv must be in [" + MIN_CV + ", " + MAX_CV + "], got " + cv);
        }
        this.ratePerSecond = ratePerSecond;
        this.cv = cv;
        this.shape = shapeForCv(cv);
        this.inverseShape = 1.0 / shape;
        this.scaleNanos = 1e9 / ratePerSecond / Math.exp(SpecialFunctions.logGamma(1 + inverseShape));
        this.exponential = ZigguratSampler.Exponential.of(rng);
    }

    @Override
    public long nextArrivalAfter(long nowNanos) {
        return ArrivalClock.after(nowNanos, scaleNanos * Math.pow(exponential.sample(), inverseShape));
    }

    /** The Weibull shape k whose coefficient of variation is {@code cv} (bisection, see above). */
    static double shapeForCv(double cv) {
        double target = Math.log1p(cv * cv);
        double lo = Math.log(MIN_SHAPE); // log cv² is decreasing in k: large at lo, small at hi
        double hi = Math.log(MAX_SHAPE);
        while (hi - lo > 1e-13) {
            double mid = 0.5 * (lo + hi);
            double k = Math.exp(mid);
            if (logOnePlusCvSquared(k) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp(0.5 * (lo + hi));
    }

    /** ln(1 + cv²) of the Weibull with shape k: ln Γ(1 + 2/k) − 2 ln Γ(1 + 1/k). */
    static double logOnePlusCvSquared(double k) {
        return SpecialFunctions.logGamma(1 + 2 / k) - 2 * SpecialFunctions.logGamma(1 + 1 / k);
    }

    /** Mean arrivals per simulated second. */
    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** Coefficient of variation of the gaps. */
    public double cv() {
        return cv;
    }

    /** Weibull shape k. */
    public double shape() {
        return shape;
    }

    /** Weibull scale λ of the gaps, ns. */
    public double scaleNanos() {
        return scaleNanos;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "weibull(rate=%s/s, cv=%s, shape=%.4f)", ratePerSecond, cv, shape);
    }
}
