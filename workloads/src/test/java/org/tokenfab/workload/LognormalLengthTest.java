package org.tokenfab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.tokenfab.workload.StatisticalTests.ALPHA;
import static org.tokenfab.workload.StatisticalTests.Z_TWO_SIDED;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Statistical assertions are at significance ALPHA = 0.001; see {@link StatisticalTests}. */
class LognormalLengthTest {
    private static final int N = 20_000;
    private static final double MEDIAN = 1000;
    private static final double P99 = 8000;
    private static final int NO_LIMIT = 100_000_000; // far in the tail: acceptance 1 - 1e-15

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    private static int[] draw(LognormalLength d, int n) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = d.sample();
        }
        return s;
    }

    /** P(round(X) <= k | X < max + 0.5), with 0 rounded up to 1: the exact law of sample(). */
    private static double discreteCdf(LogNormalDistribution ln, int max, long k) {
        if (k < 1) {
            return 0;
        }
        if (k >= max) {
            return 1;
        }
        return ln.cumulativeProbability(k + 0.5) / ln.cumulativeProbability(max + 0.5);
    }

    @Test
    void medianAndP99DefineMuAndSigma() {
        LognormalLength d = LognormalLength.fromMedianAndP99(MEDIAN, P99, NO_LIMIT, rng(1));
        assertThat(d.mu()).isEqualTo(Math.log(1000));
        assertThat(d.sigma()).isCloseTo(Math.log(8) / 2.3263478740408408, within(1e-15));
        assertThat(d.median()).isCloseTo(1000, within(1e-9));
        assertThat(new NormalDistribution().inverseCumulativeProbability(0.99)).isCloseTo(LognormalLength.Z_99, within(1e-9));
    }

    @Test
    void samplesFollowTheLognormal() {
        LognormalLength d = LognormalLength.fromMedianAndP99(MEDIAN, P99, NO_LIMIT, rng(2));
        LogNormalDistribution ln = new LogNormalDistribution(null, d.mu(), d.sigma());
        double p = StatisticalTests.ksPValueDiscrete(draw(d, N), k -> discreteCdf(ln, NO_LIMIT, k));
        assertThat(p).as("KS p-value").isGreaterThan(ALPHA);
    }

    @Test
    void truncatedSamplesFollowTheTruncatedLognormal() {
        int max = 4000; // cuts ~6% of the tail
        LognormalLength d = LognormalLength.fromMedianAndP99(MEDIAN, P99, max, rng(3));
        LogNormalDistribution ln = new LogNormalDistribution(null, d.mu(), d.sigma());
        double p = StatisticalTests.ksPValueDiscrete(draw(d, N), k -> discreteCdf(ln, max, k));
        assertThat(p).as("KS p-value").isGreaterThan(ALPHA);
    }

    /**
     * Sample median and p99 within their 99.9% intervals: the asymptotic standard error of the
     * q-quantile is sqrt(q(1-q)/n) / f(x_q); +1 token covers the rounding to integers.
     */
    @Test
    void medianAndP99AreRecovered() {
        LognormalLength d = LognormalLength.fromMedianAndP99(MEDIAN, P99, NO_LIMIT, rng(4));
        LogNormalDistribution ln = new LogNormalDistribution(null, d.mu(), d.sigma());
        int[] s = draw(d, N);
        Arrays.sort(s);
        for (double q : new double[] {0.5, 0.99}) {
            double truth = q == 0.5 ? MEDIAN : P99;
            double se = Math.sqrt(q * (1 - q) / N) / ln.density(truth);
            assertThat((double) StatisticalTests.quantile(s, q)).as("q=" + q)
                    .isCloseTo(truth, within(Z_TWO_SIDED * se + 1));
        }
    }

    @Test
    void truncationRedrawsAndNeverClamps() {
        int max = 2000; // P(X > 2000) ~ 22%: clamping would put ~22% of samples at exactly 2000
        LognormalLength d = LognormalLength.fromMedianAndP99(MEDIAN, P99, max, rng(5));
        int[] s = draw(d, N);
        assertThat(Arrays.stream(s).max().orElseThrow()).isLessThanOrEqualTo(max);
        long atMax = Arrays.stream(s).filter(x -> x == max).count();
        // Redrawn, the top value holds only its own density: P(1999.5 < X < 2000.5 | X < 2000.5) ~ 2e-4.
        assertThat((double) atMax / N).isLessThan(0.002);
        LogNormalDistribution ln = new LogNormalDistribution(null, d.mu(), d.sigma());
        assertThat(d.acceptanceProbability()).isCloseTo(ln.cumulativeProbability(max + 0.5), within(1e-6));
    }

    @Test
    void lengthsAreAtLeastOne() {
        LognormalLength d = LognormalLength.fromMuSigma(0, 2, 1000, rng(6)); // median 1, much mass below 0.5
        int[] s = draw(d, N);
        assertThat(Arrays.stream(s).min().orElseThrow()).isEqualTo(1);
    }

    @Test
    void sameSeedSameLengths() {
        assertThat(draw(LognormalLength.fromMedianAndP99(200, 1500, 4096, rng(7)), 100))
                .containsExactly(draw(LognormalLength.fromMedianAndP99(200, 1500, 4096, rng(7)), 100));
    }

    @Test
    void rejectsImpossibleParameters() {
        assertThatThrownBy(() -> LognormalLength.fromMedianAndP99(0, 10, 100, rng(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LognormalLength.fromMedianAndP99(100, 100, 1000, rng(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LognormalLength.fromMedianAndP99(100, 50, 1000, rng(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LognormalLength.fromMedianAndP99(Double.NaN, 50, 1000, rng(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LognormalLength.fromMuSigma(1, -1, 1000, rng(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LognormalLength.fromMuSigma(1, 1, 0, rng(1))).isInstanceOf(IllegalArgumentException.class);
        // A max far below the median would reject almost every draw.
        assertThatThrownBy(() -> LognormalLength.fromMedianAndP99(1000, 8000, 50, rng(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("max=50 keeps only");
    }

    @Test
    void fixedLength() {
        assertThat(new FixedLength(128).sample()).isEqualTo(128);
        assertThatThrownBy(() -> new FixedLength(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void samplingDoesNotAllocate() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        LognormalLength d = LognormalLength.fromMedianAndP99(MEDIAN, P99, 4000, rng(8));
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += d.sample();
        }
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
        for (int i = 0; i < 100_000; i++) {
            sink += d.sample();
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;
        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated by 100k samples").isLessThan(16 * 1024); // per-call allocation would be >= 16 B x calls (MBs); one-off JIT/OSR allocations stay far below 16 KB
    }
}
