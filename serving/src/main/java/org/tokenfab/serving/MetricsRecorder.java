package org.tokenfab.serving;

import org.tokenfab.sim.LatencyRecorder;

/**
 * Turns request events into the metrics defined in the architecture:
 * <ul>
 *   <li>TTFT = first output token time - arrival time;</li>
 *   <li>TPOT = (last token time - first token time) / (output tokens - 1), per request, only for
 *       requests with at least two output tokens;</li>
 *   <li>ITL = time between consecutive output tokens of a request, over all tokens;</li>
 *   <li>E2E = last token time - arrival time.</li>
 * </ul>
 * Input and output tokens are counted separately and never summed.
 */
public final class MetricsRecorder {
    private final LatencyRecorder itl = new LatencyRecorder();
    private long arrived;
    private long completed;
    private long rejected;
    private long completedInputTokens;
    private long outputTokens;
    private long firstArrivalTime = -1;
    private long lastCompletionTime = -1;
    private RequestListener[] listeners = new RequestListener[0];
    private final ClassMetrics[] classes;
    /** Cascade routing: serves a completed first attempt again; null without a cascade. */
    private Escalation escalation;
    private long escalated;
    /** Warm-up: latencies of requests arriving before this time (ns) are not recorded; 0 records all. */
    private long latencyFrom;

    /** Serves a cascade's first attempt again on the escalation pool ({@link Cluster}). */
    @FunctionalInterface
    interface Escalation {
        /** {@code first} has completed on the first pool at {@code now}; it is released after this returns. */
        void escalate(Request first, long now);
    }

    /** One workload class without SLOs. */
    public MetricsRecorder() {
        this(new ClassMetrics(Long.MAX_VALUE, Long.MAX_VALUE));
    }

    /** One {@link ClassMetrics} per workload class, indexed as the requests' class index. */
    public MetricsRecorder(ClassMetrics... classes) {
        if (classes.length == 0) {
            throw new IllegalArgumentException("at least one class");
        }
        this.classes = classes.clone();
    }

    void arrived(Request r) {
        if (arrived == 0) {
            firstArrivalTime = r.arrivalTime;
        }
        arrived++;
        classes[r.classIndex].countArrival();
    }

    void rejected(Request r) {
        rejected++;
        classes[r.classIndex].countRejection();
        for (RequestListener l : listeners) {
            l.finished(r, r.arrivalTime, false);
        }
    }

    /** The request produced its next output token at {@code now}. */
    void token(Request r, long now) {
        token(r, now, Long.MIN_VALUE);
    }

    /**
     * As {@link #token(Request, long)}, except that an inter-token gap from {@code commonFrom} (the
     * step's start, where most of a batch's previous tokens came out) is not recorded but returned
     * as {@code true}, for the caller to record all such gaps of a step at once ({@link #commonGaps}):
     * the same histogram, at one record per step instead of one per request.
     */
    boolean token(Request r, long now, long commonFrom) {
        boolean common = false;
        if (r.generated == r.reasoningTokens) {
            r.firstAnswerTime = now;
        }
        if (r.generated == 0) {
            r.firstTokenTime = now;
        } else if (r.arrivalTime >= latencyFrom) {
            if (r.lastTokenTime == commonFrom) {
                common = true;
            } else {
                itl.record(now - r.lastTokenTime);
            }
        }
        r.lastTokenTime = now;
        r.generated++;
        outputTokens++;
        return common;
    }

    /** Records {@code count} inter-token gaps of {@code nanos} (see {@link #token(Request, long, long)}). */
    void commonGaps(long nanos, int count) {
        itl.record(nanos, count);
    }

    /**
     * Folded decode steps {@code from} (inclusive) to {@code to} (exclusive), ending at
     * {@code stepEnds}, each gave {@code r} one token: the same effect as {@link #token} once per
     * step, except that the gaps between consecutive steps, the same for every request of the batch,
     * are left to {@link #stepGaps} (recorded once per step with a count) and the run's token count
     * to {@link #countTokens}. {@code r} has its first token already.
     *
     * @param commonFrom the first step's start: a first gap from there (the usual case) is left to
     *     the caller, as in {@link #token(Request, long, long)}
     * @return {@link #GAPS_NOT_COUNTED}, {@link #GAPS_COUNTED} or {@link #GAPS_COMMON}
     */
    int tokens(Request r, long[] stepEnds, int from, int to, long commonFrom) {
        int count = to - from;
        int answerAt = r.reasoningTokens - r.generated; // the step whose token is the first answer token
        if (answerAt >= 0 && answerAt < count) {
            r.firstAnswerTime = stepEnds[from + answerAt];
        }
        int counted = GAPS_NOT_COUNTED;
        if (r.arrivalTime >= latencyFrom) {
            if (r.lastTokenTime == commonFrom) {
                counted = GAPS_COMMON;
            } else {
                itl.record(stepEnds[from] - r.lastTokenTime);
                counted = GAPS_COUNTED;
            }
        }
        r.lastTokenTime = stepEnds[to - 1];
        r.generated += count;
        return counted;
    }

    /** {@link #tokens}: the request arrived during the warm-up; its gaps are not counted. */
    static final int GAPS_NOT_COUNTED = 0;
    /** {@link #tokens}: its gaps count, the first one recorded already. */
    static final int GAPS_COUNTED = 1;
    /** {@link #tokens}: its gaps count, the first one (from {@code commonFrom}) left to {@link #commonGaps}. */
    static final int GAPS_COMMON = 2;

    /** Output tokens of folded steps, counted as their steps end (the requests' own counts follow later, in {@link #tokens}). */
    void countTokens(long tokens) {
        outputTokens += tokens;
    }

    /** Records the gaps between consecutive folded steps {@code from..to-1}, once for each of {@code requests} requests. */
    void stepGaps(long[] stepEnds, int from, int to, int requests) {
        if (requests == 0) {
            return;
        }
        for (int s = from + 1; s < to; s++) {
            itl.record(stepEnds[s] - stepEnds[s - 1], requests);
        }
    }

    void completed(Request r, long now) {
        if (r.escalate) {
            // A cascade's first attempt: not yet an answer for the user, who waits for the second.
            if (escalation == null) {
                throw new IllegalStateException("a request marked for escalation in a cluster without a cascade");
            }
            escalated++;
            escalation.escalate(r, now);
            return;
        }
        completed++;
        completedInputTokens += r.inputTokens;
        long requestTpot = -1;
        if (r.outputTokens > 1) {
            // Rounded to the nanosecond: far below HdrHistogram's 3-digit resolution.
            requestTpot = Math.round((double) (now - r.firstTokenTime) / (r.outputTokens - 1));
        }
        if (r.arrivalTime < latencyFrom) {
            classes[r.classIndex].completedInWarmup(r.outputTokens);
        } else {
            classes[r.classIndex].completed(r.firstTokenTime - r.arrivalTime, r.firstAnswerTime - r.arrivalTime, requestTpot,
                    now - r.arrivalTime, r.outputTokens);
        }
        lastCompletionTime = now;
        for (RequestListener l : listeners) {
            l.finished(r, now, true);
        }
    }

    /** Tells {@code listener} about every request that leaves the system (closed-loop users, reports). */
    public void listen(RequestListener listener) {
        listeners = java.util.Arrays.copyOf(listeners, listeners.length + 1);
        listeners[listeners.length - 1] = listener;
    }

    /**
     * Warm-up: requests arriving before {@code arrivalNanos} still count as arrived and completed,
     * but their latencies (TTFT, TPOT, ITL, E2E) and SLO attainment are not recorded, so that the
     * empty system at the start does not flatter the percentiles. One comparison per completion.
     */
    public void excludeLatencyBefore(long arrivalNanos) {
        if (arrivalNanos < 0) {
            throw new IllegalArgumentException("warm-up must be >= 0 ns, was " + arrivalNanos);
        }
        this.latencyFrom = arrivalNanos;
    }

    /** Arrival time before which latencies are not recorded (0: none excluded). */
    public long latencyFrom() {
        return latencyFrom;
    }

    /** Sends completed requests marked for escalation to {@code e} instead of counting them. */
    void escalateVia(Escalation e) {
        this.escalation = e;
    }

    /** Cascade routing: first attempts that were escalated (not counted as completed). */
    public long escalated() {
        return escalated;
    }

    /** The metrics of workload class {@code index}. */
    public ClassMetrics byClass(int index) {
        return classes[index];
    }

    public int classCount() {
        return classes.length;
    }

    /**
     * TTFT of every completed request: the classes' recorders merged (not for the hot path). Read
     * it, do not record into it: with one class it is that class's own recorder, not a copy.
     */
    public LatencyRecorder ttft() {
        return merged(ClassMetrics::ttft);
    }

    /** Time to the first answer token of every completed request (equal to the TTFT without reasoning); read-only, as {@link #ttft}. */
    public LatencyRecorder ttfa() {
        return merged(ClassMetrics::ttfa);
    }

    /** TPOT of every completed request with two or more output tokens; read-only, as {@link #ttft}. */
    public LatencyRecorder tpot() {
        return merged(ClassMetrics::tpot);
    }

    public LatencyRecorder itl() {
        return itl;
    }

    /** End-to-end latency of every completed request; read-only, as {@link #ttft}. */
    public LatencyRecorder e2e() {
        return merged(ClassMetrics::e2e);
    }

    /**
     * Latencies are recorded once, per class; run-wide figures merge them when asked. A single
     * class's recorder is returned as it is: a copy of its histogram per metric and run was most of
     * what a sweep of short points allocated.
     */
    private LatencyRecorder merged(java.util.function.Function<ClassMetrics, LatencyRecorder> which) {
        if (classes.length == 1) {
            return which.apply(classes[0]);
        }
        LatencyRecorder all = new LatencyRecorder();
        for (ClassMetrics c : classes) {
            all.add(which.apply(c));
        }
        return all;
    }

    public long arrived() {
        return arrived;
    }

    public long completed() {
        return completed;
    }

    /** Requests that could never be served (for example larger than the replica's KV cache). */
    public long rejected() {
        return rejected;
    }

    /** Prompt tokens of completed requests. */
    public long completedInputTokens() {
        return completedInputTokens;
    }

    /** Every output token produced, including those of requests still in flight. */
    public long outputTokens() {
        return outputTokens;
    }

    /** Arrival time of the first request, or -1 before any arrived. */
    public long firstArrivalTime() {
        return firstArrivalTime;
    }

    /** Time of the last completion, or -1 before any completed. */
    public long lastCompletionTime() {
        return lastCompletionTime;
    }
}
