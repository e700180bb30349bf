package org.tokenfab.serving;

import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.Simulation;
import org.tokenfab.workload.RequestLengths;

/**
 * Closed-loop traffic, as fixed-concurrency benchmark clients generate it: {@code users} users each
 * send a request at time 0, and each sends its next one {@code thinkNanos} after the previous one
 * leaves the system (completed, or rejected). So the number of requests in flight never exceeds
 * the number of users, and the offered rate follows the cluster's speed. It stops after
 * the run's request budget is spent or at {@code endTime}; requests in flight then complete.
 */
public final class ClosedLoopSource implements EventHandler, TrafficSource, RequestListener {
    private static final int SEND = 1;
    static final long REJECTED_RETRY_NANOS = 1_000_000L;

    private final Simulation sim;
    private final Cluster cluster;
    private final RequestFactory requests;
    private final int users;
    private final long thinkNanos;
    private final long endTime;
    private final int classIndex;

    public ClosedLoopSource(Simulation sim, int users, long thinkNanos, RequestLengths lengths, Cluster cluster,
            RequestPool pool, MetricsRecorder metrics, RequestBudget budget, RequestClass cls, long endTime) {
        if (users < 1 || thinkNanos < 0) {
            throw new IllegalArgumentException("users must be >= 1 and think time >= 0: " + users + ", " + thinkNanos);
        }
        this.sim = sim;
        this.cluster = cluster;
        this.requests = new RequestFactory(pool, metrics, lengths, budget, cls);
        this.users = users;
        this.thinkNanos = thinkNanos;
        this.endTime = endTime;
        this.classIndex = cls.index();
        metrics.listen(this);
    }

    @Override
    public void start() {
        for (int u = 0; u < users; u++) {
            sim.schedule(sim.now(), this, SEND, u);
        }
    }

    @Override
    public void onEvent(int type, long user) {
        if (!requests.exhausted()) {
            cluster.submit(requests.create(sim.now(), (int) user));
        }
    }

    @Override
    public void finished(Request request, long now, boolean completed) {
        if (request.classIndex != classIndex) {
            return; // another class's users
        }
        // A rejected request comes back at once; waiting at least a millisecond before retrying keeps
        // a user whose requests can never be served from spinning at one instant.
        long delay = completed ? thinkNanos : Math.max(thinkNanos, REJECTED_RETRY_NANOS);
        // No event for a send that will not happen: it would stretch the run's simulated time.
        if (!requests.exhausted() && now + delay <= endTime) {
            sim.schedule(now + delay, this, SEND, request.user);
        }
    }

    @Override
    public long created() {
        return requests.created();
    }
}
