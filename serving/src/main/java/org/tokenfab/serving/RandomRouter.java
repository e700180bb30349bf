package org.tokenfab.serving;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Sends each request to a replica drawn uniformly from its own random stream: the load-blind
 * baseline that queueing theory analyses (M/M/1 per replica), and what DNS-style spreading does.
 */
public final class RandomRouter implements Router {
    private final int replicas;
    private final UniformRandomProvider random;

    public RandomRouter(RouterContext context) {
        if (context.random() == null) {
            throw new IllegalArgumentException("the random router needs a random stream");
        }
        this.replicas = context.replicas().length;
        this.random = context.random();
    }

    @Override
    public int route(Request request) {
        return random.nextInt(replicas);
    }
}
