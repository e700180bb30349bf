package org.tokenfab.workload;

import java.util.Locale;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Lognormal token lengths, the usual fit for prompt and output lengths of chat traffic: the
 * natural log of the length is normal with mean {@link #mu()} and standard deviation
 * {@link #sigma()}.
 *
 * <p>How a draw becomes a length, in this order:
 * <ol>
 *   <li>draw x = exp(mu + sigma z), z standard normal;
 *   <li><b>truncation at {@code max} by rejection</b>: if x rounds above {@code max} it is
 *       discarded and redrawn. Lengths above {@code max} are never clamped to it: clamping would
 *       pile the whole tail onto one value and distort the mix of long requests. The result is
 *       the lognormal conditioned on x &lt; max + 0.5, so when {@code max} cuts into the tail
 *       the sampled median and p99 are lower than the parameters say;
 *   <li>round to the nearest integer; a result of 0 becomes 1 (a request has at least one
 *       token). That floor only matters for parameters with real mass below 0.5 tokens.
 * </ol>
 * Construction fails if {@code max} would reject more than 99% of draws: the distribution would
 * no longer be the one asked for, and sampling would crawl.
 *
 * <p>Not thread-safe (it owns a random stream). {@link #sample()} allocates nothing.
 */
public final class LognormalLength implements TokenLengthDistribution, QuantileFunction {
    /** Standard normal quantile of 0.99. */
    public static final double Z_99 = 2.3263478740408408;
    /** Smallest acceptance probability of the truncation that construction allows. */
    static final double MIN_ACCEPTANCE = 0.01;

    private final double mu;
    private final double sigma;
    private final int max;
    private final double acceptance;
    private final double rejectAbove; // draws at or above this round to more than max
    private final NormalizedGaussianSampler gaussian;

    private LognormalLength(double mu, double sigma, int max, UniformRandomProvider rng) {
        Objects.requireNonNull(rng, "rng");
        if (!Double.isFinite(mu) || !(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("mu must be finite and sigma finite and >= 0, got mu=" + mu + " sigma=" + sigma);
        }
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, got " + max);
        }
        this.mu = mu;
        this.sigma = sigma;
        this.max = max;
        this.rejectAbove = max + 0.5;
        this.acceptance = sigma == 0
                ? (Math.exp(mu) < rejectAbove ? 1.0 : 0.0)
                : standardNormalCdf((Math.log(rejectAbove) - mu) / sigma);
        if (acceptance < MIN_ACCEPTANCE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "max=%d keeps only %.3g%% of lognormal(mu=%.4g, sigma=%.4g) (median %.4g tokens); "
                            + "raise max or lower the median/p99",
                    max, 100 * acceptance, mu, sigma, Math.exp(mu)));
        }
        this.gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
    }

    /**
     * The lognormal whose median and 99th percentile are given: mu = ln(median),
     * sigma = (ln(p99) - ln(median)) / z_0.99. Both describe the distribution before truncation.
     *
     * @param median median length in tokens, &gt; 0
     * @param p99 99th percentile in tokens, &gt; median
     * @param max longest length allowed (e.g. the model's context), &ge; 1
     * @param rng this distribution's own random stream
     */
    public static LognormalLength fromMedianAndP99(double median, double p99, int max, UniformRandomProvider rng) {
        if (!(median > 0) || Double.isInfinite(median) || !(p99 > median) || Double.isInfinite(p99)) {
            throw new IllegalArgumentException("need finite 0 < median < p99, got median=" + median + " p99=" + p99);
        }
        return new LognormalLength(Math.log(median), (Math.log(p99) - Math.log(median)) / Z_99, max, rng);
    }

    /**
     * The lognormal with log-mean {@code mu} and log-standard-deviation {@code sigma}.
     *
     * @param mu mean of ln(length)
     * @param sigma standard deviation of ln(length), &ge; 0
     * @param max longest length allowed, &ge; 1
     * @param rng this distribution's own random stream
     */
    public static LognormalLength fromMuSigma(double mu, double sigma, int max, UniformRandomProvider rng) {
        return new LognormalLength(mu, sigma, max, rng);
    }

    @Override
    public int sample() {
        double x;
        do {
            x = Math.exp(mu + sigma * gaussian.sample());
        } while (!(x < rejectAbove)); // redraw, never clamp; expected 1/acceptance draws
        long rounded = Math.round(x);
        return rounded < 1 ? 1 : (int) rounded;
    }

    /**
     * The same law as {@link #sample()}, by inversion: x = exp(mu + sigma &Phi;^-1(p &times;
     * acceptance)) is the p-quantile of the truncated lognormal, then rounded with 0 raised to 1.
     * p = 1 gives {@code max}.
     */
    @Override
    public int quantile(double p) {
        QuantileFunction.checkProbability(p);
        double x = sigma == 0 ? Math.exp(mu) : Math.exp(mu + sigma * StandardNormal.inverseCdf(p * acceptance));
        if (!(x < rejectAbove)) {
            return max; // only at p = 1 (or within the CDF's 1e-7 error of it)
        }
        long rounded = Math.round(x);
        return rounded < 1 ? 1 : (int) rounded;
    }

    /** Mean of ln(length) before truncation. */
    public double mu() {
        return mu;
    }

    /** Standard deviation of ln(length) before truncation. */
    public double sigma() {
        return sigma;
    }

    /** Longest length sampled. */
    public int max() {
        return max;
    }

    /** Median before truncation, exp(mu). */
    public double median() {
        return Math.exp(mu);
    }

    /** Fraction of draws the truncation keeps: P(exp(mu + sigma Z) &lt; max + 0.5). */
    public double acceptanceProbability() {
        return acceptance;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "lognormal(mu=%.4f, sigma=%.4f, median=%.1f, max=%d)", mu, sigma, median(), max);
    }

    /**
     * Standard normal CDF via erfc (Numerical Recipes' Chebyshev fit, fractional error below
     * 1.2e-7), enough for the acceptance check without a statistics dependency.
     */
    static double standardNormalCdf(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2.0));
    }

    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }
}
