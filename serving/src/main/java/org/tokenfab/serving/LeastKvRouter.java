package org.tokenfab.serving;

/**
 * Sends each request to the replica whose KV cache is least full ({@link Replica#kvLoad()}): memory,
 * not request count, is what limits an LLM replica's batch. Ties (for example several idle replicas,
 * or a burst arriving while a replica's queue has not been admitted yet, so its KV load has not
 * moved) go to the fewest in flight, then to the lowest index. O(replicas).
 */
public final class LeastKvRouter implements Router {
    private final Replica[] replicas;

    public LeastKvRouter(RouterContext context) {
        this.replicas = context.replicas();
    }

    @Override
    public int route(Request request) {
        int best = 0;
        double minKv = replicas[0].kvLoad();
        int minLoad = replicas[0].inFlight();
        for (int i = 1; i < replicas.length; i++) {
            double kv = replicas[i].kvLoad();
            if (kv > minKv) {
                continue;
            }
            int load = replicas[i].inFlight();
            if (kv < minKv || load < minLoad) {
                best = i;
                minKv = kv;
                minLoad = load;
            }
        }
        return best;
    }
}
