package org.tokenfab.hardware.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PowerModelTest {
    private final PowerModel h100 = new PowerModel(PowerTestParameters.h100Like());

    @Test
    void powerIsIdlePlusActivePlusActivitiesUpToTdp() {
        assertThat(h100.watts(0, 0)).isEqualTo(75 + 325);
        assertThat(h100.watts(0.2, 0.6)).isCloseTo(75 + 325 + 745 * 0.2 + 125 * 0.6, within(1e-9));
        assertThat(h100.watts(1, 1)).isEqualTo(700); // 1270 W of demand, held at TDP
        assertThat(h100.idleW()).isEqualTo(75);
        assertThat(h100.tdpW()).isEqualTo(700);
    }

    @Test
    void neverBelowIdleNeverAboveTdpAndMonotoneInEachActivity() {
        SplittableRandom rng = new SplittableRandom(20261122L);
        for (int set = 0; set < 200; set++) {
            PowerModel m = new PowerModel(PowerTestParameters.random(rng));
            for (int i = 0; i < 200; i++) {
                double uc = rng.nextDouble();
                double um = rng.nextDouble();
                double w = m.watts(uc, um);
                assertThat(w).isBetween(m.idleW(), m.tdpW());
                double moreCompute = Math.min(1, uc + rng.nextDouble() * (1 - uc));
                double moreMemory = Math.min(1, um + rng.nextDouble() * (1 - um));
                assertThat(m.watts(moreCompute, um)).isGreaterThanOrEqualTo(w);
                assertThat(m.watts(uc, moreMemory)).isGreaterThanOrEqualTo(w);
            }
            assertThat(m.watts(0, 0)).isGreaterThanOrEqualTo(m.idleW());
            assertThat(m.watts(1, 1)).isLessThanOrEqualTo(m.tdpW());
        }
    }

    @Test
    void energyIsPowerTimesDuration() {
        assertThat(h100.joules(0.2, 0.6, 10_000_000L)).isCloseTo(h100.watts(0.2, 0.6) * 0.01, within(1e-12));
        assertThat(PowerModel.joules(700, 1_000_000_000L)).isEqualTo(700);
        assertThatThrownBy(() -> PowerModel.joules(700, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void utilisationsJustAboveOneAreRoundingOthersAreBugs() {
        assertThat(h100.watts(1.005, 0)).isEqualTo(h100.watts(1, 0));
        assertThatThrownBy(() -> h100.watts(1.2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("computeUtilisation").hasMessageContaining("1.2");
        assertThatThrownBy(() -> h100.watts(0, -0.1)).hasMessageContaining("memoryUtilisation");
        assertThatThrownBy(() -> h100.watts(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parametersRejectImpossibleNumbersAndMissingSources() {
        assertThatThrownBy(() -> PowerTestParameters.of("x", 75, 700, 100, 100, 700, 1.5, 0, 0.2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idle_w + active_w < tdp_w");
        assertThatThrownBy(() -> PowerTestParameters.of("x", 0, 100, 100, 100, 700, 1.5, 0, 0.2))
                .hasMessageContaining("idle_w");
        assertThatThrownBy(() -> PowerTestParameters.of("x", 75, 100, -1, 100, 700, 1.5, 0, 0.2))
                .hasMessageContaining("compute_w");
        assertThatThrownBy(() -> PowerTestParameters.of("x", 75, 100, 100, 100, 700, 0.5, 0, 0.2))
                .hasMessageContaining("clock_exponent");
        assertThatThrownBy(() -> new PowerParameters("x", 75, 100, 100, 100, 700, 1.5, 0, 0.2, new LinkedHashMap<>()))
                .hasMessageContaining("has no source");
    }

    @Test
    void wattsAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int i = 0; i < 20_000; i++) { // warm up so the JIT has compiled the path
            sink += h100.watts((i % 100) / 100.0, (i % 37) / 37.0);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sink += h100.watts((i % 100) / 100.0, (i % 37) / 37.0);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink).isPositive();
        assertThat(allocated).isLessThan(1_000); // the counter itself may account a few bytes
    }
}
