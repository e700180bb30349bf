package org.tokenfab.sim;

/**
 * A stream of non-negative durations in nanoseconds: exact count, mean, min and max, and
 * percentiles from HdrHistogram's log-linear buckets with 3 significant digits (so within 0.1%;
 * {@code DurationHistogram}), which record in constant time and merge across replicas and runs.
 *
 * <p>The sum is kept in 128 bits so that the mean stays exact however long the run: a long sum
 * of nanoseconds would overflow after 292 years of total latency, and a double one loses
 * nanoseconds after 104 days.
 *
 * <p>Not thread-safe.
 */
public final class LatencyRecorder {

    private static final double TWO_POW_64 = 0x1p64;

    /** Its counts are allocated at the first value: many recorders of a run (classes, intervals) stay empty. */
    private final DurationHistogram histogram = new DurationHistogram();
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
        histogram.record(nanos, 1);
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
        histogram.record(nanos, times);
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
        long value = histogram.valueAtPercentile(p);
        return Math.min(max, Math.max(min, value));
    }

    /** Forgets everything recorded, keeping the histogram's memory (per-interval percentiles). */
    public void reset() {
        histogram.reset();
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
        histogram.add(other.histogram);
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
}
