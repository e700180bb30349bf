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
    /** The replicas arrivals are routed to (all but decode pools), as the router indexes them. */
    private final Replica[] entry;
    /** Index in {@code replicas} of each entry replica. */
    private final int[] entryIndex;
    /** Entry pool p holds entry replicas {@code [entryPoolStarts[p], entryPoolStarts[p + 1])}. */
    private final int[] entryPoolStarts;
    private KvTransfer transfer;

    public Cluster(List<Replica> replicas, Router router) {
        this(replicas, router, null, null);
    }

    /**
     * A cluster that can serve escalated attempts (cascade routing): they are made from
     * {@code pool} and counted by {@code metrics}.
     */
    public Cluster(List<Replica> replicas, Router router, MetricsRecorder metrics, RequestPool pool) {
        this(replicas, new int[] {0, replicas.size()}, replicas, router, metrics, pool);
    }

    /**
     * A cluster whose arrivals go to {@code entry} only (the prefill and colocated pools of a
     * disaggregated cluster; decode replicas get their requests from a {@link KvTransfer}).
     *
     * @param entryPoolStarts entry pool p holds {@code entry[entryPoolStarts[p] .. entryPoolStarts[p + 1])}
     * @param router          routes over {@code entry} (its indices)
     */
    public Cluster(List<Replica> replicas, int[] entryPoolStarts, List<Replica> entry, Router router, MetricsRecorder metrics,
            RequestPool pool) {
        if (replicas.isEmpty() || entry.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one replica that takes arrivals");
        }
        this.replicas = replicas.toArray(Replica[]::new);
        this.router = router;
        this.routed = new long[this.replicas.length];
        this.pool = pool;
        this.entry = entry.toArray(Replica[]::new);
        this.entryIndex = new int[this.entry.length];
        for (int i = 0; i < this.entry.length; i++) {
            this.entryIndex[i] = replicas.indexOf(this.entry[i]);
        }
        this.entryPoolStarts = entryPoolStarts.clone();
        if (metrics != null) {
            metrics.escalateVia(this::escalate);
        }
    }

    /** Tells the cluster about its KV transfer (disaggregation), whose requests count as in flight. */
    public void attach(KvTransfer transfer) {
        this.transfer = transfer;
    }

    /**
     * Routes {@code r}. A router's choice that is not serving (starting, draining, off or failed)
     * is replaced by the serving replica of the same pool with the fewest requests in flight, else
     * of any pool; with none serving anywhere, the request waits at the chosen replica until it
     * serves again.
     */
    void submit(Request r) {
        int chosen = router.route(r);
        if (!entry[chosen].accepting()) {
            int pool = 0;
            while (entryPoolStarts[pool + 1] <= chosen) {
                pool++;
            }
            int alt = leastLoadedServing(entryPoolStarts[pool], entryPoolStarts[pool + 1]);
            if (alt < 0) {
                alt = leastLoadedServing(0, entry.length);
            }
            if (alt >= 0) {
                chosen = alt;
            }
        }
        routed[entryIndex[chosen]]++;
        entry[chosen].submit(r);
    }

    private int leastLoadedServing(int from, int to) {
        int best = -1;
        int min = Integer.MAX_VALUE;
        for (int i = from; i < to; i++) {
            if (entry[i].accepting() && entry[i].inFlight() < min) {
                min = entry[i].inFlight();
                best = i;
            }
        }
        return best;
    }

    /** A failed replica's request comes back: it is routed again like a new arrival (keeping its tokens). */
    public void resubmit(Request r) {
        submit(r);
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

    /** Requests queued or running anywhere, or moving between a prefill and a decode replica. */
    public int inFlight() {
        int n = transfer == null ? 0 : transfer.inTransit();
        for (Replica r : replicas) {
            n += r.inFlight();
        }
        return n;
    }
}
