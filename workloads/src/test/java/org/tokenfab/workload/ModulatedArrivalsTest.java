package org.tokenfab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.tokenfab.workload.StatisticalTests.ALPHA;
import static org.tokenfab.workload.StatisticalTests.Z_TWO_SIDED;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Statistical assertions are at significance ALPHA = 0.001; see {@link StatisticalTests}. */
class ModulatedArrivalsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long HOUR = 3600 * SECOND;

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    private static final PiecewiseConstantRate STEPS = PiecewiseConstantRate.ofSeconds(
            new double[] {0, 50, 100, 150, 160}, new double[] {1, 2, 0.5, 0, 1});

    @Test
    void piecewiseOperationalTimeIsExactAndInverts() {
        assertThat(STEPS.operationalTime(75 * SECOND)).isEqualTo(100e9);
        assertThat(STEPS.operationalTime(155 * SECOND)).isEqualTo(175e9);
        assertThat(STEPS.operationalTime(170 * SECOND)).isEqualTo(185e9);
        assertThat(STEPS.realTime(100e9)).isEqualTo(75 * SECOND);
        assertThat(STEPS.realTime(175e9 + 1)).isEqualTo(160 * SECOND + 1); // skips the zero step
        assertThat(STEPS.multiplier(155 * SECOND)).isZero();
        UniformRandomProvider r = rng(1);
        for (int i = 0; i < 10_000; i++) {
            long t = r.nextLong(300 * SECOND);
            if (STEPS.multiplier(t) > 0) {
                assertThat(STEPS.realTime(STEPS.operationalTime(t))).isCloseTo(t, within(1L));
            }
        }
        PiecewiseConstantRate stops = PiecewiseConstantRate.ofSeconds(new double[] {0, 1}, new double[] {1, 0});
        assertThat(stops.realTime(2e9)).isEqualTo(Long.MAX_VALUE);
    }

    /**
     * Poisson 100/s through steps x1, x2, x0.5, x0, x1: each segment's count is Poisson with mean
     * 100 × multiplier × length, inside its 99.9% interval. (5 checks: the family-wise false-failure
     * rate is at most 5 ALPHA, Bonferroni.)
     */
    @Test
    void piecewiseStepsScaleThePoissonRate() {
        long[] bounds = {0, 50, 100, 150, 160, 200};
        double[] mult = {1, 2, 0.5, 0, 1};
        long[] c = new long[mult.length];
        ArrivalProcess p = new ModulatedArrivals(new PoissonArrivals(100, rng(2)), STEPS);
        for (long t = p.nextArrivalAfter(0); t < 200 * SECOND; t = p.nextArrivalAfter(t)) {
            int s = 0;
            while (t >= bounds[s + 1] * SECOND) {
                s++;
            }
            c[s]++;
        }
        for (int s = 0; s < mult.length; s++) {
            double expected = 100 * mult[s] * (bounds[s + 1] - bounds[s]);
            assertThat((double) c[s]).as("segment " + s).isCloseTo(expected, within(Z_TWO_SIDED * Math.sqrt(expected) + 1e-9));
        }
    }

    /**
     * Time rescaling keeps a renewal process's shape: gamma cv 2 at 100/s, doubled after 100 s.
     * Gaps inside each constant segment keep cv 2 (delta-method interval of GammaArrivalsTest),
     * and the mean gap halves.
     */
    @Test
    void timeRescalingPreservesTheGapCv() {
        PiecewiseConstantRate step = PiecewiseConstantRate.ofSeconds(new double[] {0, 100}, new double[] {1, 2});
        ArrivalProcess p = new ModulatedArrivals(new GammaArrivals(100, 2, rng(3)), step);
        double[] before = new double[9_000];
        double[] after = new double[18_000];
        int nb = 0;
        int na = 0;
        long prev = 0;
        for (long t = p.nextArrivalAfter(0); na < after.length; t = p.nextArrivalAfter(t)) {
            if (t < 100 * SECOND && nb < before.length) {
                before[nb++] = t - prev;
            } else if (prev >= 100 * SECOND) {
                after[na++] = t - prev;
            }
            prev = t;
        }
        double shape = 0.25;
        double skew = 2 / Math.sqrt(shape);
        double kurt = 3 + 6 / shape;
        assertThat(GammaArrivalsTest.sampleCv(before)).isCloseTo(2, within(GammaArrivalsTest.cvHalfWidth(2, skew, kurt, nb)));
        assertThat(GammaArrivalsTest.sampleCv(after)).isCloseTo(2, within(GammaArrivalsTest.cvHalfWidth(2, skew, kurt, na)));
        double meanAfter = java.util.Arrays.stream(after).average().orElseThrow();
        assertThat(meanAfter).isCloseTo(0.5e7, within(Z_TWO_SIDED * 2 * 0.5e7 / Math.sqrt(na)));
    }

    @Test
    void diurnalOperationalTimeMatchesTheIntegralAndInverts() {
        DiurnalRate d = new DiurnalRate(1, 14, 0.5); // amplitude 1: zero slope at the trough
        assertThat(d.meanMultiplier()).isCloseTo(6.0 / 7, within(1e-12));
        assertThat(d.multiplier(14 * HOUR)).isCloseTo(2, within(1e-12));
        assertThat(d.multiplier(2 * HOUR)).isCloseTo(0, within(1e-12));
        assertThat(d.multiplier(5 * 24 * HOUR + 14 * HOUR)).isCloseTo(1, within(1e-12)); // Saturday peak
        // Λ against Simpson's rule on a 1 s grid over the first 30 hours.
        double simpson = 0;
        long h = SECOND;
        for (long t = 0; t < 30 * HOUR; t += 2 * h) {
            simpson += h / 3.0 * (d.multiplier(t) + 4 * d.multiplier(t + h) + d.multiplier(t + 2 * h));
        }
        assertThat(d.operationalTime(30 * HOUR)).isCloseTo(simpson, within(1e-6 * simpson));
        UniformRandomProvider r = rng(4);
        for (int i = 0; i < 20_000; i++) {
            long t = r.nextLong(3 * DiurnalRate.WEEK_NANOS);
            double m = d.multiplier(t);
            if (m > 1e-3) {
                // 1 ns from the solver plus the double rounding of Λ itself, ulp(Λ) / m in real time.
                double u = d.operationalTime(t);
                assertThat(d.realTime(u)).as("t=" + t).isCloseTo(t, within(1 + (long) Math.ceil(Math.ulp(u) / m)));
            }
        }
        assertThat(new DiurnalRate(0.5, 0, 0).realTime(5 * 86400e9 + 1)).isGreaterThanOrEqualTo(7 * 24 * HOUR);
    }

    /**
     * One week of Poisson 0.5/s (weekday mean) × diurnal(amplitude 0.6, peak 14 h, weekend 0.5):
     * the 168 hourly counts pass a χ² goodness-of-fit test against base × ∫ multiplier over each
     * hour (df 168); weekend days carry the factor (ratio of Poisson totals, delta-method 99.9%
     * interval); the whole week's count matches rate × mean multiplier.
     */
    @Test
    void diurnalHourlyCountsTrackTheSinusoidAndTheWeekend() {
        double base = 0.5;
        DiurnalRate d = new DiurnalRate(0.6, 14, 0.5);
        ArrivalProcess p = new ModulatedArrivals(new PoissonArrivals(base, rng(5)), d);
        long[] c = MmppArrivalsTest.counts(p, HOUR, 168);
        double chi2 = 0;
        double weekday = 0;
        double weekend = 0;
        double total = 0;
        for (int i = 0; i < 168; i++) {
            double expected = base * (d.operationalTime((i + 1) * HOUR) - d.operationalTime(i * HOUR)) / 1e9;
            chi2 += (c[i] - expected) * (c[i] - expected) / expected;
            total += c[i];
            if (i >= 5 * 24) {
                weekend += c[i];
            } else {
                weekday += c[i];
            }
        }
        double pValue = 1 - new ChiSquaredDistribution(null, 168).cumulativeProbability(chi2);
        assertThat(pValue).as("chi2 p-value (chi2=" + chi2 + ")").isGreaterThan(ALPHA);
        double ratio = (weekend / 2) / (weekday / 5);
        assertThat(ratio).isCloseTo(0.5, within(Z_TWO_SIDED * 0.5 * Math.sqrt(1 / weekend + 1 / weekday)));
        double expectedTotal = base * d.meanMultiplier() * 7 * 86400;
        assertThat(total).isCloseTo(expectedTotal, within(Z_TWO_SIDED * Math.sqrt(expectedTotal)));
    }

    @Test
    void rejectsImpossibleSchedules() {
        assertThatThrownBy(() -> new DiurnalRate(1.5, 12, 1)).hasMessageContaining("amplitude");
        assertThatThrownBy(() -> new DiurnalRate(0.5, 24, 1)).hasMessageContaining("peak hour");
        assertThatThrownBy(() -> new DiurnalRate(0.5, 12, -1)).hasMessageContaining("weekend");
        assertThatThrownBy(() -> new PiecewiseConstantRate(new long[] {1}, new double[] {1})).hasMessageContaining("start at 0");
        assertThatThrownBy(() -> new PiecewiseConstantRate(new long[] {0, 5, 5}, new double[] {1, 1, 1}))
                .hasMessageContaining("increase strictly");
        assertThatThrownBy(() -> new PiecewiseConstantRate(new long[] {0}, new double[] {-1})).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new PiecewiseConstantRate(new long[] {0, 1}, new double[] {1})).isInstanceOf(IllegalArgumentException.class);
    }
}
