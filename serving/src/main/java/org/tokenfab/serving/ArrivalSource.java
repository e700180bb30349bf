package org.tokenfab.serving;

import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.Simulation;
import org.tokenfab.workload.ArrivalProcess;
import org.tokenfab.workload.TokenLengthDistribution;

/**
 * Creates requests at the times the arrival process gives, draws their lengths and hands them to
 * the cluster. It stops after {@code maxRequests} requests or at {@code endTime}, whichever comes
 * first; requests already in the system then run to completion.
 */
public final class ArrivalSource implements EventHandler {
    private static final int ARRIVAL = 1;

    private final Simulation sim;
    private final ArrivalProcess arrivals;
    private final TokenLengthDistribution inputLengths;
    private final TokenLengthDistribution outputLengths;
    private final Cluster cluster;
    private final RequestPool pool;
    private final MetricsRecorder metrics;
    private final long maxRequests;
    private final long endTime;
    private long created;

    /**
     * @param maxRequests requests to create, or {@code Long.MAX_VALUE} for no limit
     * @param endTime     no arrival after this simulated time (ns), or {@code Long.MAX_VALUE}
     */
    public ArrivalSource(Simulation sim, ArrivalProcess arrivals, TokenLengthDistribution inputLengths,
            TokenLengthDistribution outputLengths, Cluster cluster, RequestPool pool, MetricsRecorder metrics,
            long maxRequests, long endTime) {
        this.sim = sim;
        this.arrivals = arrivals;
        this.inputLengths = inputLengths;
        this.outputLengths = outputLengths;
        this.cluster = cluster;
        this.pool = pool;
        this.metrics = metrics;
        this.maxRequests = maxRequests;
        this.endTime = endTime;
    }

    /** Schedules the first arrival. */
    public void start() {
        scheduleNext();
    }

    @Override
    public void onEvent(int type, long payload) {
        Request r = pool.acquire();
        r.init(created++, sim.now(), inputLengths.sample(), outputLengths.sample());
        metrics.arrived(r);
        cluster.submit(r);
        scheduleNext();
    }

    private void scheduleNext() {
        if (created >= maxRequests) {
            return;
        }
        long next = arrivals.nextArrivalAfter(sim.now());
        if (next <= endTime) {
            sim.schedule(next, this, ARRIVAL, 0);
        }
    }

    /** Requests created so far. */
    public long created() {
        return created;
    }
}
