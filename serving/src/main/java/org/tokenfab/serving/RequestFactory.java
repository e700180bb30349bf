package org.tokenfab.serving;

import org.tokenfab.workload.LengthDraw;
import org.tokenfab.workload.RequestLengths;

/**
 * Makes requests for the arrival sources: a pooled object, the next id, lengths from the
 * workload's samplers, and the arrival counted. Shared by the open- and closed-loop sources so both
 * draw lengths the same way.
 */
final class RequestFactory {
    private final RequestPool pool;
    private final MetricsRecorder metrics;
    private final RequestLengths lengths;
    private final RequestBudget budget;
    private final int classIndex;
    private final int priority;
    private final SharedPrefix sharedPrefix;
    private final java.util.SplittableRandom prefixRng;
    private long[] prefixIds = new long[0];
    private final LengthDraw draw = new LengthDraw();
    private long created;

    /**
     * @param lengths    length sampler, or null when lengths come with each request (trace replay)
     * @param budget     the run's shared request budget
     * @param cls        the workload class of every request made here
     */
    RequestFactory(RequestPool pool, MetricsRecorder metrics, RequestLengths lengths, RequestBudget budget, RequestClass cls) {
        this.pool = pool;
        this.metrics = metrics;
        this.lengths = lengths;
        this.budget = budget;
        this.classIndex = cls.index();
        this.priority = cls.priority();
        this.sharedPrefix = cls.sharedPrefix();
        this.prefixRng = new java.util.SplittableRandom(cls.prefixSeed());
    }

    /** Whether the run's request budget is spent. */
    boolean exhausted() {
        return budget.exhausted();
    }

    /** A new request arriving at {@code now}, sent by {@code user} (-1 for open-loop traffic). */
    Request create(long now, int user) {
        lengths.sample(draw);
        Request r = create(now, user, draw.input(), draw.output());
        r.reasoningTokens = draw.reasoning();
        return r;
    }

    /** A new request with given lengths (trace replay; the factory then needs no length sampler). */
    Request create(long now, int user, int inputTokens, int outputTokens) {
        budget.take();
        Request r = pool.acquire();
        r.init(created++, now, inputTokens, outputTokens);
        r.user = user;
        r.classIndex = classIndex;
        r.priority = priority;
        if (sharedPrefix != null) {
            int variant = prefixRng.nextInt(sharedPrefix.variants());
            int units = Math.min(sharedPrefix.tokens(), inputTokens) / SharedPrefix.UNIT_TOKENS;
            if (prefixIds.length < units) {
                prefixIds = new long[units];
            }
            for (int i = 0; i < units; i++) {
                prefixIds[i] = ((long) (classIndex + 1) << 44) | ((long) variant << 24) | i;
            }
            r.setPrefix(prefixIds, units, SharedPrefix.UNIT_TOKENS);
        }
        metrics.arrived(r);
        return r;
    }

    long created() {
        return created;
    }
}
