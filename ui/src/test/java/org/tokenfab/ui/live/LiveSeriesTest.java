package org.tokenfab.ui.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.tokenfab.scenario.run.TimeSeries;

class LiveSeriesTest {
    /** A row of pool {@code pool} for interval {@code i} (10 s), with values that vary with i. */
    private static TimeSeries.Row row(String pool, int i) {
        return new TimeSeries.Row(pool, i * 10.0, 10.0, i, 2 * i, 100 * i, i % 7, 10 + i, 0.01 * (i % 50), 0.5,
                0.1, 0.2, 500, 1000 + i, 0.5, 20 + i, 200 + i, i % 3 == 0 ? Double.NaN : 5, 9);
    }

    @Test
    void staysBoundedAndKeepsTotals() {
        LiveSeries s = new LiveSeries(50);
        double tokens = 0, arrivals = 0;
        for (int i = 0; i < 1_000; i++) {
            s.add(row("a", i));
            s.add(row("b", i));
            tokens += 100 * i;
            arrivals += i;
            assertThat(s.points("a")).hasSizeLessThanOrEqualTo(50);
        }
        assertThat(s.rowsSeen()).isEqualTo(2_000);
        List<LiveSeries.Point> a = s.points("a");
        assertThat(a.size()).isGreaterThan(20);
        // Counts are summed: nothing lost or double-counted by merging.
        assertThat(a.stream().mapToDouble(LiveSeries.Point::outputTokens).sum()).isEqualTo(tokens);
        assertThat(a.stream().mapToDouble(LiveSeries.Point::arrivals).sum()).isEqualTo(arrivals);
        // Spans tile simulated time without gaps, and the finished ones are equally wide.
        double t = 0;
        for (LiveSeries.Point p : a) {
            assertThat(p.startS()).isCloseTo(t, within(1e-9));
            t += p.intervalS();
        }
        assertThat(t).isCloseTo(10_000, within(1e-9));
        assertThat(a.subList(0, a.size() - 1)).allMatch(p -> p.intervalS() == s.stride() * 10.0);
        // Pools stay aligned, and the fleet sums them.
        assertThat(s.points("b")).hasSameSizeAs(a);
        List<LiveSeries.Point> fleet = s.fleet();
        assertThat(fleet.get(3).outputTokens()).isEqualTo(2 * a.get(3).outputTokens());
        assertThat(fleet.get(3).facilityPowerW()).isCloseTo(2 * a.get(3).facilityPowerW(), within(1e-9));
    }

    @Test
    void mergedGaugesAreIntervalWeightedMeans() {
        LiveSeries.Point p = new LiveSeries.Point(0, 10, 1, 2, 100, 4, 10, 0.2, 0.5, 1000, 20, 200, 5, 9);
        LiveSeries.Point q = new LiveSeries.Point(10, 30, 3, 4, 300, 8, 30, 0.6, 1.0, 2000, 40, Double.NaN, 9, 13);
        LiveSeries.Point m = p.merge(q);
        assertThat(m.startS()).isEqualTo(0);
        assertThat(m.intervalS()).isEqualTo(40);
        assertThat(m.arrivals()).isEqualTo(4);
        assertThat(m.completions()).isEqualTo(6);
        assertThat(m.outputTokens()).isEqualTo(400);
        assertThat(m.queued()).isCloseTo((4 * 10 + 8 * 30) / 40.0, within(1e-12));
        assertThat(m.running()).isCloseTo((10 * 10 + 30 * 30) / 40.0, within(1e-12));
        assertThat(m.kvOccupancy()).isCloseTo((0.2 * 10 + 0.6 * 30) / 40.0, within(1e-12));
        assertThat(m.facilityPowerW()).isCloseTo((1000 * 10 + 2000 * 30) / 40.0, within(1e-9));
        assertThat(m.ttftP50Ms()).isCloseTo((20 * 10 + 40 * 30) / 40.0, within(1e-12));
        assertThat(m.ttftP99Ms()).as("a NaN (nothing completed) carries no weight").isEqualTo(200);
        assertThat(m.outputTokensPerSecond()).isEqualTo(10);
        assertThat(m.outputTokensPerJoule()).isCloseTo(400 / (m.facilityPowerW() * 40), within(1e-12));
    }

    @Test
    void halvingMergesPairsWithTheSameRule() {
        LiveSeries s = new LiveSeries(4);
        for (int i = 1; i <= 5; i++) {
            s.add(row("a", i));
        }
        // Five rows into at most four points: pairs (1,2), (3,4) and 5 still gathering.
        List<LiveSeries.Point> a = s.points("a");
        assertThat(a).hasSize(3);
        assertThat(a.get(0).arrivals()).isEqualTo(1 + 2);
        assertThat(a.get(0).running()).isCloseTo((11 + 12) / 2.0, within(1e-12));
        assertThat(a.get(2).intervalS()).isEqualTo(10);
        s.clear();
        assertThat(s.points("a")).isEmpty();
        assertThat(s.stride()).isEqualTo(1);
    }
}
