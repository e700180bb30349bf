package org.tokenfab.serving;

import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.Simulation;
import org.tokenfab.workload.ArrivalProcess;
import org.tokenfab.workload.RequestLengths;

/**
 * Open-loop traffic: creates requests at the times the arrival process gives, whatever the
 * cluster does, and hands them to the cluster. It stops when the run's request budget is spent or at
 * {@code endTime}, whichever comes first; requests already in the system then run to completion.
 */
public final class ArrivalSource implements EventHandler, TrafficSource {
    private static final int ARRIVAL = 1;

    private final Simulation sim;
    private final ArrivalProcess arrivals;
    private final Cluster cluster;
    private final RequestFactory requests;
    private final long endTime;

    /**
     * @param budget      the run's shared request budget
     * @param cls  the workload class of the requests
     * @param endTime     no arrival after this simulated time (ns), or {@code Long.MAX_VALUE}
     */
    public ArrivalSource(Simulation sim, ArrivalProcess arrivals, RequestLengths lengths, Cluster cluster,
            RequestPool pool, MetricsRecorder metrics, RequestBudget budget, RequestClass cls, long endTime) {
        this.sim = sim;
        this.arrivals = arrivals;
        this.cluster = cluster;
        this.requests = new RequestFactory(pool, metrics, lengths, budget, cls);
        this.endTime = endTime;
    }

    @Override
    public void start() {
        scheduleNext();
    }

    @Override
    public void onEvent(int type, long payload) {
        if (requests.exhausted()) {
            return; // another class's source took the last request of the shared budget
        }
        cluster.submit(requests.create(sim.now(), -1));
        scheduleNext();
    }

    private void scheduleNext() {
        if (requests.exhausted()) {
            return;
        }
        long next = arrivals.nextArrivalAfter(sim.now());
        if (next <= endTime) {
            sim.schedule(next, this, ARRIVAL, 0);
        }
    }

    @Override
    public long created() {
        return requests.created();
    }
}
