package org.tokenfab.serving;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Power of two choices (Mitzenmacher): draws two distinct replicas at random and sends the request
 * to the one with fewer in flight (ties to the lower index). Nearly as balanced as
 * least-outstanding while looking at two replicas, not all: what large fleets use when polling
 * every replica is too costly.
 */
public final class PowerOfTwoRouter implements Router {
    private final Replica[] replicas;
    private final UniformRandomProvider random;

    public PowerOfTwoRouter(RouterContext context) {
        if (context.random() == null) {
            throw new IllegalArgumentException("the power-of-two router needs a random stream");
        }
        this.replicas = context.replicas();
        this.random = context.random();
    }

    @Override
    public int route(Request request) {
        int n = replicas.length;
        if (n == 1) {
            return 0;
        }
        int a = random.nextInt(n);
        int b = random.nextInt(n - 1);
        if (b >= a) {
            b++; // distinct from a, uniform over the others
        }
        int la = replicas[a].inFlight();
        int lb = replicas[b].inFlight();
        return la < lb || (la == lb && a < b) ? a : b;
    }
}
