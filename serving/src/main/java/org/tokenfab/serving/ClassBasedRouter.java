package org.tokenfab.serving;

/**
 * Sends each workload class to its own pool (say chat to a pool of a small model, long documents
 * to a pool of a large one), and within the pool to the replica with the fewest in flight. The
 * class-to-pool map is fixed by the scenario ({@code routes:}); O(replicas of the pool).
 */
public final class ClassBasedRouter implements Router {
    private final Replica[] replicas;
    private final int[] poolStarts;
    private final int[] classPools;

    public ClassBasedRouter(RouterContext context) {
        if (context.classPools() == null) {
            throw new IllegalArgumentException("the class-based router needs each class's pool");
        }
        for (int p : context.classPools()) {
            if (p < 0 || p >= context.pools()) {
                throw new IllegalArgumentException("class routed to pool " + p + " of " + context.pools());
            }
        }
        this.replicas = context.replicas();
        this.poolStarts = context.poolStarts();
        this.classPools = context.classPools();
    }

    @Override
    public int route(Request request) {
        int pool = classPools[request.classIndex];
        return RouterContext.leastOutstanding(replicas, poolStarts[pool], poolStarts[pool + 1]);
    }
}
