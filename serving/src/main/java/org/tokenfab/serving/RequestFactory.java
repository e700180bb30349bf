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
    private final LengthDraw draw = new LengthDraw();
    private long created;

    /**
     * @param lengths    length sampler, or null when lengths come with each request (trace replay)
     * @param budget     the run's shared request budget
     * @param classIndex the workload class of every request made here (0 with a single class)
     */
    RequestFactory(RequestPool pool, MetricsRecorder metrics, RequestLengths lengths, RequestBudget budget, int classIndex) {
        this.pool = pool;
        this.metrics = metrics;
        this.lengths = lengths;
        this.budget = budget;
        this.classIndex = classIndex;
    }

    /** Whether the run's request budget is spent. */
    boolean exhausted() {
        return budget.exhausted();
    }

    /** A new request arriving at {@code now}, sent by {@code user} (-1 for open-loop traffic). */
    Request create(long now, int user) {
        lengths.sample(draw);
        return create(now, user, draw.input(), draw.output());
    }

    /** A new request with given lengths (trace replay; the factory then needs no length sampler). */
    Request create(long now, int user, int inputTokens, int outputTokens) {
        budget.take();
        Request r = pool.acquire();
        r.init(created++, now, inputTokens, outputTokens);
        r.user = user;
        r.classIndex = classIndex;
        metrics.arrived(r);
        return r;
    }

    long created() {
        return created;
    }
}
