package org.tokenfab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.tokenfab.workload.StatisticalTests.Z_TWO_SIDED;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Statistical assertions are at significance ALPHA = 0.001; see {@link StatisticalTests}. */
class ReasoningSplitTest {
    private static final int N = 20_000;

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    private static LengthDraw split(ReasoningSplit s, int output) {
        LengthDraw d = new LengthDraw();
        d.set(100, output);
        s.apply(d);
        return d;
    }

    @Test
    void fixedFractionKeepsAtLeastOneAnswerToken() {
        LengthDraw d = split(ReasoningSplit.fixedFraction(0.75), 1000);
        assertThat(d.reasoning()).isEqualTo(750);
        assertThat(d.answer()).isEqualTo(250);
        assertThat(split(ReasoningSplit.fixedFraction(0.75), 1).reasoning()).isZero();
        assertThat(split(ReasoningSplit.fixedFraction(1), 500).answer()).isEqualTo(1);
        assertThat(split(ReasoningSplit.fixedFraction(0), 500).reasoning()).isZero();
        assertThatThrownBy(() -> ReasoningSplit.fixedFraction(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    /** reasoning = output - answer, floored at 0; reasoning + answer = output for every request. */
    @Test
    void answerLengthSplitAddsUp() {
        RequestLengths lengths = new IndependentLengths(new FixedLength(200),
                LognormalLength.fromMedianAndP99(800, 8000, 32_768, rng(70)))
                .withReasoning(ReasoningSplit.answerLength(LognormalLength.fromMedianAndP99(300, 1500, 8192, rng(71))));
        LengthDraw d = new LengthDraw();
        int noReasoning = 0;
        for (int i = 0; i < N; i++) {
            lengths.sample(d);
            assertThat(d.reasoning() + d.answer()).isEqualTo(d.output());
            assertThat(d.reasoning()).isNotNegative();
            assertThat(d.answer()).isPositive();
            if (d.reasoning() == 0) {
                noReasoning++;
            }
        }
        assertThat(noReasoning).as("draws whose answer is longer than the output").isPositive();
        assertThat(split(ReasoningSplit.answerLength(new FixedLength(300)), 1000).reasoning()).isEqualTo(700);
        assertThat(split(ReasoningSplit.answerLength(new FixedLength(300)), 200).answer()).isEqualTo(200);
    }

    /** ServeGen deepseek-r1: median reasoning share 0.76 (shared/traces/README.md), within its 99.9% interval. */
    @Test
    void deepseekReasoningShareFromTheBundledTable() {
        QuantileTable shares = QuantileTable.bundled("servegen_deepseek-r1/reason_ratio");
        ReasoningSplit s = ReasoningSplit.fractionTable(shares, rng(80));
        double[] share = new double[N];
        LengthDraw d = new LengthDraw();
        for (int i = 0; i < N; i++) {
            d.set(10, 100_000);
            s.apply(d);
            assertThat(d.reasoning() + d.answer()).isEqualTo(d.output());
            share[i] = d.reasoning() / 100_000.0;
        }
        Arrays.sort(share);
        double slope = (shares.valueAt(0.51) - shares.valueAt(0.49)) / 0.02;
        double se = Math.sqrt(0.25 / N) * slope;
        assertThat(share[N / 2]).isCloseTo(0.764471, within(Z_TWO_SIDED * se + 1e-5));
        assertThat(shares.valueAt(0.5)).isCloseTo(0.76, within(0.005));
        assertThatThrownBy(() -> ReasoningSplit.fractionTable(QuantileTable.bundled("azure2023_conv/output_tokens"), rng(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lengthDrawChecksItsInvariants() {
        LengthDraw d = new LengthDraw();
        d.set(10, 20);
        assertThat(d.answer()).isEqualTo(20);
        assertThatThrownBy(() -> d.splitOutput(21)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.splitOutput(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.set(0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
