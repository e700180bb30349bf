package org.tokenfab.sim;

import java.util.Arrays;

/**
 * Counts of non-negative values in HdrHistogram's log-linear buckets at 3 significant digits
 * (lowest discernible value 1: every value up to 2,047 has its own bucket, and a larger value's
 * bucket is narrower than 0.1% of it), with HdrHistogram's percentile rule. Bucket for bucket and
 * percentile for percentile it gives what {@code org.HdrHistogram.Histogram(1, range, 3)} gives
 * (2.2.2, checked against it in the tests), so the numbers a run reports did not change when it
 * replaced it.
 *
 * <p>Why not HdrHistogram itself: it keeps, walks and clears its whole counts array (28,672
 * counters up to ~69 s), whatever was recorded. A run's time series asks for four percentiles
 * and resets two recorders at every interval, and each walk went up to the percentile's index
 * from 0 and each reset cleared 229 KB: that was most of a short run's time. Here the counts array
 * covers only a window of indices that grows as values arrive (a recorder of inter-token gaps
 * between 1 and 50 ms needs ~5,700 counters, not 28,672), and a percentile walks and a reset
 * clears only the indices recorded since the last reset.
 *
 * <p>Not thread-safe.
 */
final class DurationHistogram {

    /** log2 of half the sub-buckets per bucket: 2 x 1,024 sub-buckets resolve 3 decimal digits. */
    private static final int HALF_MAGNITUDE = 10;
    private static final int HALF = 1 << HALF_MAGNITUDE;
    private static final long SUB_BUCKET_MASK = 2L * HALF - 1;
    /** 64 - log2(sub-bucket count): the bucket of a value is this minus its leading zeros. */
    private static final int LEADING_ZERO_BASE = 53;
    /** The index of Long.MAX_VALUE, the largest there is. */
    static final int MAX_INDEX = index(Long.MAX_VALUE);
    private static final int FIRST_CAPACITY = 1024;
    private static final long[] NONE = new long[0];

    /** counts[i - offset] is the count of index i. */
    private long[] counts = NONE;
    private int offset;
    /** The indices recorded since the last reset lie in [low, high]; none when high < low. */
    private int low = Integer.MAX_VALUE;
    private int high = -1;
    private long total;

    /** HdrHistogram's counts-array index of {@code value} (>= 0). */
    static int index(long value) {
        int bucket = bucket(value);
        int sub = (int) (value >>> bucket);
        return ((bucket + 1) << HALF_MAGNITUDE) + sub - HALF;
    }

    private static int bucket(long value) {
        return LEADING_ZERO_BASE - Long.numberOfLeadingZeros(value | SUB_BUCKET_MASK);
    }

    /** The smallest value whose index is {@code index}. */
    static long lowestValue(int index) {
        int bucket = (index >> HALF_MAGNITUDE) - 1;
        int sub = (index & (HALF - 1)) + HALF;
        if (bucket < 0) {
            sub -= HALF;
            bucket = 0;
        }
        return (long) sub << bucket;
    }

    /** The largest value whose index is {@code index}. */
    static long highestValue(int index) {
        long lowest = lowestValue(index);
        return lowest + (1L << bucket(lowest)) - 1;
    }

    /** Adds {@code count} (> 0) occurrences of {@code value} (>= 0). */
    void record(long value, long count) {
        int i = index(value);
        if (i < offset || i >= offset + counts.length) {
            cover(i, i);
        }
        counts[i - offset] += count;
        if (i < low) {
            low = i;
        }
        if (i > high) {
            high = i;
        }
        total += count;
    }

    long totalCount() {
        return total;
    }

    /**
     * HdrHistogram's {@code getValueAtPercentile}: the highest value of the first index at which
     * the cumulative count reaches {@code ceil(p/100 x total)} (at least 1); for p = 0, the lowest
     * value of that index. 0 when empty.
     */
    long valueAtPercentile(double p) {
        double requested = Math.min(Math.max(Math.nextAfter(p, Double.NEGATIVE_INFINITY), 0), 100.0);
        long target = Math.max((long) Math.ceil(requested * total / 100.0), 1);
        long cumulative = 0;
        for (int i = low; i <= high; i++) {
            cumulative += counts[i - offset];
            if (cumulative >= target) {
                return p == 0.0 ? lowestValue(i) : highestValue(i);
            }
        }
        return 0;
    }

    /** Adds every count of {@code other} (which may be this histogram: its counts then double). */
    void add(DurationHistogram other) {
        if (other.total == 0) {
            return;
        }
        int from = other.low;
        int to = other.high;
        long otherTotal = other.total;
        if (from < offset || to >= offset + counts.length) {
            cover(from, to);
        }
        long[] src = other.counts;
        int srcOffset = other.offset;
        for (int i = from; i <= to; i++) {
            counts[i - offset] += src[i - srcOffset];
        }
        low = Math.min(low, from);
        high = Math.max(high, to);
        total += otherTotal;
    }

    /** Forgets every count, keeping the counts array. */
    void reset() {
        if (high >= low) {
            Arrays.fill(counts, low - offset, high - offset + 1, 0L);
        }
        low = Integer.MAX_VALUE;
        high = -1;
        total = 0;
    }

    /**
     * Grows the counts window to include indices {@code from} to {@code to}: the first window is
     * those indices with room on both sides (at least 1,024 counters), a later one at least twice the
     * last, extended on the side that grew (values drift one way: a queue building up).
     */
    private void cover(int from, int to) {
        int end = offset + counts.length;
        int start;
        int length;
        if (counts.length == 0) {
            length = Math.max(FIRST_CAPACITY, to - from + 1);
            start = from - (length - (to - from + 1)) / 2;
        } else {
            int needed = Math.max(end, to + 1) - Math.min(offset, from);
            length = Math.max(2 * counts.length, needed);
            start = from < offset ? Math.max(end, to + 1) - length : offset;
        }
        length = Math.min(length, MAX_INDEX + 1);
        start = Math.max(0, Math.min(start, MAX_INDEX + 1 - length));
        long[] grown = new long[length];
        if (counts.length > 0) {
            System.arraycopy(counts, 0, grown, offset - start, counts.length);
        }
        counts = grown;
        offset = start;
    }

    /** The length of the counts array (for tests of the window's growth). */
    int capacity() {
        return counts.length;
    }
}
