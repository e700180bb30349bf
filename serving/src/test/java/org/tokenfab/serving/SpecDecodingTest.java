package org.tokenfab.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tokenfab.serving.SchedHarness.MS;
import static org.tokenfab.serving.SchedHarness.US;
import static org.tokenfab.serving.SchedHarness.req;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Speculative decoding: the closed form, the acceptance sampler, and replica runs. */
class SpecDecodingTest {
    /** Drafting costs 10 us per decoding sequence per pass. */
    private static final StepCost DRAFT = (batch, usage) -> batch.decodeSeqs * 10 * US;

    @Test
    void expectedTokensPerStepClosedForm() {
        // (1 - a^(k+1)) / (1 - a)
        assertThat(new SpecDecoding(3, 0.5, DRAFT, "x").expectedTokensPerStep()).isCloseTo(1.875, within(1e-12)); // 0.9375 / 0.5
        assertThat(new SpecDecoding(2, 0.8, DRAFT, "x").expectedTokensPerStep()).isCloseTo(2.44, within(1e-12)); // 0.488 / 0.2
        assertThat(new SpecDecoding(5, 0, DRAFT, "x").expectedTokensPerStep()).isEqualTo(1.0);
    }

    @Test
    void acceptedCountIsTheTruncatedGeometricInverse() {
        SpecDecoding s = new SpecDecoding(3, 0.5, DRAFT, "x");
        // Accept token j+1 while u < 0.5^(j+1): thresholds 0.5, 0.25, 0.125.
        assertThat(s.accepted(3, 0.6)).isEqualTo(0);
        assertThat(s.accepted(3, 0.4)).isEqualTo(1);
        assertThat(s.accepted(3, 0.2)).isEqualTo(2);
        assertThat(s.accepted(3, 0.1)).isEqualTo(3);
        assertThat(s.accepted(3, 0.0)).isEqualTo(3);
        assertThat(s.accepted(2, 0.0)).isEqualTo(2); // fewer drafts than k near the end of the output
    }

    /**
     * P(j accepted) = a^j (1 - a) for j < k, a^k for j = k. With a = 0.6, k = 3: 0.4, 0.24, 0.144,
     * 0.216. Chi-square with 3 degrees of freedom; 21.108 is its 1 - 1e-4 quantile, so with a random
     * seed this would fail once in 10,000 runs (the seed is fixed).
     */
    @Test
    void acceptedCountDistributionPassesChiSquare() {
        SpecDecoding s = new SpecDecoding(3, 0.6, DRAFT, "x");
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 100_000;
        long[] counts = new long[4];
        for (int i = 0; i < n; i++) {
            counts[s.accepted(3, rnd.nextDouble())]++;
        }
        double[] p = {0.4, 0.24, 0.144, 0.216};
        double chi2 = 0;
        for (int j = 0; j < 4; j++) {
            double e = n * p[j];
            chi2 += (counts[j] - e) * (counts[j] - e) / e;
        }
        assertThat(chi2).isLessThan(21.108);
    }

    @Test
    void acceptanceZeroEmitsOneTokenPerStepAndPaysTheDraft() {
        SchedHarness h = new SchedHarness();
        h.replica(1000, 16, 8192, 8, SchedulerOptions.DEFAULT.withSpec(new SpecDecoding(3, 0, DRAFT, "x")));
        h.arrive(req(0, 10, 5));
        h.run();
        // Prefill 10: 1.1 ms, token 1. Then one token per step, each verifying min(1 + 3, remaining)
        // tokens as a prefill chunk plus 3 draft passes of 10 us: 4 tokens -> 1.04 + 0.03,
        // 3 -> 1.03 + 0.03, 2 -> 1.02 + 0.03; the last is a plain decode 1.1 + 0.03.
        assertThat(h.steps).extracting(SchedHarness.Step::prefillTokens).containsExactly(10, 4, 3, 2, 0);
        assertThat(h.fate(0).finish()).isEqualTo(1100 * US + 1070 * US + 1060 * US + 1050 * US + 1130 * US);
        ReplicaStats st = h.stats();
        assertThat(st.steps()).isEqualTo(5);
        assertThat(st.draftTokens()).isEqualTo(3 + 2 + 1);
        assertThat(st.acceptedDraftTokens()).isZero();
        assertThat(h.metrics.itl().count()).isEqualTo(4);
    }

    @Test
    void draftsCutTheStepsAndKeepTheTokenCountExact() {
        SchedHarness h = new SchedHarness();
        h.replica(1000, 16, 8192, 8, SchedulerOptions.DEFAULT.withSpec(new SpecDecoding(4, 0.9, DRAFT, "x")));
        h.arrive(req(0, 10, 50), req(0, 20, 50));
        h.run();
        ReplicaStats st = h.stats();
        assertThat(h.fate(0).generated()).isEqualTo(50);
        assertThat(h.fate(1).generated()).isEqualTo(50);
        assertThat(h.metrics.outputTokens()).isEqualTo(100);
        // Each sequence: 1 token from its prefill + per decode step 1 + accepted drafts (never capped, as
        // drafts <= remaining - 1): 100 = 2 + decode rows + accepted. A alone in step 1, B joins in step 2.
        long decodeRows = h.steps.stream().mapToLong(x -> x.decodeSeqs() + x.prefillSeqs()).sum() - 2;
        assertThat(decodeRows + st.acceptedDraftTokens()).isEqualTo(100 - 2);
        assertThat(st.steps()).isLessThan(40); // about 50 / 4.1 ~ 13 decode steps without drafts it is 50
        assertThat(st.acceptedDraftTokens()).isLessThanOrEqualTo(st.draftTokens());
    }

    @Test
    void noSpecMeansNoDraftCost() {
        SchedHarness h = new SchedHarness();
        h.replica(1000, 16, 8192, 8, SchedulerOptions.DEFAULT);
        h.arrive(req(0, 10, 2));
        h.run();
        assertThat(h.fate(0).finish()).isEqualTo(1100 * US + MS + 100 * US);
    }
}
