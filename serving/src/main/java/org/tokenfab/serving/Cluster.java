package org.tokenfab.serving;

import java.util.List;

/** The replicas of a run and the router that spreads requests over them. */
public final class Cluster {
    private final Replica[] replicas;
    private final Router router;

    public Cluster(List<Replica> replicas, Router router) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one replica");
        }
        this.replicas = replicas.toArray(Replica[]::new);
        this.router = router;
    }

    void submit(Request r) {
        replicas[router.route(r)].submit(r);
    }

    public List<Replica> replicas() {
        return List.of(replicas);
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
