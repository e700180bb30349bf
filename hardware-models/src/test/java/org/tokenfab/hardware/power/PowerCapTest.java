package org.tokenfab.hardware.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tokenfab.sim.TokenFabException;

class PowerCapTest {
    private static final long STEP = 10_000_000L; // 10 ms

    private final PowerModel h100 = new PowerModel(PowerTestParameters.h100Like()); // idle 75, TDP 700, α 1.56, β 0
    private final CappedStep out = new CappedStep();

    @Test
    void aCapAtTdpChangesNothing() {
        PowerCap cap = h100.cap(700);
        assertThat(cap.limits()).isFalse();
        assertThat(cap.clockFraction()).isEqualTo(1);
        assertThat(cap.computeTimeScale()).isEqualTo(1);
        cap.evaluate(STEP, STEP, STEP / 5, 0.55, 0.1, out);
        assertThat(out.clockFraction()).isEqualTo(1);
        assertThat(out.nanos()).isEqualTo(STEP);
        assertThat(out.watts()).isEqualTo(h100.watts(0.55, 0.1));
    }

    @Test
    void impossibleCapsAreUserErrorsWithTheNumbers() {
        assertThatThrownBy(() -> h100.cap(750)).isInstanceOf(TokenFabException.class)
                .hasMessageContaining("750.0 W").hasMessageContaining("test-gpu").hasMessageContaining("TDP of 700 W");
        // lowest feasible: idle 75 + active 325 x 0.2^1.56 = 101.4 W
        assertThatThrownBy(() -> h100.cap(100)).isInstanceOf(TokenFabException.class)
                .hasMessageContaining("above 101 W").hasMessageContaining("idle 75 W");
        assertThatThrownBy(() -> h100.cap(50)).isInstanceOf(TokenFabException.class);
        assertThatThrownBy(() -> h100.cap(Double.NaN)).isInstanceOf(TokenFabException.class)
                .hasMessageContaining("NaN");
        assertThat(h100.cap(102).limits()).isTrue();
    }

    @Test
    void fullLoadOperatingPointMeetsTheCapWithHbmUnscaled() {
        PowerCap cap = h100.cap(490);
        double f = cap.clockFraction();
        assertThat(75 + (700 - 75) * Math.pow(f, 1.56)).isCloseTo(490, within(1e-9));
        assertThat(cap.computeTimeScale()).isCloseTo(1 / f, within(1e-12)).isBetween(1.29, 1.31);
        assertThat(cap.memoryTimeScale()).isEqualTo(1); // β = 0
        assertThat(cap.stretchNanos(1_000_000, 500_000)).isEqualTo(Math.round(1_000_000 / f));
        assertThat(cap.stretchNanos(100_000, 1_000_000)).isEqualTo(1_000_000);
    }

    @Test
    void computeBoundWorkSlowsMoreThanMemoryBoundWork() {
        PowerCap cap = h100.cap(490);
        cap.evaluate(STEP, STEP, STEP / 5, 0.55, 0.1, out); // prefill-like, draws TDP uncapped
        double computeStretch = (double) out.nanos() / STEP;
        assertThat(out.watts()).isLessThanOrEqualTo(490);
        cap.evaluate(STEP, STEP / 5, STEP, 0.1, 0.9, out); // decode-like, 587 W uncapped
        double memoryStretch = (double) out.nanos() / STEP;
        assertThat(out.watts()).isLessThanOrEqualTo(490);
        assertThat(out.clockFraction()).isLessThan(1); // the cap binds, yet ...
        assertThat(memoryStretch).isEqualTo(1.0);      // ... HBM time hides the slower compute
        assertThat(computeStretch).isGreaterThan(1.2);
    }

    @Test
    void powerFallsFasterThanSpeedAndEnergyPerWorkFalls() {
        PowerCap cap = h100.cap(490);
        double uncappedW = h100.watts(0.55, 0.1);
        cap.evaluate(STEP, STEP, STEP / 5, 0.55, 0.1, out);
        double speed = (double) STEP / out.nanos();
        double powerAboveIdle = (out.watts() - 75) / (uncappedW - 75);
        assertThat(powerAboveIdle).isLessThan(speed);
        assertThat(out.joules()).isLessThan(PowerModel.joules(uncappedW, STEP));

        double memoryBoundW = h100.watts(0.1, 0.9);
        cap.evaluate(STEP, STEP / 5, STEP, 0.1, 0.9, out);
        assertThat(out.joules()).isLessThan(PowerModel.joules(memoryBoundW, STEP)); // same work, less energy
        // A step already under the cap is untouched.
        cap.evaluate(STEP, STEP / 5, STEP, 0.02, 0.3, out);
        assertThat(out.clockFraction()).isEqualTo(1);
        assertThat(out.watts()).isEqualTo(h100.watts(0.02, 0.3));
    }

    @Test
    void aVeryLowCapStallsMemoryHeavyStepsAtTheCap() {
        PowerCap cap = h100.cap(110);
        cap.evaluate(STEP, STEP / 5, STEP, 0.1, 0.9, out);
        assertThat(out.clockFraction()).isEqualTo(0.2);
        assertThat(out.watts()).isCloseTo(110, within(1e-9));
        assertThat(out.nanos()).isGreaterThan(STEP);
    }

    @Test
    void neverAboveTheCapNeverBelowIdleNeverFaster() {
        SplittableRandom rng = new SplittableRandom(7L);
        for (int set = 0; set < 300; set++) {
            PowerParameters p = PowerTestParameters.random(rng);
            PowerModel m = new PowerModel(p);
            double floor = PowerCap.lowestFeasibleCap(p);
            PowerCap cap = m.cap(floor + 1e-6 + rng.nextDouble() * (p.tdpW() - floor - 1e-6));
            for (int i = 0; i < 50; i++) {
                long step = 1 + rng.nextLong(100_000_000L);
                long compute = rng.nextLong(step + 1);
                long memory = rng.nextLong(step + 1);
                double uc = rng.nextDouble();
                double um = rng.nextDouble();
                cap.evaluate(step, compute, memory, uc, um, out);
                assertThat(out.watts()).isBetween(m.idleW(), cap.capW() + 1e-9);
                assertThat(out.watts()).isLessThanOrEqualTo(m.watts(uc, um) + 1e-9);
                assertThat(out.nanos()).isGreaterThanOrEqualTo(step);
                assertThat(out.clockFraction()).isBetween(p.minClockFraction(), 1.0);
                assertThat(out.computeUtilisation()).isLessThanOrEqualTo(uc + 1e-12);
                assertThat(out.memoryUtilisation()).isLessThanOrEqualTo(um + 1e-12);
            }
        }
    }

    @Test
    void inconsistentStepTimesAreBugs() {
        PowerCap cap = h100.cap(490);
        assertThatThrownBy(() -> cap.evaluate(100, 200, 50, 0.5, 0.5, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compute 200");
        assertThatThrownBy(() -> cap.stretchNanos(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void evaluateAllocatesNothing() {
        PowerCap cap = h100.cap(490);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            cap.evaluate(STEP, STEP, STEP / 5, 0.3 + (i % 50) / 100.0, 0.1, out);
            sink += out.nanos();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 50_000; i++) {
            cap.evaluate(STEP, STEP, STEP / 5, 0.3 + (i % 50) / 100.0, 0.1, out);
            sink += out.nanos();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink).isPositive();
        assertThat(allocated).isLessThan(1_000);
    }
}
