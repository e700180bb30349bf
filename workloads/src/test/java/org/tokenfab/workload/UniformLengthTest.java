package org.tokenfab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tokenfab.workload.StatisticalTests.ALPHA;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Statistical assertions are at significance ALPHA = 0.001; see {@link StatisticalTests}. */
class UniformLengthTest {
    private static final int N = 20_000;

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /** Chi-square goodness of fit over the 201 values 800..1000 (expected count ~100 each). */
    @Test
    void samplesAreUniformOnTheInclusiveRange() {
        UniformLength d = new UniformLength(800, 1000, rng(11));
        long[] counts = new long[201];
        for (int i = 0; i < N; i++) {
            int x = d.sample();
            assertThat(x).isBetween(800, 1000);
            counts[x - 800]++;
        }
        double[] expected = new double[201];
        Arrays.fill(expected, (double) N / 201);
        double p = new ChiSquareTest().chiSquareTest(expected, counts);
        assertThat(p).as("chi-square p-value").isGreaterThan(ALPHA);
        assertThat(counts[0]).isPositive();
        assertThat(counts[200]).isPositive();
    }

    @Test
    void ofTargetTakesAFractionOfTheTarget() {
        UniformLength d = UniformLength.ofTarget(1000, 0.8, rng(1));
        assertThat(d.min()).isEqualTo(800);
        assertThat(d.max()).isEqualTo(1000);
        assertThat(UniformLength.ofTarget(3, 0.1, rng(1)).min()).isEqualTo(1);
        assertThat(UniformLength.ofTarget(512, 1.0, rng(1)).min()).isEqualTo(512);
    }

    /** quantile(U) has the law of sample(): on a uniform grid of p every value gets the same count. */
    @Test
    void quantileIsTheInverseCdf() {
        UniformLength d = new UniformLength(10, 14, rng(1));
        int[] counts = new int[5];
        int m = 5_000;
        for (int i = 0; i < m; i++) {
            counts[d.quantile((i + 0.5) / m) - 10]++;
        }
        assertThat(counts).containsOnly(1_000);
        assertThat(d.quantile(0)).isEqualTo(10);
        assertThat(d.quantile(1)).isEqualTo(14);
        assertThatThrownBy(() -> d.quantile(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsImpossibleParameters() {
        assertThatThrownBy(() -> new UniformLength(0, 10, rng(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UniformLength(11, 10, rng(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UniformLength.ofTarget(0, 0.8, rng(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UniformLength.ofTarget(100, 0, rng(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UniformLength.ofTarget(100, 1.2, rng(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameSeedSameLengthsAndNoAllocation() {
        UniformLength a = new UniformLength(1, 4096, rng(7));
        UniformLength b = new UniformLength(1, 4096, rng(7));
        for (int i = 0; i < 100; i++) {
            assertThat(a.sample()).isEqualTo(b.sample());
        }
        assertThat(Allocation.bytesOf(a::sample)).isLessThan(1024);
    }
}
