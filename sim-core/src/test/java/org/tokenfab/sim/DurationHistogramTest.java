package org.tokenfab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * {@link DurationHistogram} against the implementation it replaced: HdrHistogram 2.2.2 with
 * lowest discernible value 1, 3 significant digits and auto-resize, as {@link LatencyRecorder}
 * used it. Same values in, same percentiles out, through records with counts, merges (also of
 * a histogram into itself) and resets, over values from 0 to Long.MAX_VALUE.
 */
class DurationHistogramTest {

    private static final double[] PERCENTILES = {0, 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100};

    private static Histogram reference() {
        Histogram h = new Histogram(1, 1L << 36, 3);
        h.setAutoResize(true);
        return h;
    }

    /** A duration-like value: log-uniform over a random span of magnitudes, sometimes tiny or huge. */
    private static long value(SplittableRandom rng, int minBits, int maxBits) {
        double bits = minBits + rng.nextDouble() * (maxBits - minBits);
        return (long) Math.min(Math.pow(2, bits), Long.MAX_VALUE);
    }

    private static void assertSamePercentiles(DurationHistogram ours, Histogram theirs, String where) {
        assertThat(ours.totalCount()).as(where + ": total").isEqualTo(theirs.getTotalCount());
        for (double p : PERCENTILES) {
            assertThat(ours.valueAtPercentile(p)).as(where + ": p" + p).isEqualTo(theirs.getValueAtPercentile(p));
        }
    }

    @Test
    void bucketsAreHdrHistogramsAtEveryBoundary() {
        Histogram h = reference();
        for (int bit = 0; bit < 63; bit++) {
            for (long v : new long[] {(1L << bit) - 1, 1L << bit, (1L << bit) + 1, (1L << bit) * 3 / 2}) {
                if (v < 0) {
                    continue;
                }
                long lowest = h.lowestEquivalentValue(v);
                long highest = h.highestEquivalentValue(v);
                int i = DurationHistogram.index(v);
                assertThat(DurationHistogram.lowestValue(i)).as("lowest of %d", v).isEqualTo(lowest);
                assertThat(DurationHistogram.highestValue(i)).as("highest of %d", v).isEqualTo(highest);
            }
        }
        assertThat(DurationHistogram.index(Long.MAX_VALUE)).isEqualTo(DurationHistogram.MAX_INDEX);
        assertThat(DurationHistogram.lowestValue(DurationHistogram.MAX_INDEX)).isEqualTo(h.lowestEquivalentValue(Long.MAX_VALUE));
    }

    @Test
    void percentilesMatchHdrHistogramOnRandomStreams() {
        SplittableRandom rng = new SplittableRandom(20_261_207L);
        for (int trial = 0; trial < 300; trial++) {
            DurationHistogram ours = new DurationHistogram();
            Histogram theirs = reference();
            int lo = rng.nextInt(0, 40);
            int hi = lo + 1 + rng.nextInt(0, 63 - lo);
            int n = 1 + rng.nextInt(2_000);
            for (int k = 0; k < n; k++) {
                long v = value(rng, lo, hi);
                long count = rng.nextInt(4) == 0 ? 1 + rng.nextInt(1_000) : 1;
                ours.record(v, count);
                theirs.recordValueWithCount(v, count);
            }
            assertSamePercentiles(ours, theirs, "trial " + trial);
        }
    }

    @Test
    void mergesAndResetsMatchHdrHistogram() {
        SplittableRandom rng = new SplittableRandom(7L);
        DurationHistogram total = new DurationHistogram();
        Histogram totalRef = reference();
        DurationHistogram interval = new DurationHistogram();
        Histogram intervalRef = reference();
        for (int round = 0; round < 200; round++) {
            // Each interval drifts: its values sit at another magnitude than the last one's.
            int lo = rng.nextInt(0, 50);
            int hi = lo + 1 + rng.nextInt(0, 12);
            int n = rng.nextInt(300);
            for (int k = 0; k < n; k++) {
                long v = value(rng, lo, hi);
                interval.record(v, 1);
                intervalRef.recordValue(v);
            }
            assertSamePercentiles(interval, intervalRef, "interval " + round);
            total.add(interval);
            totalRef.add(intervalRef);
            assertSamePercentiles(total, totalRef, "total after " + round);
            interval.reset();
            intervalRef.reset();
            assertThat(interval.totalCount()).isZero();
            assertThat(interval.valueAtPercentile(50)).isEqualTo(intervalRef.getValueAtPercentile(50)).isZero();
        }
        total.add(total);
        totalRef.add(totalRef.copy());
        assertSamePercentiles(total, totalRef, "self-merge");
    }

    @Test
    void theCountsWindowCoversOnlyWhatWasRecorded() {
        DurationHistogram h = new DurationHistogram();
        assertThat(h.capacity()).isZero();
        for (long gap = 1_000_000; gap <= 50_000_000; gap += 1_000) { // 1-50 ms inter-token gaps
            h.record(gap, 1);
        }
        // HdrHistogram holds 28,672 counters for values up to 2^36 ns; these need under 6,000,
        // in whole pages of 256.
        int span = DurationHistogram.index(50_000_000) - DurationHistogram.index(1_000_000) + 1;
        assertThat(span).isLessThan(6_000);
        assertThat(h.capacity()).isLessThanOrEqualTo((span / 256 + 2) * 256);
    }

    @Test
    void farApartValuesTakeOnePageEach() {
        DurationHistogram h = new DurationHistogram();
        h.record(1_000_000, 1); // 1 ms
        h.record(10_000_000_000L, 3); // 10 s
        h.record(Long.MAX_VALUE, 1);
        assertThat(h.capacity()).isEqualTo(3 * 256);
        h.reset();
        h.record(1_000_001, 1); // same page as 1 ms: the reset kept it
        assertThat(h.capacity()).isEqualTo(3 * 256);
        assertThat(h.valueAtPercentile(50)).isEqualTo(DurationHistogram.highestValue(DurationHistogram.index(1_000_001)));
    }
}
