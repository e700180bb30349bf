package org.tokenfab.bench;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A ring of precomputed exponential delays (ns), so a benchmark measures the queue or the engine
 * and not the random number generator: a hold model's delays only need the right distribution.
 */
final class ExpDelays {
    private static final int SIZE = 1 << 16;
    private final long[] delays = new long[SIZE];
    private int next;

    /** @param meanNanos mean delay */
    ExpDelays(long seed, double meanNanos) {
        UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(seed);
        for (int i = 0; i < SIZE; i++) {
            delays[i] = 1 + (long) (-Math.log(1 - rng.nextDouble()) * meanNanos);
        }
    }

    long next() {
        long d = delays[next];
        next = (next + 1) & (SIZE - 1);
        return d;
    }
}
