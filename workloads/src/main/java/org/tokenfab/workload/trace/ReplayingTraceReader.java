package org.tokenfab.workload.trace;

import java.util.function.Supplier;
import org.tokenfab.sim.TokenFabException;

/**
 * Applies {@link ReplayOptions} to a trace while streaming it: window, sampling, shift and time
 * scaling. Reading stops at the first row past the window (traces are sorted).
 */
public final class ReplayingTraceReader implements TraceReader {
    private final TraceReader source;
    private final ReplayOptions options;
    private final double timeScale;
    private final long threshold;
    private long rowIndex;

    /**
     * Opens a replay. With a target rate, {@code opener} is called twice: a first pass measures the
     * mean rate of the kept rows, and the time scale is set so that the replay has the target rate
     * exactly (by the (n − 1) / span definition).
     *
     * @throws TokenFabException if a target rate is asked of a window holding fewer than two rows
     *     at distinct times
     */
    public static ReplayingTraceReader open(Supplier<TraceReader> opener, ReplayOptions options) {
        double scale = 1.0 / options.speedUp();
        if (!Double.isNaN(options.targetRatePerSecond())) {
            long n = 0;
            long first = 0;
            long last = 0;
            String name;
            try (ReplayingTraceReader pass = new ReplayingTraceReader(opener.get(), options, 1.0)) {
                name = pass.source();
                TraceRecord r = new TraceRecord();
                while (pass.next(r)) {
                    if (n++ == 0) {
                        first = r.arrivalNanos;
                    }
                    last = r.arrivalNanos;
                }
            }
            if (n < 2 || last == first) {
                throw new TokenFabException("cannot rescale " + name + " to " + options.targetRatePerSecond()
                        + " req/s: the replayed window holds " + n + " request(s)" + (n >= 2 ? " all at the same time" : "")
                        + "; widen the window or drop the target rate");
            }
            double measured = (n - 1) / ((last - first) / 1e9);
            scale = measured / options.targetRatePerSecond();
        }
        return new ReplayingTraceReader(opener.get(), options, scale);
    }

    /** Wraps {@code source} with the options (no target rate) or an explicit time scale. */
    public ReplayingTraceReader(TraceReader source, ReplayOptions options, double timeScale) {
        this.source = source;
        this.options = options;
        this.timeScale = timeScale;
        double f = options.sampleFraction();
        this.threshold = f >= 1.0 ? Long.MAX_VALUE : (long) (f * 0x1p63);
    }

    /** Multiplier applied to (trace time − window start): 1 / speed-up, or the rate-matching factor. */
    public double timeScale() {
        return timeScale;
    }

    @Override
    public boolean next(TraceRecord out) {
        while (source.next(out)) {
            long t = out.arrivalNanos;
            if (t >= options.endNanos()) {
                return false;
            }
            long index = rowIndex++;
            if (t < options.startNanos() || !keep(index)) {
                continue;
            }
            long shifted = t - options.startNanos();
            out.arrivalNanos = timeScale == 1.0 ? shifted : Math.round(shifted * timeScale);
            return true;
        }
        return false;
    }

    private boolean keep(long index) {
        if (threshold == Long.MAX_VALUE) {
            return true;
        }
        return (splitMix(options.sampleSeed() ^ splitMix(index)) >>> 1) < threshold;
    }

    private static long splitMix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public long line() {
        return source.line();
    }

    @Override
    public long skipped() {
        return source.skipped();
    }

    @Override
    public String source() {
        return source.source();
    }

    @Override
    public void close() {
        source.close();
    }
}
