package org.tokenfab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tokenfab.workload.StatisticalTests.ALPHA;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Statistical assertions are at significance ALPHA = 0.001; see {@link StatisticalTests}. */
class ZipfLengthTest {
    private static final int N = 20_000;

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /**
     * Chi-square against the Zipf pmf k^-s / H(n, s): one bin per value while its expected count is
     * at least 5, then one bin for the rest of the tail.
     */
    @Test
    void samplesFollowTheZipfPmf() {
        int n = 2000;
        double s = 1.1;
        ZipfLength d = new ZipfLength(n, s, rng(21));
        double h = 0;
        for (int k = 1; k <= n; k++) {
            h += Math.pow(k, -s);
        }
        long[] counts = new long[n + 1];
        for (int i = 0; i < N; i++) {
            int x = d.sample();
            assertThat(x).isBetween(1, n);
            counts[x]++;
        }
        List<Double> expected = new ArrayList<>();
        List<Long> observed = new ArrayList<>();
        int k = 1;
        double tailExpected = N;
        long tailObserved = N;
        while (k <= n && N * Math.pow(k, -s) / h >= 5) {
            double e = N * Math.pow(k, -s) / h;
            expected.add(e);
            observed.add(counts[k]);
            tailExpected -= e;
            tailObserved -= counts[k];
            k++;
        }
        expected.add(tailExpected);
        observed.add(tailObserved);
        assertThat(expected.size()).as("bins").isGreaterThan(50);
        double p = new ChiSquareTest().chiSquareTest(
                expected.stream().mapToDouble(Double::doubleValue).toArray(),
                observed.stream().mapToLong(Long::longValue).toArray());
        assertThat(p).as("chi-square p-value").isGreaterThan(ALPHA);
    }

    @Test
    void rejectsImpossibleParametersAndDoesNotAllocate() {
        assertThatThrownBy(() -> new ZipfLength(0, 1, rng(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZipfLength(10, -1, rng(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZipfLength(10, Double.NaN, rng(1))).isInstanceOf(IllegalArgumentException.class);
        ZipfLength d = new ZipfLength(32_768, 1.5, rng(2));
        assertThat(Allocation.bytesOf(d::sample)).isLessThan(16 * 1024); // per-call allocation would be >= 16 B x calls (MBs); one-off JIT/OSR allocations stay far below 16 KB
    }
}
