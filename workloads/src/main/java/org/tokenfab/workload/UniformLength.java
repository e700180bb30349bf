package org.tokenfab.workload;

import java.util.Locale;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteUniformSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;

/**
 * Lengths uniform on the integers {@code min..max}, both inclusive. Benchmark clients use it to
 * jitter a target length, e.g. vLLM's {@code --random-range-ratio} or "80 to 100% of the target"
 * ({@link #ofTarget}).
 *
 * <p>Not thread-safe (it owns a random stream). {@link #sample()} allocates nothing.
 */
public final class UniformLength implements TokenLengthDistribution, QuantileFunction {
    private final int min;
    private final int max;
    private final SharedStateDiscreteSampler sampler;

    /**
     * @param min shortest length, &ge; 1
     * @param max longest length, &ge; min
     * @param rng this distribution's own random stream
     */
    public UniformLength(int min, int max, UniformRandomProvider rng) {
        Objects.requireNonNull(rng, "rng");
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("need 1 <= min <= max, got min=" + min + " max=" + max);
        }
        this.min = min;
        this.max = max;
        this.sampler = DiscreteUniformSampler.of(rng, min, max);
    }

    /**
     * Uniform from {@code max(1, round(lowFraction * target))} to {@code target}: for example
     * {@code ofTarget(1000, 0.8, rng)} is uniform on 800..1000.
     *
     * @param target longest length, &ge; 1
     * @param lowFraction shortest length as a fraction of the target, in (0, 1]
     * @param rng this distribution's own random stream
     */
    public static UniformLength ofTarget(int target, double lowFraction, UniformRandomProvider rng) {
        if (target < 1 || !(lowFraction > 0 && lowFraction <= 1)) {
            throw new IllegalArgumentException("need target >= 1 and lowFraction in (0, 1], got target=" + target
                    + " lowFraction=" + lowFraction);
        }
        int low = (int) Math.max(1, Math.round(lowFraction * target));
        return new UniformLength(low, target, rng);
    }

    @Override
    public int sample() {
        return sampler.sample();
    }

    /** {@code min + floor(p * (max - min + 1))}, and {@code max} for p = 1. */
    @Override
    public int quantile(double p) {
        QuantileFunction.checkProbability(p);
        long k = min + (long) Math.floor(p * ((long) max - min + 1));
        return (int) Math.min(k, max);
    }

    /** Shortest length. */
    public int min() {
        return min;
    }

    /** Longest length. */
    public int max() {
        return max;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "uniform(%d..%d)", min, max);
    }
}
