package org.tokenfab.serving;

import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.Simulation;
import org.tokenfab.sim.TokenFabException;
import org.tokenfab.workload.RequestLengths;
import org.tokenfab.workload.trace.TraceReader;
import org.tokenfab.workload.trace.TraceRecord;

/**
 * Replays a trace: each row arrives at its (replay-adjusted) time with its own input and output
 * lengths. The reader streams, so only the next row is ever held. Rows the trace marks as failed
 * (no output) are skipped and counted. It stops at the end of the trace, after
 * the run's request budget is spent, or at {@code endTime}.
 */
public final class TraceSource implements EventHandler, TrafficSource {
    private static final int ARRIVAL = 1;

    private final Simulation sim;
    private final TraceReader reader;
    private final Cluster cluster;
    private final RequestFactory requests;
    private final long endTime;
    private final TraceRecord next = new TraceRecord();
    private long skippedFailed;
    private final boolean sampledLengths;

    /**
     * @param lengths lengths for a trace that has none (a ServeGen window generator), or null to use
     *                each row's own lengths
     */
    public TraceSource(Simulation sim, TraceReader reader, RequestLengths lengths, Cluster cluster, RequestPool pool,
            MetricsRecorder metrics, RequestBudget budget, long endTime) {
        this.sim = sim;
        this.reader = reader;
        this.cluster = cluster;
        this.requests = new RequestFactory(pool, metrics, lengths, budget, RequestClass.of(0));
        this.endTime = endTime;
        this.sampledLengths = lengths != null;
    }

    @Override
    public void start() {
        scheduleNext();
    }

    @Override
    public void onEvent(int type, long payload) {
        Request r = sampledLengths ? requests.create(sim.now(), -1)
                : requests.create(sim.now(), -1, next.inputTokens, next.outputTokens);
        if (next.blockCount > 0 && next.blockSizeTokens > 0) {
            r.setPrefix(next.blockIds, next.blockCount, next.blockSizeTokens);
        }
        cluster.submit(r);
        scheduleNext();
    }

    private void scheduleNext() {
        if (requests.exhausted() || !read()) {
            reader.close();
            return;
        }
        if (next.arrivalNanos <= endTime) {
            sim.schedule(Math.max(sim.now(), next.arrivalNanos), this, ARRIVAL, 0);
        } else {
            reader.close();
        }
    }

    /** The next row that can be simulated, or false at the end. */
    private boolean read() {
        while (reader.next(next)) {
            if (next.failed) {
                skippedFailed++;
                continue;
            }
            if (!sampledLengths && (next.inputTokens < 1 || next.outputTokens < 1)) {
                throw new TokenFabException(reader.source() + " line " + reader.line() + ": a request with "
                        + next.inputTokens + " input and " + next.outputTokens
                        + " output tokens cannot be simulated; both must be at least 1");
            }
            return true;
        }
        return false;
    }

    @Override
    public long created() {
        return requests.created();
    }

    /** Rows skipped because the trace marks them as failed. */
    public long skippedFailed() {
        return skippedFailed;
    }
}
