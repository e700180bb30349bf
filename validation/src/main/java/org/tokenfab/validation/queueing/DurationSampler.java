package org.tokenfab.validation.queueing;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Draws a duration in nanoseconds (a service time, a gap between arrivals) from the caller's
 * stream. The sampler holds no state, so one sampler can serve many streams and replications.
 */
@FunctionalInterface
public interface DurationSampler {

    long sampleNanos(UniformRandomProvider rng);

    /** Exponential with the given rate (mean 1/rate seconds): the "M" of Kendall's notation. */
    static DurationSampler exponential(double ratePerSecond) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be positive and finite, was " + ratePerSecond);
        }
        double meanNanos = 1e9 / ratePerSecond;
        // 1 - u lies in (0, 1], so the logarithm is finite. Rounding to whole nanoseconds moves the
        // mean by at most 0.5 ns, far below what any test here can resolve.
        return rng -> Math.round(-Math.log(1.0 - rng.nextDouble()) * meanNanos);
    }

    /** Always the same duration: the "D" of Kendall's notation. */
    static DurationSampler deterministic(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("duration must be >= 0 and finite, was " + seconds);
        }
        long nanos = Math.round(seconds * 1e9);
        return rng -> nanos;
    }

    /**
     * Two-phase hyperexponential with balanced means: mean {@code meanSeconds}, squared coefficient
     * of variation {@code scv} > 1 (so E[S^2] = (1 + scv) mean^2): a "G" far from exponential, for
     * the Pollaczek-Khinchine check.
     */
    static DurationSampler hyperexponential(double meanSeconds, double scv) {
        if (!(meanSeconds > 0) || !(scv > 1) || Double.isInfinite(meanSeconds) || Double.isInfinite(scv)) {
            throw new IllegalArgumentException("mean must be > 0 and scv > 1, were " + meanSeconds + ", " + scv);
        }
        double p1 = 0.5 * (1 + Math.sqrt((scv - 1) / (scv + 1)));
        double mean1Nanos = meanSeconds * 1e9 / (2 * p1);
        double mean2Nanos = meanSeconds * 1e9 / (2 * (1 - p1));
        return rng -> {
            double mean = rng.nextDouble() < p1 ? mean1Nanos : mean2Nanos;
            return Math.round(-Math.log(1.0 - rng.nextDouble()) * mean);
        };
    }
}
