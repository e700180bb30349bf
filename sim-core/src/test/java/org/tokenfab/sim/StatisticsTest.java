package org.tokenfab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void latencyRecorderHandComputed() {
        LatencyRecorder r = new LatencyRecorder();
        for (long v : new long[] {40, 10, 30, 20}) {
            r.record(v);
        }
        assertThat(r.count()).isEqualTo(4);
        assertThat(r.mean()).isEqualTo(25.0);
        assertThat(r.min()).isEqualTo(10);
        assertThat(r.max()).isEqualTo(40);
        assertThat(r.percentile(0)).isEqualTo(10.0);
        assertThat(r.percentile(50)).isEqualTo(20.0);
        assertThat(r.percentile(75)).isEqualTo(30.0);
        assertThat(r.percentile(100)).isEqualTo(40.0);
    }

    @Test
    void latencyPercentilesWithinHdrPrecision() {
        LatencyRecorder r = new LatencyRecorder();
        for (long v = 1; v <= 100_000; v++) {
            r.record(v * 1_000); // 1 us .. 100 ms
        }
        assertThat(r.mean()).isEqualTo(50_000.5 * 1_000);
        assertThat(r.percentile(50)).isCloseTo(50_000_000.0, withinPercentage(0.1));
        assertThat(r.percentile(90)).isCloseTo(90_000_000.0, withinPercentage(0.1));
        assertThat(r.percentile(99)).isCloseTo(99_000_000.0, withinPercentage(0.1));
        assertThat(r.percentile(99.9)).isCloseTo(99_900_000.0, withinPercentage(0.1));
        assertThat(r.percentile(100)).isEqualTo(100_000_000.0);
    }

    @Test
    void latencyRecorderMergesAndKeepsAnExactMeanBeyondLongRange() {
        LatencyRecorder a = new LatencyRecorder();
        LatencyRecorder b = new LatencyRecorder();
        a.record(5);
        a.record(Long.MAX_VALUE);
        b.record(Long.MAX_VALUE);
        b.record(0);
        a.add(b);
        assertThat(a.count()).isEqualTo(4);
        assertThat(a.min()).isZero();
        assertThat(a.max()).isEqualTo(Long.MAX_VALUE);
        // (2 * (2^63 - 1) + 5) / 4, which a long sum would have overflowed.
        assertThat(a.mean()).isEqualTo((2 * 0x1p63 + 3) / 4);
        assertThat(b.count()).as("merge leaves the other unchanged").isEqualTo(2);

        a.add(a);
        assertThat(a.count()).isEqualTo(8);
        assertThat(a.percentile(0)).isZero();
        a.add(new LatencyRecorder());
        assertThat(a.count()).isEqualTo(8);
    }

    @Test
    void latencyRecorderEdgeCases() {
        LatencyRecorder r = new LatencyRecorder();
        assertThat(r.count()).isZero();
        assertThat(r.mean()).isNaN();
        assertThat(r.percentile(99)).isNaN();
        assertThat(r.min()).isZero();
        assertThat(r.max()).isZero();
        assertThatThrownBy(() -> r.record(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.percentile(100.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.percentile(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(r.count()).isZero();
    }

    @Test
    void timeWeightedAverageHandComputed() {
        TimeWeightedAverage q = new TimeWeightedAverage(0, 2);
        q.update(10, 5);
        q.update(30, 0);
        q.update(30, 1); // a value held for no time adds no area
        assertThat(q.integral(40)).isEqualTo(2 * 10 + 5 * 20 + 1 * 10);
        assertThat(q.average(40)).isEqualTo(130.0 / 40);
        assertThat(q.max()).isEqualTo(5);
        assertThat(q.current()).isEqualTo(1);
        assertThat(q.integral(30)).isEqualTo(120);
    }

    @Test
    void timeWeightedAverageFromALaterStart() {
        TimeWeightedAverage u = new TimeWeightedAverage(100, 1);
        assertThat(u.average(100)).isNaN();
        assertThat(u.integral(100)).isZero();
        u.update(150, 3);
        assertThat(u.average(200)).isEqualTo(2.0);
        assertThatThrownBy(() -> u.update(149, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> u.integral(120)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeWeightedAverage(100, 0).update(99, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeWeightedAverageDoesNotDriftOverManySmallSteps() {
        TimeWeightedAverage p = new TimeWeightedAverage(0, 0.1);
        long t = 0;
        for (int i = 0; i < 1_000_000; i++) {
            t += 3;
            p.update(t, i % 2 == 0 ? 0.3 : 0.1);
        }
        // 500k steps at 0.1 and 500k at 0.3, each 3 ns long.
        assertThat(p.integral(t)).isCloseTo(600_000.0, offset(1e-6));
        assertThat(p.average(t)).isCloseTo(0.2, offset(1e-12));
    }
}
