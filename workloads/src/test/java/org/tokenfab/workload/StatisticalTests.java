package org.tokenfab.workload;

import java.util.Arrays;
import java.util.function.LongToDoubleFunction;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Shared helpers of the statistical tests.
 *
 * <p>False-failure rate: every statistical assertion here is a test at significance
 * {@link #ALPHA} = 0.001, i.e. a correct sampler fails it for 1 random seed in 1,000. The tests use
 * fixed seeds, so they are deterministic: a correct implementation passes every time, and a seed
 * is never "tuned" to make a broken one pass.
 */
final class StatisticalTests {
    /** Significance of every statistical assertion. */
    static final double ALPHA = 0.001;
    /** Two-sided standard normal quantile for {@link #ALPHA}: P(|Z| &gt; 3.2905) = 0.001. */
    static final double Z_TWO_SIDED = 3.2905267314919255;

    private StatisticalTests() {
    }

    /**
     * Kolmogorov-Smirnov p-value of integer samples against an integer-valued distribution with
     * CDF {@code cdf(k) = P(X <= k)}. The statistic is exact for the step CDF; the p-value uses the
     * continuous KS distribution, which is conservative for discrete distributions (it rejects
     * less often than ALPHA says), so it can only make false failures rarer.
     */
    static double ksPValueDiscrete(int[] samples, LongToDoubleFunction cdf) {
        int[] s = samples.clone();
        Arrays.sort(s);
        int n = s.length;
        double d = 0;
        int i = 0;
        double below = 0; // empirical CDF just below the current value
        while (i < n) {
            int v = s[i];
            int j = i;
            while (j < n && s[j] == v) {
                j++;
            }
            double at = (double) j / n;
            d = Math.max(d, Math.abs(at - cdf.applyAsDouble(v)));
            d = Math.max(d, Math.abs(below - cdf.applyAsDouble(v - 1L)));
            below = at;
            i = j;
        }
        return 1.0 - new KolmogorovSmirnovTest().cdf(d, n);
    }

    /** The q-quantile of sorted data (nearest rank). */
    static int quantile(int[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
