package org.tokenfab.validation.queueing;

import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A two-sided confidence interval for a mean, {@code mean ± halfWidth}, at the given level.
 *
 * @param samples how many independent observations (replications) it rests on
 */
public record ConfidenceInterval(double mean, double halfWidth, double level, int samples) {

    /**
     * The Student-t interval for the mean of independent, roughly normal observations: the
     * means of independent replications are, by the central limit theorem, even when the
     * observations inside one replication are strongly correlated.
     */
    public static ConfidenceInterval studentT(double[] observations, double level) {
        int n = observations.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 observations, got " + n);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), was " + level);
        }
        double mean = 0;
        for (double x : observations) {
            mean += x;
        }
        mean /= n;
        double squares = 0;
        for (double x : observations) {
            squares += (x - mean) * (x - mean);
        }
        double standardError = Math.sqrt(squares / (n - 1) / n);
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        return new ConfidenceInterval(mean, t * standardError, level, n);
    }

    public double lower() {
        return mean - halfWidth;
    }

    public double upper() {
        return mean + halfWidth;
    }

    public boolean contains(double value) {
        return value >= lower() && value <= upper();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.6g ± %.3g (%.0f%%, n=%d)", mean, halfWidth, level * 100, samples);
    }
}
