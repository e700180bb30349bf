package org.tokenfab.serving;

import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * What a router may see of the cluster, read-only: the replicas (their load through
 * {@link Replica#inFlight()}, {@link Replica#kvLoad()} and the prefix cache), which replicas form which
 * pool, its own random stream, and the options of the routers that need them. The routers read
 * these at every request, so they are arrays, not lists: routing allocates nothing.
 *
 * @param replicas      every replica of the cluster, pools one after the other
 * @param poolStarts    pool p holds replicas {@code [poolStarts[p], poolStarts[p + 1])}; length pools + 1
 * @param random        the router's own random stream (random, power-of-two, cascade); may be null for the others
 * @param classPools    class-based: the pool of each workload class, by class index; null otherwise
 * @param firstPool     cascade: the pool every request is served by first; -1 otherwise
 * @param escalatePool  cascade: the pool escalated requests go to; -1 otherwise
 * @param escalateShare cascade: the share of requests escalated, in [0, 1]
 */
public record RouterContext(Replica[] replicas, int[] poolStarts, UniformRandomProvider random, int[] classPools,
        int firstPool, int escalatePool, double escalateShare) {

    public RouterContext {
        if (replicas.length == 0) {
            throw new IllegalArgumentException("a router needs at least one replica");
        }
        if (poolStarts.length < 2 || poolStarts[0] != 0 || poolStarts[poolStarts.length - 1] != replicas.length) {
            throw new IllegalArgumentException("poolStarts must run from 0 to the number of replicas");
        }
        for (int p = 0; p + 1 < poolStarts.length; p++) {
            if (poolStarts[p + 1] <= poolStarts[p]) {
                throw new IllegalArgumentException("every pool needs at least one replica");
            }
        }
        if (!(escalateShare >= 0 && escalateShare <= 1)) {
            throw new IllegalArgumentException("escalateShare must be in [0, 1]: " + escalateShare);
        }
    }

    /** One pool of {@code replicas}, with a random stream and no class or cascade options. */
    public static RouterContext of(List<Replica> replicas, UniformRandomProvider random) {
        return new RouterContext(replicas.toArray(Replica[]::new), new int[] {0, replicas.size()}, random, null, -1, -1, 0);
    }

    /** The same replicas and stream with pools starting at {@code poolStarts} (length pools + 1). */
    public RouterContext withPools(int... poolStarts) {
        return new RouterContext(replicas, poolStarts.clone(), random, classPools, firstPool, escalatePool, escalateShare);
    }

    /** Class-based routing: class index -> pool index. */
    public RouterContext withClassPools(int... classPools) {
        return new RouterContext(replicas, poolStarts, random, classPools.clone(), firstPool, escalatePool, escalateShare);
    }

    /** Cascade routing: served by {@code first}, a share escalated to {@code escalate}. */
    public RouterContext withCascade(int first, int escalate, double share) {
        return new RouterContext(replicas, poolStarts, random, classPools, first, escalate, share);
    }

    public int pools() {
        return poolStarts.length - 1;
    }

    /** The pool replica {@code index} belongs to. */
    public int poolOf(int index) {
        int p = 0;
        while (poolStarts[p + 1] <= index) {
            p++;
        }
        return p;
    }

    /**
     * The replica in {@code [from, to)} with the fewest requests in flight (queued or running); ties to
     * the lowest index. O(to - from), nothing allocated.
     */
    static int leastOutstanding(Replica[] replicas, int from, int to) {
        int best = from;
        int min = replicas[from].inFlight();
        for (int i = from + 1; i < to; i++) {
            int load = replicas[i].inFlight();
            if (load < min) {
                min = load;
                best = i;
            }
        }
        return best;
    }
}
