package org.tokenfab.workload.trace;

/**
 * How to replay a trace, applied while streaming by {@link ReplayingTraceReader}, in this order:
 * keep rows in the time window {@code [startNanos, endNanos)} of the trace's own clock, keep a
 * seeded fraction of them, shift times so the window start is 0, then divide times by the
 * speed-up (or by the factor that gives the target mean rate).
 *
 * @param startNanos window start, trace time (0: from the beginning)
 * @param endNanos window end, exclusive ({@code Long.MAX_VALUE}: to the end)
 * @param speedUp time compression, &gt; 0 (2 = twice as fast); must be 1 when a target rate is set
 * @param targetRatePerSecond mean rate after replay, (n − 1) / span as in the statistics, or NaN
 *     to keep the trace's; needs a first pass over the trace
 * @param sampleFraction fraction of rows kept, in (0, 1]
 * @param sampleSeed seed of the row sampling (a hash of seed and row index: reproducible, and
 *     independent of every other random stream)
 */
public record ReplayOptions(long startNanos, long endNanos, double speedUp, double targetRatePerSecond,
                            double sampleFraction, long sampleSeed) {
    /** Replay unchanged. */
    public static final ReplayOptions NONE = new ReplayOptions(0, Long.MAX_VALUE, 1.0, Double.NaN, 1.0, 0);

    public ReplayOptions {
        if (startNanos < 0 || endNanos <= startNanos) {
            throw new IllegalArgumentException("window must satisfy 0 <= start < end, got [" + startNanos + ", " + endNanos + ")");
        }
        if (!(speedUp > 0) || Double.isInfinite(speedUp)) {
            throw new IllegalArgumentException("speed-up must be finite and > 0, got " + speedUp);
        }
        if (!Double.isNaN(targetRatePerSecond) && (!(targetRatePerSecond > 0) || Double.isInfinite(targetRatePerSecond))) {
            throw new IllegalArgumentException("target rate must be finite and > 0 per second, got " + targetRatePerSecond);
        }
        if (!Double.isNaN(targetRatePerSecond) && speedUp != 1.0) {
            throw new IllegalArgumentException("give either a speed-up or a target rate, not both");
        }
        if (!(sampleFraction > 0 && sampleFraction <= 1)) {
            throw new IllegalArgumentException("sample fraction must be in (0, 1], got " + sampleFraction);
        }
    }

    public ReplayOptions window(long start, long end) {
        return new ReplayOptions(start, end, speedUp, targetRatePerSecond, sampleFraction, sampleSeed);
    }

    public ReplayOptions speedUp(double factor) {
        return new ReplayOptions(startNanos, endNanos, factor, targetRatePerSecond, sampleFraction, sampleSeed);
    }

    public ReplayOptions targetRate(double perSecond) {
        return new ReplayOptions(startNanos, endNanos, speedUp, perSecond, sampleFraction, sampleSeed);
    }

    public ReplayOptions sample(double fraction, long seed) {
        return new ReplayOptions(startNanos, endNanos, speedUp, targetRatePerSecond, fraction, seed);
    }

    boolean isIdentity() {
        return startNanos == 0 && endNanos == Long.MAX_VALUE && speedUp == 1.0 && Double.isNaN(targetRatePerSecond)
                && sampleFraction == 1.0;
    }
}
