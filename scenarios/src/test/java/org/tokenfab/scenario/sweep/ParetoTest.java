package org.tokenfab.scenario.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ParetoTest {
    /** The definition, checked pair by pair. */
    private static List<Integer> naive(double[] x, double[] y, boolean maxX, boolean maxY) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
                continue;
            }
            boolean dominated = false;
            for (int j = 0; j < x.length && !dominated; j++) {
                if (j == i || Double.isNaN(x[j]) || Double.isNaN(y[j])) {
                    continue;
                }
                double dx = (maxX ? 1 : -1) * (x[j] - x[i]);
                double dy = (maxY ? 1 : -1) * (y[j] - y[i]);
                dominated = dx >= 0 && dy >= 0 && (dx > 0 || dy > 0);
            }
            if (!dominated) {
                kept.add(i);
            }
        }
        return kept;
    }

    @Test
    void matchesThePairwiseDefinitionOnRandomPoints() {
        Random random = new Random(20261122);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + random.nextInt(40);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                // few distinct values, so ties and duplicates are common
                x[i] = random.nextInt(8);
                y[i] = random.nextInt(8);
                if (random.nextInt(20) == 0) {
                    y[i] = Double.NaN;
                }
            }
            boolean maxX = random.nextBoolean();
            boolean maxY = random.nextBoolean();
            List<Integer> fast = new ArrayList<>(Pareto.frontier(x, y, maxX, maxY));
            fast.sort(null);
            assertThat(fast).as("trial %d", trial).isEqualTo(naive(x, y, maxX, maxY));
        }
    }

    @Test
    void ordersTheFrontierByX() {
        double[] x = {3, 1, 2, 0.5};
        double[] y = {1, 3, 2, 0.5};
        assertThat(Pareto.frontier(x, y, true, true)).containsExactly(1, 2, 0);
        assertThat(Pareto.frontier(x, y, false, false)).containsExactly(3);
    }
}
