package org.tokenfab.validation.queueing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QueueingFormulasTest {

    private static final double EPS = 1e-12;

    @Test
    void mm1() {
        assertThat(QueueingFormulas.mm1MeanWait(0.5, 1)).isCloseTo(1.0, within(EPS));
        assertThat(QueueingFormulas.mm1MeanWait(0.9, 1)).isCloseTo(9.0, within(EPS));
        assertThat(QueueingFormulas.mm1MeanWait(9, 10)).isCloseTo(0.9, within(EPS));
    }

    @Test
    void pollaczekKhinchineReducesToTheSpecialCases() {
        // Exponential service with rate mu: E[S] = 1/mu, E[S^2] = 2/mu^2.
        assertThat(QueueingFormulas.mg1MeanWait(0.7, 0.5, 2 * 0.25))
                .isCloseTo(QueueingFormulas.mm1MeanWait(0.7, 2), within(EPS));
        // M/D/1 waits half as long as M/M/1 at the same load.
        assertThat(QueueingFormulas.md1MeanWait(0.8, 1)).isCloseTo(QueueingFormulas.mm1MeanWait(0.8, 1) / 2, within(EPS));
    }

    @Test
    void erlangC() {
        assertThat(QueueingFormulas.erlangC(1, 0.6)).isCloseTo(0.6, within(EPS));
        // Two servers at rho = 0.5: P(wait) = 2 rho^2 / (1 + rho) = 1/3.
        assertThat(QueueingFormulas.erlangC(2, 1.0)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(QueueingFormulas.mmcMeanWait(0.6, 1, 1)).isCloseTo(QueueingFormulas.mm1MeanWait(0.6, 1), within(EPS));
        // M/M/2, lambda = 1, mu = 1: Wq = (1/3) / (2 - 1).
        assertThat(QueueingFormulas.mmcMeanWait(1, 1, 2)).isCloseTo(1.0 / 3, within(EPS));
    }

    @Test
    void unstableQueuesAreRejected() {
        assertThatThrownBy(() -> QueueingFormulas.mm1MeanWait(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueueingFormulas.mmcMeanWait(2, 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueueingFormulas.md1MeanWait(1, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void studentTInterval() {
        ConfidenceInterval ci = ConfidenceInterval.studentT(new double[] {1, 2, 3, 4, 5}, 0.99);
        // mean 3, s = sqrt(2.5), t(0.995, 4) = 4.604094
        assertThat(ci.mean()).isEqualTo(3.0);
        assertThat(ci.halfWidth()).isCloseTo(4.604094 * Math.sqrt(2.5 / 5), within(1e-5));
        assertThat(ci.contains(3 + ci.halfWidth())).isTrue();
        assertThat(ci.contains(3 + ci.halfWidth() * 1.0001)).isFalse();
    }
}
