package org.tokenfab.serving;

import org.tokenfab.hardware.cost.BatchShape;
import org.tokenfab.hardware.cost.StepUsage;

/**
 * The schedule of consecutive decode-only steps that a {@link Replica} runs as one event. Between
 * two such steps nothing changes but the contexts, each one token longer, so step {@code s} of the
 * fold has the first step's shape with every context {@code s} tokens longer: the same aggregate
 * sums the replica's scheduler would build step by step, given to the same step-cost model, so each
 * step's duration, usage and energy are exactly those of the unfolded run.
 *
 * <p>This class only plans and keeps the schedule (the steps' end times, energies, usage and new KV
 * blocks) in preallocated arrays; the replica applies the steps lazily: a step's start (energy,
 * usage, step count, KV blocks taken) and end (tokens) in aggregate when something reads those
 * figures, the requests' own state (tokens, times, block counts) once per fold; and it cuts the fold
 * short when a request arrives mid-fold (see {@code Replica#settle}).
 *
 * <p>The fold length adapts: it doubles (up to {@link #MAX_STEPS}) after a fold that ran to its
 * planned end and halves after one cut short by an arrival, so replicas that receive requests every
 * few steps do not plan steps they will throw away. Any length gives the same results; the rule
 * only decides how much planning is wasted, and it is deterministic.
 */
final class DecodeFold {
    /** The longest fold (and the arrays' size). */
    static final int MAX_STEPS = 256;
    private static final int MIN_CAP = 4;
    private static final int FIRST_CAP = 16;

    /** End time of each step of the fold. */
    final long[] ends = new long[MAX_STEPS];
    /** Energy of each step (joules; 0 without a power model), charged when the step starts. */
    final double[] joules = new double[MAX_STEPS];
    /** FLOPs and bytes per accelerator of each step, charged when the step starts. */
    final double[] flops = new double[MAX_STEPS];
    final double[] bytes = new double[MAX_STEPS];
    /** New KV blocks the running requests take as each step starts. */
    final int[] grow = new int[MAX_STEPS];
    /** Steps in the fold; 0 when the replica is not folding. */
    int steps;
    /** Steps whose start has been charged: energy, usage, step count, KV blocks (the first as an ordinary step). */
    int charged;
    /** Steps whose tokens have been counted in the replica's and the run's totals (at most {@code steps - 1}). */
    int counted;
    /** Steps whose tokens the requests themselves have been given (at most {@link #counted}). */
    int applied;
    /** The value of {@link #charged} when the requests' KV block counts were last brought up to date. */
    int synced;
    /** Requests brought up to date since the last {@link #syncedRequests} whose gaps count, and those of them with a common first gap. */
    private int gapsCounted;
    private int commonGaps;
    private int cap = FIRST_CAP;
    /** Whether the fold was as long as the cap allowed and has not been cut. */
    private boolean wholeCap;
    private final StepUsage usage = new StepUsage();

    /** The most steps the next fold may have. */
    int cap() {
        return cap;
    }

    /**
     * Plans a fold of {@code k} steps whose first, of shape {@code first}, ends at {@code firstEnd}
     * (its energy and usage already charged as an ordinary step's). {@code first} is left holding the
     * last step's shape.
     *
     * @return the end time of the last step
     */
    long plan(long firstEnd, int k, BatchShape first, StepCost cost, ReplicaPower power) {
        ends[0] = firstEnd;
        long context = first.decodeContext;
        long longest = first.decodeMaxContext;
        int seqs = first.decodeSeqs;
        for (int s = 1; s < k; s++) {
            first.decodeContext = context + (long) seqs * s;
            first.decodeMaxContext = longest + s;
            usage.clear();
            long duration = Math.max(1, cost.evaluate(first, usage));
            if (power != null) {
                duration = Math.max(1, power.plan(duration, usage));
                joules[s] = power.plannedJoules();
            }
            flops[s] = usage.flops;
            bytes[s] = usage.memoryBytes;
            ends[s] = ends[s - 1] + duration;
        }
        steps = k;
        wholeCap = k == cap;
        charged = 1;
        counted = 0;
        applied = 0;
        synced = 1;
        return ends[k - 1];
    }

    /**
     * Cuts the fold after its step in progress (the first whose tokens are not counted); returns
     * true if that shortened it.
     */
    boolean cutAfterCurrent() {
        int last = counted + 1;
        if (last >= steps) {
            return false;
        }
        steps = last;
        wholeCap = false;
        cap = Math.max(MIN_CAP, cap / 2);
        return true;
    }

    /** When step {@code s} of the fold started, given the fold's start. */
    long stepStart(int s, long foldStart) {
        return s == 0 ? foldStart : ends[s - 1];
    }

    /**
     * Counts one request brought up to date: how its inter-token gaps count
     * ({@link MetricsRecorder#tokens}'s code), for {@link #syncedRequests}.
     */
    void tally(int gaps) {
        if (gaps != MetricsRecorder.GAPS_NOT_COUNTED) {
            gapsCounted++;
            if (gaps == MetricsRecorder.GAPS_COMMON) {
                commonGaps++;
            }
        }
    }

    /**
     * Every running request has been brought up to date ({@code Replica#syncFolded}, with
     * {@link #tally}): records the gaps of the steps applied, the first of each request's from the
     * step before (most at once, with a count) and those between consecutive steps once per counted
     * request.
     */
    void syncedRequests(long foldStart, MetricsRecorder metrics) {
        if (counted > applied) {
            metrics.commonGaps(ends[applied] - stepStart(applied, foldStart), commonGaps);
            metrics.stepGaps(ends, applied, counted, gapsCounted);
        }
        gapsCounted = 0;
        commonGaps = 0;
        applied = counted;
        synced = charged;
    }

    /** As {@link #syncedRequests}, at the fold's last step (whose own tokens are the step's): the fold ends. */
    void endRequests(long foldStart, MetricsRecorder metrics) {
        syncedRequests(foldStart, metrics);
        ended();
    }

    /** The fold's last step has ended: the next may be longer if this one used its whole cap uncut. */
    void ended() {
        if (wholeCap) {
            cap = Math.min(MAX_STEPS, cap * 2);
        }
        steps = 0;
    }
}
