package org.tokenfab.serving;

/**
 * Sends each request to the replica whose prefix cache already holds the most of its prompt
 * ({@link Replica#cachedPrefixTokens}), so a shared system prompt or a conversation's history is
 * not prefilled again elsewhere (as SGLang's cache-aware router does). Ties, and requests no
 * replica has cached anything of, go to the fewest in flight (least-outstanding). Without prefix
 * caching in the pools this is least-outstanding. O(replicas x cached prefix units).
 */
public final class PrefixAffinityRouter implements Router {
    private final Replica[] replicas;

    public PrefixAffinityRouter(RouterContext context) {
        this.replicas = context.replicas();
    }

    @Override
    public int route(Request request) {
        int best = -1;
        int bestCached = 0;
        int bestLoad = Integer.MAX_VALUE;
        for (int i = 0; i < replicas.length; i++) {
            int cached = replicas[i].cachedPrefixTokens(request);
            if (cached == 0 || cached < bestCached) {
                continue;
            }
            int load = replicas[i].inFlight();
            if (cached > bestCached || load < bestLoad) {
                best = i;
                bestCached = cached;
                bestLoad = load;
            }
        }
        return best >= 0 ? best : RouterContext.leastOutstanding(replicas, 0, replicas.length);
    }
}
