package org.tokenfab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tokenfab.workload.StatisticalTests.ALPHA;
import static org.tokenfab.workload.StatisticalTests.Z_TWO_SIDED;

import java.lang.management.ManagementFactory;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Statistical assertions are at significance ALPHA = 0.001; see {@link StatisticalTests}. */
class GammaArrivalsTest {
    private static final int N = 20_000;
    private static final double RATE = 100.0; // mean gap 1e7 ns

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    static double[] gaps(ArrivalProcess p, int n) {
        double[] gaps = new double[n];
        long t = 0;
        for (int i = 0; i < n; i++) {
            long next = p.nextArrivalAfter(t);
            gaps[i] = next - t;
            t = next;
        }
        return gaps;
    }

    static double sampleCv(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (x.length - 1)) / mean;
    }

    /**
     * Half-width of the 99.9% interval of the sample CV c of n iid draws, by the delta method:
     * Var(ĉ) ≈ c²/n · ((β₂ − 1)/4 − γ₁ c + c²), γ₁ skewness, β₂ kurtosis of the gap law.
     */
    static double cvHalfWidth(double cv, double skewness, double kurtosis, int n) {
        return Z_TWO_SIDED * cv * Math.sqrt(((kurtosis - 1) / 4 - skewness * cv + cv * cv) / n);
    }

    /**
     * KS against the gamma law. The rate is low (mean gap 100 s) so that rounding gaps to whole ns
     * is invisible: at shape 1/cv² the mass below 0.5 ns grows like (0.5 ns / scale)^(1/cv²), e.g.
     * 1% of gaps at cv = 2 and 100/s, which KS at n = 20,000 would see.
     */
    @Test
    void gapsAreGammaForSeveralCvs() {
        double rate = 0.01;
        long seed = 1;
        for (double cv : new double[] {0.5, 1, 2}) {
            double shape = 1 / (cv * cv);
            double[] g = gaps(new GammaArrivals(rate, cv, rng(seed++)), N);
            double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(
                    new GammaDistribution(null, shape, 1e9 / rate / shape), g);
            assertThat(p).as("KS p-value, cv=" + cv).isGreaterThan(ALPHA);
        }
    }

    @Test
    void sampleCvAndMeanAreWithinTheirIntervals() {
        for (double cv : new double[] {0.5, 2}) {
            double shape = 1 / (cv * cv);
            double[] g = gaps(new GammaArrivals(RATE, cv, rng(10 + (long) (cv * 10))), N);
            double c = sampleCv(g);
            assertThat(c).as("sample cv for cv=" + cv)
                    .isCloseTo(cv, org.assertj.core.api.Assertions.within(
                            cvHalfWidth(cv, 2 / Math.sqrt(shape), 3 + 6 / shape, N)));
            double mean = java.util.Arrays.stream(g).average().orElseThrow();
            assertThat(mean).isCloseTo(1e9 / RATE, org.assertj.core.api.Assertions.within(
                    Z_TWO_SIDED * cv * 1e9 / RATE / Math.sqrt(N)));
        }
    }

    @Test
    void sameSeedSameArrivals() {
        assertThat(gaps(new GammaArrivals(RATE, 2, rng(9)), 100)).containsExactly(gaps(new GammaArrivals(RATE, 2, rng(9)), 100));
    }

    @Test
    void saturatesAtTheEndOfTime() {
        assertThat(new GammaArrivals(1e-12, 1, rng(5)).nextArrivalAfter(Long.MAX_VALUE - 10)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void rejectsImpossibleParameters() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new GammaArrivals(bad, 1, rng(1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("rate must be finite and > 0");
            assertThatThrownBy(() -> new GammaArrivals(1, bad, rng(1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cv must be finite and > 0");
        }
    }

    @Test
    void drawingDoesNotAllocate() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (ArrivalProcess p : new ArrivalProcess[] {new GammaArrivals(RATE, 0.5, rng(6)), new GammaArrivals(RATE, 3, rng(7)),
                new WeibullArrivals(RATE, 2, rng(8)), new MmppArrivals(200, 10, 1, 2, rng(9)),
                new ModulatedArrivals(new GammaArrivals(RATE, 2, rng(10)), new DiurnalRate(0.5, 14, 0.6)),
                new ModulatedArrivals(new PoissonArrivals(RATE, rng(11)), PiecewiseConstantRate.ofSeconds(new double[] {0, 10}, new double[] {1, 2}))}) {
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
            assertThat(allocated).as("bytes allocated by 100k draws of " + p).isLessThan(16 * 1024); // per-call allocation would be >= 16 B x calls (MBs); one-off JIT/OSR allocations stay far below 16 KB
        }
    }
}
