package org.tokenfab.validation.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The simplex search finds known minima within its evaluation budget and never exceeds it. */
class NelderMeadTest {
    @Test
    void findsTheMinimumOfAShiftedQuadraticBowl() {
        int[] calls = {0};
        double[] x = NelderMead.minimise(v -> {
            calls[0]++;
            return Math.pow(v[0] - 1.5, 2) + 10 * Math.pow(v[1] + 0.5, 2) + 3 * Math.pow(v[2] - 2, 2);
        }, new double[] {0, 0, 0}, new double[] {0.3, 0.3, 0.3}, 400);
        assertThat(calls[0]).isLessThanOrEqualTo(401); // the last expansion may take one past the budget
        assertThat(x[0]).isCloseTo(1.5, within(1e-3));
        assertThat(x[1]).isCloseTo(-0.5, within(1e-3));
        assertThat(x[2]).isCloseTo(2, within(1e-3));
    }

    @Test
    void followsRosenbrocksValley() {
        double[] x = NelderMead.minimise(v -> 100 * Math.pow(v[1] - v[0] * v[0], 2) + Math.pow(1 - v[0], 2),
                new double[] {-1.2, 1}, new double[] {0.5, 0.5}, 1_000);
        assertThat(x[0]).isCloseTo(1, within(1e-2));
        assertThat(x[1]).isCloseTo(1, within(2e-2));
    }

    @Test
    void isDeterministic() {
        java.util.function.ToDoubleFunction<double[]> f = v -> Math.abs(v[0] - 0.3) + Math.pow(v[1] - 2, 2);
        assertThat(NelderMead.minimise(f, new double[] {0, 0}, new double[] {1, 1}, 60))
                .containsExactly(NelderMead.minimise(f, new double[] {0, 0}, new double[] {1, 1}, 60));
    }
}
