package org.tokenfab.sim;

import org.HdrHistogram.Histogram;

/**
 * A stream of non-negative durations in nanoseconds: exact count, mean, min and max, and
 * percentiles from an HdrHistogram with 3 significant digits (so within 0.1%), which records in
 * constant time and merges across replicas and runs.
 *
 * <p>The sum is kept in 128 bits so that the mean stays exact however long the run: a long sum
 * of nanoseconds would overflow after 292 years of total latency, and a double one loses
 * nanoseconds after 104 days.
 *
 * <p>Not thread-safe.
 */
public final class LatencyRecorder {

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double TWO_POW_64 = 0x1p64;

    /**
     * Values up to this many ns (~69 s) fit without the histogram growing. An auto-resizing histogram
     * started small copies its counts at every new power of two, which in a short run (a sweep point)
     * allocated more than the simulation itself; above this it still grows.
     */
    private static final long INITIAL_RANGE = 1L << 36;

    /** Created at the first value: many recorders of a run (classes, intervals) stay empty. */
    private Histogram histogram;
    private long count;
    private long sumLow;
    private long sumHigh;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    /** @throws IllegalArgumentException if {@code nanos} is negative */
    public void record(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("a duration must be >= 0 ns, was " + nanos);
        }
        histogram().recordValue(nanos);
        count++;
        addToSum(0, nanos);
        if (nanos < min) {
            min = nanos;
        }
        if (nanos > max) {
            max = nanos;
        }
    }

    /**
     * Records {@code nanos} {@code times} times (the same gap seen by every request of a batch).
     *
     * @throws IllegalArgumentException if {@code nanos} or {@code times} is negative
     */
    public void record(long nanos, long times) {
        if (nanos < 0 || times < 0) {
            throw new IllegalArgumentException("a duration and its count must be >= 0, were " + nanos + " ns x " + times);
        }
        if (times == 0) {
            return;
        }
        histogram().recordValueWithCount(nanos, times);
        count += times;
        addToSum(Math.multiplyHigh(nanos, times), nanos * times);
        if (nanos < min) {
            min = nanos;
        }
        if (nanos > max) {
            max = nanos;
        }
    }

    public long count() {
        return count;
    }

    /** The exact mean (from the running sum, not the histogram) in ns; NaN when empty. */
    public double mean() {
        if (count == 0) {
            return Double.NaN;
        }
        return sumAsDouble() / count;
    }

    /** The smallest duration recorded, in ns; 0 when empty (check {@link #count()}). */
    public long min() {
        return count == 0 ? 0 : min;
    }

    /** The largest duration recorded, in ns; 0 when empty (check {@link #count()}). */
    public long max() {
        return count == 0 ? 0 : max;
    }

    /**
     * The duration at percentile {@code p}, in ns, within the histogram's 0.1% precision and
     * clamped to the exact [min, max]; NaN when empty.
     *
     * @param p in [0, 100]
     */
    public double percentile(double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], was " + p);
        }
        if (count == 0) {
            return Double.NaN;
        }
        long value = histogram.getValueAtPercentile(p);
        return Math.min(max, Math.max(min, value));
    }

    /** Forgets everything recorded, keeping the histogram's memory (per-interval percentiles). */
    public void reset() {
        if (histogram != null) {
            histogram.reset();
        }
        count = 0;
        sumLow = 0;
        sumHigh = 0;
        min = Long.MAX_VALUE;
        max = Long.MIN_VALUE;
    }

    /** Adds everything {@code other} recorded to this recorder; {@code other} is unchanged. */
    public void add(LatencyRecorder other) {
        if (other.count == 0) {
            return;
        }
        histogram().add(other == this ? other.histogram.copy() : other.histogram);
        // Read other's fields before writing ours: other may be this.
        long otherCount = other.count;
        long otherHigh = other.sumHigh;
        long otherLow = other.sumLow;
        count += otherCount;
        addToSum(otherHigh, otherLow);
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    private void addToSum(long high, long low) {
        long newLow = sumLow + low;
        if (Long.compareUnsigned(newLow, sumLow) < 0) {
            sumHigh++;
        }
        sumLow = newLow;
        sumHigh += high;
    }

    private double sumAsDouble() {
        double low = sumLow >= 0 ? sumLow : (sumLow >>> 1) * 2.0 + (sumLow & 1);
        return sumHigh * TWO_POW_64 + low;
    }

    @Override
    public String toString() {
        if (count == 0) {
            return "LatencyRecorder[count=0]";
        }
        return "LatencyRecorder[count=" + count + ", mean=" + mean() + " ns, min=" + min
                + " ns, p50=" + percentile(50) + " ns, p99=" + percentile(99) + " ns, max=" + max + " ns]";
    }

    private Histogram histogram() {
        if (histogram == null) {
            histogram = new Histogram(1, INITIAL_RANGE, SIGNIFICANT_DIGITS);
            histogram.setAutoResize(true);
        }
        return histogram;
    }
}
