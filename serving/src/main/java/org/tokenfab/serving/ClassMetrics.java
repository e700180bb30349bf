package org.tokenfab.serving;

import org.tokenfab.sim.LatencyRecorder;

/**
 * The metrics of one workload class, with its SLOs: a completed request meets them when its TTFT
 * and its TPOT (for two or more output tokens) are within the thresholds; goodput counts those.
 */
public final class ClassMetrics {
    private final long ttftSloNanos;
    private final long tpotSloNanos;
    private final LatencyRecorder ttft = new LatencyRecorder();
    private final LatencyRecorder ttfa = new LatencyRecorder();
    private final LatencyRecorder tpot = new LatencyRecorder();
    private final LatencyRecorder e2e = new LatencyRecorder();
    private long arrived;
    private long completed;
    private long rejected;
    private long metSlo;
    private long outputTokens;

    /** @param ttftSloNanos TTFT threshold, {@code Long.MAX_VALUE} for none; likewise {@code tpotSloNanos} */
    public ClassMetrics(long ttftSloNanos, long tpotSloNanos) {
        this.ttftSloNanos = ttftSloNanos;
        this.tpotSloNanos = tpotSloNanos;
    }

    void countArrival() {
        arrived++;
    }

    void countRejection() {
        rejected++;
    }

    /**
     * @param ttfaNanos time to the first answer token (after the reasoning tokens; the TTFT when
     *     there are none)
     */
    void completed(long ttftNanos, long ttfaNanos, long tpotNanos, long e2eNanos, int outputTokenCount) {
        completed++;
        outputTokens += outputTokenCount;
        ttft.record(ttftNanos);
        ttfa.record(ttfaNanos);
        e2e.record(e2eNanos);
        if (tpotNanos >= 0) {
            tpot.record(tpotNanos);
        }
        if (ttftNanos <= ttftSloNanos && (tpotNanos < 0 || tpotNanos <= tpotSloNanos)) {
            metSlo++;
        }
    }

    /** A request that arrived during the warm-up completed: counted, latencies and SLO not recorded. */
    void completedInWarmup(int outputTokenCount) {
        completed++;
        outputTokens += outputTokenCount;
    }

    public LatencyRecorder ttft() {
        return ttft;
    }

    /** Time to the first answer token: what a reasoning model's user waits for. */
    public LatencyRecorder ttfa() {
        return ttfa;
    }

    public LatencyRecorder tpot() {
        return tpot;
    }

    public LatencyRecorder e2e() {
        return e2e;
    }

    public long arrived() {
        return arrived;
    }

    public long completed() {
        return completed;
    }

    public long rejected() {
        return rejected;
    }

    /** Completed requests that met every SLO of the class (all completed ones when it has none). */
    public long metSlo() {
        return metSlo;
    }

    public long outputTokens() {
        return outputTokens;
    }

    public long ttftSloNanos() {
        return ttftSloNanos;
    }

    public long tpotSloNanos() {
        return tpotSloNanos;
    }
}
