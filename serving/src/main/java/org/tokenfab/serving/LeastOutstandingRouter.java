package org.tokenfab.serving;

/**
 * Sends each request to the replica with the fewest requests in flight (queued or running); ties
 * to the lowest index. The join-the-shortest-queue policy of most LLM gateways; O(replicas).
 */
public final class LeastOutstandingRouter implements Router {
    private final Replica[] replicas;

    public LeastOutstandingRouter(RouterContext context) {
        this.replicas = context.replicas();
    }

    @Override
    public int route(Request request) {
        return RouterContext.leastOutstanding(replicas, 0, replicas.length);
    }
}
