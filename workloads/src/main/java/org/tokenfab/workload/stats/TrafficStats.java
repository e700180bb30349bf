package org.tokenfab.workload.stats;

import java.util.Arrays;
import org.tokenfab.workload.trace.TraceRecord;

/**
 * A streaming accumulator of traffic statistics (see {@link TrafficSummary} for the definitions,
 * which are those of the shared traces' {@code compute_stats.py}). Arrivals must come in
 * non-decreasing order, as trace readers and arrival processes deliver them.
 *
 * <p>Memory: the lengths are kept in two primitive arrays (exact percentiles need them, 8 bytes
 * per request), counts per window in growable int arrays, and the distinct prefix-block ids in a
 * primitive hash set. Nothing else grows with the trace.
 *
 * <p>Prefix cache: a request's hit is its run of leading block ids already seen in earlier requests,
 * {@code min(k × blockSize, input)} tokens; the ratio is total hits over total input tokens (of all
 * requests). Every block of the request then enters the (infinite) cache.
 */
public final class TrafficStats {
    private static final long[] WINDOW_NANOS = {1_000_000_000L, 10_000_000_000L, 60_000_000_000L};

    private long n;
    private long first;
    private long last;
    // Welford over gaps in seconds.
    private double gapMean;
    private double gapM2;
    private long gaps;
    private final int[][] windowCounts = new int[WINDOW_NANOS.length][];
    private int[] inputs = new int[1024];
    private int[] outputs = new int[1024];
    private long inputTotal;
    private long outputTotal;
    private long failed;
    private boolean prefixTagged;
    private long prefixHitTokens;
    private LongHashSet seenBlocks;

    public TrafficStats() {
        for (int w = 0; w < WINDOW_NANOS.length; w++) {
            windowCounts[w] = new int[64];
        }
    }

    /** Adds a trace row (failed rows count as requests, and are also counted as failed). */
    public void add(TraceRecord r) {
        add(r.arrivalNanos, r.inputTokens, r.outputTokens, r.blockIds, r.blockCount, r.blockSizeTokens);
        if (r.failed) {
            failed++;
        }
    }

    /** Adds a request without prefix information. */
    public void add(long arrivalNanos, int inputTokens, int outputTokens) {
        add(arrivalNanos, inputTokens, outputTokens, null, 0, 0);
    }

    /**
     * Adds a request.
     *
     * @param blockIds prefix-block ids, the first {@code blockCount} are used (may be null if 0)
     * @param blockSizeTokens tokens per block
     * @throws IllegalArgumentException if the arrival precedes the previous one or lengths are negative
     */
    public void add(long arrivalNanos, int inputTokens, int outputTokens, long[] blockIds, int blockCount, int blockSizeTokens) {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("negative token count: " + inputTokens + ", " + outputTokens);
        }
        if (n == 0) {
            first = arrivalNanos;
        } else {
            if (arrivalNanos < last) {
                throw new IllegalArgumentException("arrivals must not decrease: " + arrivalNanos + " after " + last);
            }
            double gap = (arrivalNanos - last) / 1e9;
            gaps++;
            double d = gap - gapMean;
            gapMean += d / gaps;
            gapM2 += d * (gap - gapMean);
        }
        last = arrivalNanos;
        long offset = arrivalNanos - first;
        for (int w = 0; w < WINDOW_NANOS.length; w++) {
            long idx = offset / WINDOW_NANOS[w];
            int[] c = windowCounts[w];
            if (idx >= c.length) {
                if (idx >= Integer.MAX_VALUE - 8) {
                    throw new IllegalArgumentException("trace too long for window statistics");
                }
                c = windowCounts[w] = Arrays.copyOf(c, (int) Math.max(idx + 1, Math.min(Integer.MAX_VALUE - 8, 2L * c.length)));
            }
            c[(int) idx]++;
        }
        if (n == inputs.length) {
            if (n >= Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("more requests than TrafficStats can hold");
            }
            int cap = (int) Math.min(Integer.MAX_VALUE - 8, 2L * n);
            inputs = Arrays.copyOf(inputs, cap);
            outputs = Arrays.copyOf(outputs, cap);
        }
        inputs[(int) n] = inputTokens;
        outputs[(int) n] = outputTokens;
        inputTotal += inputTokens;
        outputTotal += outputTokens;
        n++;
        if (blockCount > 0) {
            if (!prefixTagged) {
                prefixTagged = true;
                seenBlocks = new LongHashSet(1 << 16);
            }
            int k = 0;
            while (k < blockCount && seenBlocks.contains(blockIds[k])) {
                k++;
            }
            prefixHitTokens += Math.min((long) k * blockSizeTokens, inputTokens);
            for (int i = 0; i < blockCount; i++) {
                seenBlocks.add(blockIds[i]);
            }
        }
    }

    /** Requests added so far. */
    public long count() {
        return n;
    }

    /** The statistics of everything added so far (sorts copies of the lengths: O(n log n)). */
    public TrafficSummary summary() {
        long spanNanos = n == 0 ? 0 : last - first;
        double span = spanNanos / 1e9;
        double rate = n >= 2 && spanNanos > 0 ? (n - 1) / span : Double.NaN;
        double cv = gaps >= 1 && gapMean > 0 ? Math.sqrt(gapM2 / gaps) / gapMean : Double.NaN;
        double[] idc = new double[WINDOW_NANOS.length];
        double[] peak = new double[WINDOW_NANOS.length];
        for (int w = 0; w < WINDOW_NANOS.length; w++) {
            long windows = n == 0 ? 0 : spanNanos / WINDOW_NANOS[w]; // the partial last window is dropped
            if (windows < 1) {
                idc[w] = Double.NaN;
                peak[w] = Double.NaN;
                continue;
            }
            int[] c = windowCounts[w];
            double sum = 0;
            int max = 0;
            for (int i = 0; i < windows; i++) {
                sum += c[i];
                max = Math.max(max, c[i]);
            }
            double mean = sum / windows;
            double ss = 0;
            for (int i = 0; i < windows; i++) {
                double d = c[i] - mean;
                ss += d * d;
            }
            idc[w] = mean > 0 ? (ss / windows) / mean : Double.NaN;
            peak[w] = max / (WINDOW_NANOS[w] / 1e9);
        }
        double hit = prefixTagged && inputTotal > 0 ? (double) prefixHitTokens / inputTotal : Double.NaN;
        return new TrafficSummary(n, span, rate, cv, idc[0], idc[1], idc[2], peak[0], peak[1], peak[2],
                lengths(inputs, inputTotal), lengths(outputs, outputTotal), prefixTagged, hit,
                seenBlocks == null ? 0 : seenBlocks.size(), failed);
    }

    private TrafficSummary.Lengths lengths(int[] values, long total) {
        if (n == 0) {
            return new TrafficSummary.Lengths(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0);
        }
        int[] sorted = Arrays.copyOf(values, (int) n);
        Arrays.sort(sorted);
        return new TrafficSummary.Lengths((double) total / n, percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted[0], sorted[sorted.length - 1], total);
    }

    /** Linear interpolation between order statistics (NumPy's default, compute_stats.py's pct). */
    public static double percentile(int[] sorted, double p) {
        double k = (sorted.length - 1) * p / 100.0;
        int f = (int) Math.floor(k);
        int c = Math.min(f + 1, sorted.length - 1);
        return sorted[f] + (sorted[c] - sorted[f]) * (k - f);
    }
}
