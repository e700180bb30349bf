package org.tokenfab.serving;

import org.tokenfab.workload.TokenLengthDistribution;

/**
 * Makes requests for the arrival sources: a pooled object, the next id, lengths from the
 * workload's samplers, and the arrival counted. Shared by the open- and closed-loop sources so both
 * draw lengths the same way.
 */
final class RequestFactory {
    private final RequestPool pool;
    private final MetricsRecorder metrics;
    private final TokenLengthDistribution inputLengths;
    private final TokenLengthDistribution outputLengths;
    private long created;

    RequestFactory(RequestPool pool, MetricsRecorder metrics, TokenLengthDistribution inputLengths,
            TokenLengthDistribution outputLengths) {
        this.pool = pool;
        this.metrics = metrics;
        this.inputLengths = inputLengths;
        this.outputLengths = outputLengths;
    }

    /** A new request arriving at {@code now}, sent by {@code user} (-1 for open-loop traffic). */
    Request create(long now, int user) {
        Request r = pool.acquire();
        r.init(created++, now, inputLengths.sample(), outputLengths.sample());
        r.user = user;
        metrics.arrived(r);
        return r;
    }

    long created() {
        return created;
    }
}
