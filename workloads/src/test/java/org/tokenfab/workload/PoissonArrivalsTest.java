package org.tokenfab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tokenfab.workload.StatisticalTests.ALPHA;
import static org.tokenfab.workload.StatisticalTests.Z_TWO_SIDED;

import java.lang.management.ManagementFactory;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Statistical assertions are at significance ALPHA = 0.001; see {@link StatisticalTests}. */
class PoissonArrivalsTest {
    private static final int N = 20_000;
    private static final double RATE = 100.0; // per second: mean gap 10 ms = 1e7 ns

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    private static double[] gaps(PoissonArrivals p, int n) {
        double[] gaps = new double[n];
        long t = 0;
        for (int i = 0; i < n; i++) {
            long next = p.nextArrivalAfter(t);
            gaps[i] = next - t;
            t = next;
        }
        return gaps;
    }

    /** Gaps are exponential with mean 1/rate (KS; rounding to 1 ns is 1e-7 of the mean). */
    @Test
    void gapsAreExponential() {
        double[] gaps = gaps(new PoissonArrivals(RATE, rng(1)), N);
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ExponentialDistribution(null, 1e9 / RATE), gaps);
        assertThat(p).as("KS p-value").isGreaterThan(ALPHA);
    }

    /** The realised rate lies in the 99.9% confidence interval of a Poisson count. */
    @Test
    void arrivalCountMatchesTheRate() {
        PoissonArrivals p = new PoissonArrivals(RATE, rng(2));
        long horizon = 200L * 1_000_000_000L; // 200 simulated seconds, 20,000 expected arrivals
        long count = 0;
        for (long t = p.nextArrivalAfter(0); t <= horizon; t = p.nextArrivalAfter(t)) {
            count++;
        }
        double expected = RATE * 200;
        assertThat((double) count).isBetween(expected - Z_TWO_SIDED * Math.sqrt(expected),
                expected + Z_TWO_SIDED * Math.sqrt(expected));
    }

    @Test
    void meanGapIsWithinItsConfidenceInterval() {
        double[] gaps = gaps(new PoissonArrivals(RATE, rng(3)), N);
        double mean = java.util.Arrays.stream(gaps).average().orElseThrow();
        double expected = 1e9 / RATE;
        double halfWidth = Z_TWO_SIDED * expected / Math.sqrt(N); // exponential: sd = mean
        assertThat(mean).isBetween(expected - halfWidth, expected + halfWidth);
    }

    @Test
    void sameSeedSameArrivals() {
        assertThat(gaps(new PoissonArrivals(RATE, rng(9)), 100)).containsExactly(gaps(new PoissonArrivals(RATE, rng(9)), 100));
        assertThat(gaps(new PoissonArrivals(RATE, rng(9)), 100)).isNotEqualTo(gaps(new PoissonArrivals(RATE, rng(10)), 100));
    }

    @Test
    void arrivalsNeverGoBackAndSaturateAtTheEndOfTime() {
        PoissonArrivals p = new PoissonArrivals(1e6, rng(4));
        long t = 0;
        for (int i = 0; i < 10_000; i++) {
            long next = p.nextArrivalAfter(t);
            assertThat(next).isGreaterThanOrEqualTo(t);
            t = next;
        }
        assertThat(new PoissonArrivals(1e-12, rng(5)).nextArrivalAfter(Long.MAX_VALUE - 10)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void rejectsImpossibleRates() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new PoissonArrivals(bad, rng(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rate must be finite and > 0");
        }
    }

    @Test
    void drawingDoesNotAllocate() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        PoissonArrivals p = new PoissonArrivals(RATE, rng(6));
        long t = 0;
        for (int i = 0; i < 20_000; i++) {
            t = p.nextArrivalAfter(t);
        }
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
        for (int i = 0; i < 100_000; i++) {
            t = p.nextArrivalAfter(t);
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;
        assertThat(t).isPositive();
        assertThat(allocated).as("bytes allocated by 100k draws").isLessThan(16 * 1024); // per-call allocation would be >= 16 B x calls (MBs); one-off JIT/OSR allocations stay far below 16 KB
    }
}
