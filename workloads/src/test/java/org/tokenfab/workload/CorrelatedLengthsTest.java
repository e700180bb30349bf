package org.tokenfab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.tokenfab.workload.StatisticalTests.ALPHA;

import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.util.FastMath;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Statistical assertions are at significance ALPHA = 0.001 (see {@link StatisticalTests}); a test
 * with m assertions uses ALPHA / m for each (Bonferroni).
 */
class CorrelatedLengthsTest {
    private static final int N = 20_000;

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    private static double z(double alpha) {
        return new NormalDistribution().inverseCumulativeProbability(1 - alpha / 2);
    }

    private static int[][] draw(RequestLengths lengths, int n) {
        int[][] s = new int[2][n];
        LengthDraw d = new LengthDraw();
        for (int i = 0; i < n; i++) {
            lengths.sample(d);
            s[0][i] = d.input();
            s[1][i] = d.output();
        }
        return s;
    }

    private static double spearman(int[][] s) {
        double[] a = new double[s[0].length];
        double[] b = new double[s[0].length];
        for (int i = 0; i < a.length; i++) {
            a[i] = s[0][i];
            b[i] = s[1][i];
        }
        return new SpearmansCorrelation().correlation(a, b);
    }

    @Test
    void inverseNormalCdfMatchesCommonsMath() {
        NormalDistribution nd = new NormalDistribution();
        for (double p : new double[] {1e-300, 1e-20, 1e-8, 0.001, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 0.999, 1 - 1e-12}) {
            assertThat(StandardNormal.inverseCdf(p)).as("p=" + p)
                    .isCloseTo(nd.inverseCumulativeProbability(p), within(1e-9 * Math.max(1, Math.abs(nd.inverseCumulativeProbability(p)))));
        }
        assertThat(StandardNormal.inverseCdf(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(StandardNormal.inverseCdf(1)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(StandardNormal.cdf(1.5)).isCloseTo(nd.cumulativeProbability(1.5), within(1e-7));
    }

    @Test
    void lognormalAndFixedQuantiles() {
        LognormalLength ln = LognormalLength.fromMedianAndP99(1000, 8000, 100_000_000, rng(1));
        assertThat(ln.quantile(0.5)).isEqualTo(1000);
        assertThat(ln.quantile(0.99)).isEqualTo(8000);
        assertThat(ln.quantile(0)).isEqualTo(1);
        assertThat(ln.quantile(1)).isEqualTo(100_000_000);
        LognormalLength truncated = LognormalLength.fromMedianAndP99(1000, 8000, 4000, rng(1));
        assertThat(truncated.quantile(1)).isEqualTo(4000);
        assertThat(truncated.quantile(0.5)).isLessThan(1000); // the median of the truncated law
        assertThat(LognormalLength.fromMuSigma(Math.log(300), 0, 1000, rng(1)).quantile(0.3)).isEqualTo(300);
        assertThat(new FixedLength(64).quantile(0.9)).isEqualTo(64);
    }

    @Test
    void spearmanFormulaAndItsInverse() {
        assertThat(CorrelatedLengths.spearmanOf(1)).isCloseTo(1, within(1e-12));
        assertThat(CorrelatedLengths.spearmanOf(0)).isZero();
        assertThat(CorrelatedLengths.rhoForSpearman(CorrelatedLengths.spearmanOf(0.6))).isCloseTo(0.6, within(1e-12));
        var c = CorrelatedLengths.ofSpearman(new FixedLength(1), new FixedLength(1), -0.11, rng(1));
        assertThat(CorrelatedLengths.spearmanOf(c.rho())).isCloseTo(-0.11, within(1e-12));
    }

    /**
     * Sample Spearman within its 99.9% interval around (6/pi) asin(rho/2): Fisher z-transform with
     * the variance 1.06 / (n - 3) of Fieller, Hartley and Pearson (1957). Three rhos, Bonferroni.
     */
    @Test
    void spearmanMatchesTheTarget() {
        double z = z(ALPHA / 3);
        double se = Math.sqrt(1.06 / (N - 3));
        int seed = 40;
        for (double rho : new double[] {-0.3, 0.6, 0.9}) {
            var lengths = new CorrelatedLengths(
                    LognormalLength.fromMedianAndP99(1000, 8000, 32_768, rng(1)),
                    LognormalLength.fromMedianAndP99(300, 3000, 8192, rng(2)), rho, rng(seed++));
            double observed = spearman(draw(lengths, N));
            double target = CorrelatedLengths.spearmanOf(rho);
            assertThat(FastMath.atanh(observed)).as("rho=" + rho + " spearman " + observed + " vs " + target)
                    .isCloseTo(FastMath.atanh(target), within(z * se));
        }
    }

    /** The copula keeps each marginal's law exactly: KS of input (lognormal) and output (empirical). */
    @Test
    void marginalsAreUnchanged() {
        int max = 32_768;
        LognormalLength in = LognormalLength.fromMedianAndP99(1000, 8000, max, rng(1));
        EmpiricalLength out = EmpiricalLength.bundled("azure2023_conv/output_tokens", rng(2));
        int[][] s = draw(new CorrelatedLengths(in, out, 0.7, rng(50)), N);
        LogNormalDistribution ln = new LogNormalDistribution(null, in.mu(), in.sigma());
        double pIn = StatisticalTests.ksPValueDiscrete(s[0],
                k -> k < 1 ? 0 : k >= max ? 1 : ln.cumulativeProbability(k + 0.5) / ln.cumulativeProbability(max + 0.5));
        double pOut = StatisticalTests.ksPValueDiscrete(s[1], k -> EmpiricalLengthTest.discreteCdf(out.table(), k));
        assertThat(pIn).as("input KS p-value").isGreaterThan(ALPHA / 2);
        assertThat(pOut).as("output KS p-value").isGreaterThan(ALPHA / 2);
    }

    @Test
    void independentLengthsHaveNoRankCorrelation() {
        var lengths = new IndependentLengths(EmpiricalLength.bundled("azure2023_conv/input_tokens", rng(60)),
                new ZipfLength(4096, 1.2, rng(61)));
        double observed = spearman(draw(lengths, N));
        assertThat(Math.abs(FastMath.atanh(observed))).as("spearman " + observed).isLessThan(z(ALPHA) * Math.sqrt(1.06 / (N - 3)));
    }

    @Test
    void rejectsBadRhoAndDoesNotAllocate() {
        assertThatThrownBy(() -> new CorrelatedLengths(new FixedLength(1), new FixedLength(1), 1.1, rng(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CorrelatedLengths(new FixedLength(1), new FixedLength(1), Double.NaN, rng(1)))
                .isInstanceOf(IllegalArgumentException.class);
        RequestLengths lengths = new CorrelatedLengths(LognormalLength.fromMedianAndP99(1000, 8000, 32_768, rng(1)),
                EmpiricalLength.bundled("azure2023_conv/output_tokens", rng(2)), 0.5, rng(3))
                .withReasoning(ReasoningSplit.fixedFraction(0.5));
        LengthDraw d = new LengthDraw();
        assertThat(Allocation.bytesOf(() -> {
            lengths.sample(d);
            return d.input();
        })).isLessThan(16 * 1024); // per-call allocation would be >= 16 B x calls (MBs); one-off JIT/OSR allocations stay far below 16 KB
    }
}
