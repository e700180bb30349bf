package org.tokenfab.serving;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A model cascade: every request is served first by a small, cheap model; a share of them (those
 * whose answer would not be good enough) is then served again by a large model. The simulator does
 * not judge answers, so which requests escalate is a draw: at arrival each request is marked for
 * escalation with probability {@code escalateShare}, from the router's own random stream.
 *
 * <p>What happens, exactly: the request runs to completion on the first pool (its tokens are
 * produced and counted as output tokens, its KV cache and step time are spent) but does not count
 * as completed; a new attempt with the same id, arrival time, prompt, output length, user and
 * class is then submitted to the escalation pool ({@link Cluster}) and completes there. So the
 * user's latencies (TTFT, E2E) span both attempts, the class counts one arrival and one completion
 * (or rejection), and arrived = completed + rejected + in flight holds throughout. Within each pool,
 * the fewest in flight.
 */
public final class CascadeRouter implements Router {
    private final Replica[] replicas;
    private final UniformRandomProvider random;
    private final int firstFrom;
    private final int firstTo;
    private final int escalateFrom;
    private final int escalateTo;
    private final double share;

    public CascadeRouter(RouterContext context) {
        int first = context.firstPool();
        int escalate = context.escalatePool();
        if (first < 0 || escalate < 0 || first >= context.pools() || escalate >= context.pools() || first == escalate) {
            throw new IllegalArgumentException("the cascade router needs two different pools, got " + first + " and " + escalate);
        }
        if (context.random() == null) {
            throw new IllegalArgumentException("the cascade router needs a random stream");
        }
        this.replicas = context.replicas();
        this.random = context.random();
        this.firstFrom = context.poolStarts()[first];
        this.firstTo = context.poolStarts()[first + 1];
        this.escalateFrom = context.poolStarts()[escalate];
        this.escalateTo = context.poolStarts()[escalate + 1];
        this.share = context.escalateShare();
    }

    @Override
    public int route(Request request) {
        if (request.attempt > 0) {
            return RouterContext.leastOutstanding(replicas, escalateFrom, escalateTo);
        }
        request.escalate = random.nextDouble() < share;
        return RouterContext.leastOutstanding(replicas, firstFrom, firstTo);
    }
}
