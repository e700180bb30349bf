package org.tokenfab.sim;

import java.util.Arrays;
import java.util.Objects;

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
 * from 0 and each reset cleared 229 KB: that was most of a short run's time. Here the counts are
 * kept in pages of 256 counters (2 KB), allocated when a value first falls in one, so a histogram
 * holds only the pages its values touched: a recorder of inter-token gaps between 1 and 50 ms needs
 * ~23 pages (5,700 counters), not 28,672 counters, and one of a few hundred requests' latencies a
 * handful. A percentile walks and a reset clears only the indices recorded since the last reset.
 * (An earlier version kept one window of indices that doubled as values arrived: each doubling
 * copied the window and left the old one as garbage, and a 1,000-point sweep allocated 1.4 GB of
 * such windows, more than half of all it allocated.)
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
    /** log2 of the counters in a page. */
    private static final int PAGE_BITS = 8;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    private static final int PAGES = (MAX_INDEX >>> PAGE_BITS) + 1;

    /** pages[i >>> PAGE_BITS][i & PAGE_MASK] is the count of index i; null until the first value, and so is a page never touched. */
    private long[][] pages;
    /** The indices recorded since the last reset lie in [low, high]; none when high < low. Counts outside it are 0. */
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
        page(i >>> PAGE_BITS)[i & PAGE_MASK] += count;
        if (i < low) {
            low = i;
        }
        if (i > high) {
            high = i;
        }
        total += count;
    }

    /** Page {@code p}, allocated (with the page table) if this is its first value. */
    private long[] page(int p) {
        long[][] table = pages;
        if (table == null) {
            table = pages = new long[PAGES][];
        }
        long[] page = table[p];
        if (page == null) {
            page = table[p] = new long[PAGE_SIZE];
        }
        return page;
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
        if (high < low) {
            return 0;
        }
        long cumulative = 0;
        for (int pg = low >>> PAGE_BITS; pg <= high >>> PAGE_BITS; pg++) {
            long[] page = pages[pg];
            if (page == null) {
                continue; // no value fell in it: its counts are all 0
            }
            int base = pg << PAGE_BITS;
            int to = Math.min(high, base + PAGE_MASK);
            for (int i = Math.max(low, base); i <= to; i++) {
                cumulative += page[i - base];
                if (cumulative >= target) {
                    return p == 0.0 ? lowestValue(i) : highestValue(i);
                }
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
        for (int pg = from >>> PAGE_BITS; pg <= to >>> PAGE_BITS; pg++) {
            long[] src = other.pages[pg];
            if (src == null) {
                continue;
            }
            long[] dst = page(pg); // after src: the same page when other is this
            for (int j = 0; j < PAGE_SIZE; j++) { // counts outside [low, high] are 0, so whole pages add
                dst[j] += src[j];
            }
        }
        low = Math.min(low, from);
        high = Math.max(high, to);
        total += otherTotal;
    }

    /** Forgets every count, keeping the pages. */
    void reset() {
        if (high >= low) {
            for (int pg = low >>> PAGE_BITS; pg <= high >>> PAGE_BITS; pg++) {
                long[] page = pages[pg];
                if (page != null) {
                    int base = pg << PAGE_BITS;
                    Arrays.fill(page, Math.max(low, base) - base, Math.min(high, base + PAGE_MASK) - base + 1, 0L);
                }
            }
        }
        low = Integer.MAX_VALUE;
        high = -1;
        total = 0;
    }

    /** The counters allocated (for tests that a histogram holds only the pages its values touched). */
    int capacity() {
        return pages == null ? 0 : (int) Arrays.stream(pages).filter(Objects::nonNull).count() * PAGE_SIZE;
    }
}
