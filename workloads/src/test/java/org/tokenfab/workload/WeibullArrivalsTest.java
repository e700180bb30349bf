package org.tokenfab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.tokenfab.workload.StatisticalTests.ALPHA;
import static org.tokenfab.workload.StatisticalTests.Z_TWO_SIDED;

import org.apache.commons.math3.distribution.WeibullDistribution;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Statistical assertions are at significance ALPHA = 0.001; see {@link StatisticalTests}. */
class WeibullArrivalsTest {
    private static final int N = 20_000;
    private static final double RATE = 100.0;

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    @Test
    void logGammaMatchesKnownValues() {
        assertThat(SpecialFunctions.logGamma(1)).isCloseTo(0, within(1e-14));
        assertThat(SpecialFunctions.logGamma(2)).isCloseTo(0, within(1e-14));
        assertThat(SpecialFunctions.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-14));
        assertThat(SpecialFunctions.logGamma(1.5)).isCloseTo(Math.log(Math.sqrt(Math.PI) / 2), within(1e-14));
        assertThat(SpecialFunctions.logGamma(11)).isCloseTo(Math.log(3628800), within(1e-12));
        assertThat(SpecialFunctions.logGamma(101)).isCloseTo(363.73937555556347, within(1e-11)); // ln 100!
        for (double x = 0.5; x < 60; x += 0.37) {
            assertThat(SpecialFunctions.logGamma(x)).as("x=" + x)
                    .isCloseTo(Gamma.logGamma(x), within(1e-13 * Math.max(1, Math.abs(Gamma.logGamma(x)))));
        }
    }

    @Test
    void shapeSolvesTheCvEquation() {
        assertThat(WeibullArrivals.shapeForCv(1)).isCloseTo(1, within(1e-10)); // exponential
        for (double cv : new double[] {0.01, 0.1, 0.5, 1.5, 3, 10, 100}) {
            double k = WeibullArrivals.shapeForCv(cv);
            double g1 = Gamma.gamma(1 + 1 / k);
            double back = Math.sqrt(Math.exp(Gamma.logGamma(1 + 2 / k) - 2 * Math.log(g1)) - 1);
            assertThat(back).as("cv=" + cv + " k=" + k).isCloseTo(cv, within(1e-9 * cv));
        }
    }

    @Test
    void gapsAreWeibullWithTheRightMeanAndCv() {
        long seed = 1;
        for (double cv : new double[] {0.5, 1, 2}) {
            WeibullArrivals w = new WeibullArrivals(RATE, cv, rng(seed++));
            double[] g = GammaArrivalsTest.gaps(w, N);
            WeibullDistribution dist = new WeibullDistribution(null, w.shape(), w.scaleNanos());
            assertThat(dist.getNumericalMean()).isCloseTo(1e9 / RATE, within(1e-3));
            double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(dist, g);
            assertThat(p).as("KS p-value, cv=" + cv).isGreaterThan(ALPHA);

            // Skewness and kurtosis from raw moments E[X^r] = λ^r Γ(1 + r/k) (λ = 1: they are scale-free).
            double k = w.shape();
            double m1 = Gamma.gamma(1 + 1 / k);
            double m2 = Gamma.gamma(1 + 2 / k);
            double m3 = Gamma.gamma(1 + 3 / k);
            double m4 = Gamma.gamma(1 + 4 / k);
            double var = m2 - m1 * m1;
            double skew = (m3 - 3 * m1 * m2 + 2 * m1 * m1 * m1) / Math.pow(var, 1.5);
            double kurt = (m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * Math.pow(m1, 4)) / (var * var);
            assertThat(GammaArrivalsTest.sampleCv(g)).as("sample cv, cv=" + cv)
                    .isCloseTo(cv, within(GammaArrivalsTest.cvHalfWidth(cv, skew, kurt, N)));
            double mean = java.util.Arrays.stream(g).average().orElseThrow();
            assertThat(mean).isCloseTo(1e9 / RATE, within(Z_TWO_SIDED * cv * 1e9 / RATE / Math.sqrt(N)));
        }
    }

    @Test
    void rejectsImpossibleParameters() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new WeibullArrivals(bad, 1, rng(1))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new WeibullArrivals(1, bad, rng(1))).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new WeibullArrivals(1, 1000, rng(1))).hasMessageContaining("cv must be in");
        assertThatThrownBy(() -> SpecialFunctions.logGamma(0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
