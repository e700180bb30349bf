package org.tokenfab.serving;

import java.util.List;

/**
 * The replicas of a run and the router that spreads requests over them. It counts the requests
 * (attempts) routed to each replica, and serves the second attempts of a cascade (see
 * {@link CascadeRouter}).
 */
public final class Cluster {
    private final Replica[] replicas;
    private final Router router;
    private final long[] routed;
    private final RequestPool pool;

    public Cluster(List<Replica> replicas, Router router) {
        this(replicas, router, null, null);
    }

    /**
     * A cluster that can serve escalated attempts (cascade routing): they are made from
     * {@code pool} and counted by {@code metrics}.
     */
    public Cluster(List<Replica> replicas, Router router, MetricsRecorder metrics, RequestPool pool) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one replica");
        }
        this.replicas = replicas.toArray(Replica[]::new);
        this.router = router;
        this.routed = new long[this.replicas.length];
        this.pool = pool;
        if (metrics != null) {
            metrics.escalateVia(this::escalate);
        }
    }

    void submit(Request r) {
        int chosen = router.route(r);
        routed[chosen]++;
        replicas[chosen].submit(r);
    }

    /** A cascade's first attempt completed: the same request again, as a second attempt, to the router. */
    private void escalate(Request first, long now) {
        Request next = pool.acquire();
        next.init(first.id, first.arrivalTime, first.inputTokens, first.outputTokens);
        next.user = first.user;
        next.classIndex = first.classIndex;
        next.priority = first.priority;
        next.reasoningTokens = first.reasoningTokens;
        next.copyPrefix(first);
        next.attempt = first.attempt + 1;
        submit(next);
    }

    public List<Replica> replicas() {
        return List.of(replicas);
    }

    /** Requests (attempts) routed to replica {@code index} so far. */
    public long routed(int index) {
        return routed[index];
    }

    /** Requests queued or running anywhere. */
    public int inFlight() {
        int n = 0;
        for (Replica r : replicas) {
            n += r.inFlight();
        }
        return n;
    }
}
