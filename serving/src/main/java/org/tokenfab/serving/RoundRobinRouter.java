package org.tokenfab.serving;

/** Sends requests to replicas in turn: 0, 1, ..., n-1, 0, ... */
public final class RoundRobinRouter implements Router {
    private final int replicas;
    private int next;

    public RoundRobinRouter(int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be >= 1, got " + replicas);
        }
        this.replicas = replicas;
    }

    @Override
    public int route(Request request) {
        int chosen = next;
        next = chosen + 1 == replicas ? 0 : chosen + 1;
        return chosen;
    }
}
