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
class MmppArrivalsTest {
    private static final long SECOND = 1_000_000_000L;

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /** Arrivals per window of {@code window} ns over {@code windows} windows. */
    static long[] counts(ArrivalProcess p, long window, int windows) {
        long[] c = new long[windows];
        long horizon = window * windows;
        for (long t = p.nextArrivalAfter(0); t < horizon; t = p.nextArrivalAfter(t)) {
            c[(int) (t / window)]++;
        }
        return c;
    }

    @Test
    void closedForms() {
        MmppArrivals m = new MmppArrivals(100, 0, 1, 1, rng(1));
        assertThat(m.meanRatePerSecond()).isEqualTo(50);
        // 1 + 2 (1/4) 100² / (50 · 2) = 51 for long windows
        assertThat(m.indexOfDispersion(1e9)).isCloseTo(51, within(1e-6));
        assertThat(m.indexOfDispersion(1e-9)).isCloseTo(1, within(1e-6));
        // Equal rates: a Poisson process.
        assertThat(new MmppArrivals(7, 7, 1, 3, rng(1)).indexOfDispersion(10)).isEqualTo(1);
    }

    /**
     * 2,000 s of on 100/s for 1 s, off 0/s for 1 s. The total count has variance IDC(2000 s) ×
     * mean; its 99.9% interval is z·sqrt(that). The 10 s window counts (correlation time 0.5 s, so
     * nearly independent and, at ~500 each, nearly normal) give a sample variance whose
     * ratio to the closed-form IDC × mean lies in the χ²(199) 99.9% interval.
     */
    @Test
    void longRunRateAndDispersionMatchTheClosedForms() {
        MmppArrivals m = new MmppArrivals(100, 0, 1, 1, rng(2));
        int windows = 200;
        long[] c = counts(m, 10 * SECOND, windows);
        double total = 0;
        for (long x : c) {
            total += x;
        }
        double expected = m.meanRatePerSecond() * 2000;
        double sd = Math.sqrt(m.indexOfDispersion(2000) * expected);
        assertThat(total).isCloseTo(expected, within(Z_TWO_SIDED * sd));

        double mean = total / windows;
        double ss = 0;
        for (long x : c) {
            ss += (x - mean) * (x - mean);
        }
        double idc = ss / (windows - 1) / mean;
        assertThat(idc).isGreaterThan(10); // Poisson would be 1 ± 0.33
        double truth = m.indexOfDispersion(10);
        ChiSquaredDistribution chi = new ChiSquaredDistribution(null, windows - 1);
        assertThat(idc / truth).isBetween(chi.inverseCumulativeProbability(ALPHA / 2) / (windows - 1),
                chi.inverseCumulativeProbability(1 - ALPHA / 2) / (windows - 1));
    }

    /** Off rate > 0 and unequal sojourns; the stationary start makes even a short run unbiased. */
    @Test
    void rateWithTrafficInBothStates() {
        MmppArrivals m = new MmppArrivals(80, 20, 0.5, 2, rng(3)); // mean (40 + 40) / 2.5 = 32/s
        assertThat(m.meanRatePerSecond()).isCloseTo(32, within(1e-12));
        long[] c = counts(m, 10 * SECOND, 100);
        double total = 0;
        for (long x : c) {
            total += x;
        }
        double expected = 32 * 1000;
        assertThat(total).isCloseTo(expected, within(Z_TWO_SIDED * Math.sqrt(m.indexOfDispersion(1000) * expected)));
    }

    @Test
    void sameSeedSameArrivals() {
        assertThat(GammaArrivalsTest.gaps(new MmppArrivals(100, 1, 1, 1, rng(9)), 200))
                .containsExactly(GammaArrivalsTest.gaps(new MmppArrivals(100, 1, 1, 1, rng(9)), 200));
    }

    @Test
    void rejectsImpossibleParameters() {
        assertThatThrownBy(() -> new MmppArrivals(0, 0, 1, 1, rng(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MmppArrivals(1, -1, 1, 1, rng(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MmppArrivals(1, 0, -1, 1, rng(1))).hasMessageContaining("mean sojourns");
        assertThatThrownBy(() -> new MmppArrivals(1, 0, 1, 0, rng(1))).hasMessageContaining("mean sojourns");
        assertThatThrownBy(() -> new MmppArrivals(1, 0, 1, Double.NaN, rng(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
