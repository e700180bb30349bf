package org.tokenfab.workload;

import java.util.Locale;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;

/**
 * Zipf (power-law) lengths on 1..maxTokens: P(k) proportional to k^-exponent. Most requests are
 * short (1 token is the mode) and a heavy tail reaches maxTokens. Sampled by Commons RNG's
 * rejection-inversion sampler (Hörmann and Derflinger 1996), exact, with no table.
 *
 * <p>No {@link QuantileFunction}: the rejection sampler has no closed-form inverse, so Zipf
 * lengths cannot be a marginal of {@link CorrelatedLengths}; pair them with
 * {@link IndependentLengths}.
 *
 * <p>Not thread-safe (it owns a random stream). {@link #sample()} allocates nothing.
 */
public final class ZipfLength implements TokenLengthDistribution {
    private final int maxTokens;
    private final double exponent;
    private final SharedStateDiscreteSampler sampler;

    /**
     * @param maxTokens longest length, &ge; 1
     * @param exponent power-law exponent, finite and &ge; 0 (0 is uniform on 1..maxTokens)
     * @param rng this distribution's own random stream
     */
    public ZipfLength(int maxTokens, double exponent, UniformRandomProvider rng) {
        Objects.requireNonNull(rng, "rng");
        if (maxTokens < 1 || !(exponent >= 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("need maxTokens >= 1 and finite exponent >= 0, got maxTokens="
                    + maxTokens + " exponent=" + exponent);
        }
        this.maxTokens = maxTokens;
        this.exponent = exponent;
        this.sampler = RejectionInversionZipfSampler.of(rng, maxTokens, exponent);
    }

    @Override
    public int sample() {
        return sampler.sample();
    }

    /** Longest length. */
    public int maxTokens() {
        return maxTokens;
    }

    /** The power-law exponent. */
    public double exponent() {
        return exponent;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "zipf(max=%d, exponent=%s)", maxTokens, exponent);
    }
}
