package org.tokenfab.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.tokenfab.hardware.cost.BatchShape;
import org.tokenfab.hardware.cost.StepUsage;
import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.Simulation;
import org.tokenfab.sim.TimeWeightedAverage;

/**
 * One copy of the model on its accelerators, running an iteration loop. Each iteration its
 * {@link BatchPolicy} forms the batch through the scheduling operations below (admission,
 * KV-block reservation with preemption, scheduling of prefill chunks and decode tokens); the
 * step-cost model gives the iteration's duration from the batch's aggregate shape, plus any KV
 * transfers over the host link (swap, CPU-tier loads) and drafting; one event marks the end of
 * the step, when tokens are emitted and finished requests leave.
 *
 * <p>Admission control: a request larger than the whole KV cache is rejected on arrival (it could
 * never run); so is one arriving at a full queue ({@code max_queue}); one that waits longer than
 * {@code max_wait} without starting is rejected when the next iteration is planned. Every
 * rejection is counted by reason, never lost.
 *
 * <p>Preemption: by recompute (the KV cache is dropped; the prompt and the tokens generated so
 * far are prefilled again, as vLLM does), or, with swap enabled and room in the host swap space,
 * by copying the blocks to host memory and back, each way at the host link's speed, added to the
 * step that moves them. Preempted requests go back to the front of the queue.
 *
 * <p>Folding: when a step decodes every running request and nothing waits, the next steps differ
 * only in their contexts, one token longer each, until a request finishes or needs a new KV block.
 * The replica then plans those steps at once ({@link DecodeFold}) and schedules one event at the end
 * of the last; a request arriving mid-fold cuts the fold after the step in progress, and anything
 * that reads tokens, energy or usage mid-fold first applies the steps that have started or ended
 * ({@link #settle}). Results are those of the unfolded run ({@link #foldDecodeSteps(boolean)} turns
 * folding off, for the tests that prove it), at O(batch) per fold instead of per step. The one
 * difference: an event at the very nanosecond a folded step ends is ordered as if the step ended first.
 *
 * <p>Cost: O(batch) per iteration (per fold when folding), nothing allocated once the arrays have grown.
 */
public final class Replica implements EventHandler {
    private static final int STEP_END = 1;
    private static final int WAKE = 2;
    private static final int READY = 3;

    /** Where a replica is in its life: only an active one takes new requests. */
    public enum State {
        /** Serving. */
        ACTIVE,
        /** Loading its weights after being switched on or repaired: drawing idle power, not serving. */
        STARTING,
        /** Finishing what it has before switching off: takes no new requests. */
        DRAINING,
        /** Switched off (scaled in): no power, no cost of energy. */
        OFF,
        /** Broken until repaired: its requests were sent back to the cluster. */
        FAILED
    }

    private final Simulation sim;
    private final ReplicaConfig config;
    private final SchedulerOptions options;
    private final BatchPolicy policy;
    private final StepCost cost;
    /** Null when the run does not model power. */
    private final ReplicaPower power;
    private final StepUsage usage = new StepUsage();
    private final BatchShape shape = new BatchShape();
    private final BatchShape draftShape = new BatchShape();
    private final MetricsRecorder metrics;
    private final RequestPool pool;
    private final KvCache kv;
    private final SpecDecoding spec;
    private final SplittableRandom rng;

    private final WaitQueue waiting;
    /** Waiting requests in arrival order, for the wait limit and the dynamic batcher. */
    private final ArrivalOrder byArrival = new ArrivalOrder();
    /** Admitted requests in admission order: preemption takes from the end. */
    private final ArrayList<Request> running = new ArrayList<>();
    private Request[] batch = new Request[64];
    /** Per batch entry: prefill tokens, or -(1 + draft tokens) for a decode, or 0 for padding. */
    private int[] scheduled = new int[64];
    private int batchSize;
    /** Finished requests still in {@code running} (padding of a static batch): no longer in flight. */
    private int finishedRunning;
    /** Where prefilled requests go (a prefill replica of a disaggregated cluster), or null. */
    private Handoff handoff;
    /** Requests handed off whose KV blocks are still here, being sent. */
    private int sending;
    private long handedOff;
    private boolean stepping;
    private long stepEvent;
    private State state = State.ACTIVE;
    private long stateSince;
    private long offNanos;
    private long failures;
    private long downNanos;
    private boolean preemptedThisStep;
    private long transferBlocks;
    private long wakeAt = Long.MAX_VALUE;
    private long stepStart;
    /** Told about every iteration started, or null (the usual case); folding is off while set. */
    private StepObserver stepObserver;
    private final DecodeFold fold = new DecodeFold();
    private boolean folding = true;

    private long steps;
    private long busyNanos;
    private long preemptions;
    private long swapOuts;
    private long rejectedTooLong;
    private long rejectedQueueFull;
    private long rejectedTimeout;
    private long draftTokensProposed;
    private long draftTokensAccepted;
    /** Output tokens delivered and requests completed here (per-pool time series; same events as the metrics). */
    private long tokensOut;
    private long completedHere;
    /** Per accelerator, summed over steps: for MFU and MBU. */
    private double flops;
    private double memoryBytes;
    private final TimeWeightedAverage kvOccupancy;
    private final TimeWeightedAverage runningRequests;

    /** A replica whose speculative decoding, if any, draws from a fixed seed. */
    public Replica(Simulation sim, ReplicaConfig config, MetricsRecorder metrics, RequestPool pool) {
        this(sim, config, metrics, pool, 0x5EED);
    }

    /**
     * @param seed seeds the acceptance draws of speculative decoding (give each replica its own)
     */
    public Replica(Simulation sim, ReplicaConfig config, MetricsRecorder metrics, RequestPool pool, long seed) {
        this.sim = sim;
        this.config = config;
        this.options = config.options();
        this.policy = options.batching().policy();
        this.cost = config.stepCost();
        this.power = config.power() == null ? null : new ReplicaPower(config.power());
        this.metrics = metrics;
        this.pool = pool;
        this.spec = options.spec();
        this.rng = new SplittableRandom(seed);
        this.waiting = new WaitQueue(options.discipline());
        int swapBlocks = options.swap() ? options.swapBlocks() : 0;
        this.kv = new KvCache(config.kvBlocks(), config.blockTokens(), options.watermark(), options.prefixCaching(),
                options.cpuTierBlocks(), swapBlocks);
        this.kvOccupancy = new TimeWeightedAverage(sim.now(), 0);
        this.runningRequests = new TimeWeightedAverage(sim.now(), 0);
    }

    /** Accepts a routed request; starts a step at once if the replica was idle. */
    void submit(Request r) {
        long needed = (long) r.inputTokens + r.outputTokens;
        if (kv.blocksFor(needed) > kv.admissibleBlocks()) {
            // It could never run here, not even alone (admission keeps the watermark free): reject
            // and count rather than stall the queue.
            rejectedTooLong++;
            reject(r);
            return;
        }
        if (options.maxQueue() > 0 && waiting.size() >= options.maxQueue()) {
            rejectedQueueFull++;
            reject(r);
            return;
        }
        waiting.add(r);
        if (options.maxWaitNanos() > 0 || options.batching() == BatchingMode.DYNAMIC) {
            byArrival.add(r);
        }
        if (!stepping) {
            startStep();
        } else {
            cutFold(); // the step after the current one plans with r
        }
    }

    private void reject(Request r) {
        metrics.rejected(r);
        pool.release(r);
    }

    @Override
    public void onEvent(int type, long payload) {
        if (type == STEP_END) {
            settle(sim.now()); // a fold's steps before its last: the last is this event's
            finishStep();
            startStep(); // goes idle by itself when nothing is left to do
            if (state == State.DRAINING && inFlight() == 0 && sending == 0) {
                setState(State.OFF);
            }
        } else if (type == READY) {
            if (state != State.STARTING) {
                return; // it failed while loading: the repair schedules another start
            }
            setState(State.ACTIVE);
            if (!stepping) {
                startStep();
            }
        } else if (payload == wakeAt) {
            wakeAt = Long.MAX_VALUE;
            if (!stepping) {
                startStep();
            }
        }
    }

    // ---------------------------------------------------------------- the iteration

    private void startStep() {
        if (state == State.STARTING || state == State.OFF || state == State.FAILED) {
            return; // requests wait here until it serves (READY starts a step)
        }
        long now = sim.now();
        batchSize = 0;
        shape.clear();
        preemptedThisStep = false;
        long preemptionsBefore = preemptions;
        transferBlocks = 0;
        if (options.maxWaitNanos() > 0) {
            expireWaiting(now);
        }
        long again = policy.plan(this, now);

        kvOccupancy.update(now, occupancy());
        runningRequests.update(now, running.size());
        if (batchSize == 0) {
            stepping = false;
            if (again != BatchPolicy.NOW && again < wakeAt) {
                wakeAt = again;
                sim.schedule(again, this, WAKE, again);
            }
            return;
        }
        usage.clear();
        long duration = Math.max(1, cost.evaluate(shape, usage));
        if (spec != null && draftShape.decodeSeqs > 0) {
            // Drafting runs k times over the decoding sequences before the verifying pass.
            duration += spec.draftTokens() * spec.draftCost().evaluate(draftShape, null);
            draftShape.clear();
        }
        duration += transferBlocks * options.transferNanosPerBlock();
        if (power != null) {
            duration = Math.max(1, power.step(duration, usage));
        }
        flops += usage.flops;
        memoryBytes += usage.memoryBytes;
        stepping = true;
        stepStart = now;
        steps++;
        long end = now + duration;
        int k = folding && stepObserver == null ? foldableSteps() : 0;
        if (k >= 2) {
            end = fold.plan(end, k, shape, cost, power);
        }
        stepEvent = sim.scheduleFirst(end, this, STEP_END, 0);
        if (stepObserver != null) {
            stepObserver.step(now, duration, shape.prefillSeqs, shape.prefillTokens, shape.decodeSeqs, (int) kv.usedBlocks(),
                    config.kvBlocks(), waiting.size(), (int) (preemptions - preemptionsBefore));
        }
    }

    /** Tells {@code observer} (or no one, with null) about every iteration from now on; steps are not folded while observed. */
    public void observeSteps(StepObserver observer) {
        this.stepObserver = observer;
    }

    /**
     * Whether to fold consecutive decode-only steps into one event (the default). Off, every step is
     * an event: the plain reference that the folded runs are tested against.
     */
    public void foldDecodeSteps(boolean fold) {
        this.folding = fold;
    }

    // ---------------------------------------------------------------- folding of decode steps

    /**
     * How many steps, the one just planned included, can run as one fold: 0 unless this step decodes
     * every running request (one token each, no drafts, no transfer, no preemption) with nothing
     * waiting and a policy that would plan the same batch again; then up to the step in which the
     * first request finishes, while the KV blocks the growing contexts take fit in the free blocks
     * (so no step would evict a cached prefix or preempt), within the fold's cap. Fills the fold's
     * per-step block counts.
     */
    private int foldableSteps() {
        BatchingMode mode = options.batching();
        if (spec != null || handoff != null || (mode != BatchingMode.CONTINUOUS && mode != BatchingMode.CHUNKED_PREFILL)
                || waiting.size() > 0 || shape.prefillSeqs > 0 || transferBlocks > 0 || preemptedThisStep
                || finishedRunning > 0 || batchSize != running.size()) {
            return 0;
        }
        // One pass over the batch (each request is a cache miss): the steps until the first
        // request finishes, and the new KV blocks each step takes. Step s (1-based) emits token
        // number generated + s and needs room for kvTokens + s tokens: a new block at the first s
        // past the blocks held (the first step's are reserved already), then every blockTokens steps.
        int k = fold.cap();
        int[] grow = fold.grow;
        java.util.Arrays.fill(grow, 0, k, 0);
        long blockTokens = config.blockTokens();
        for (int i = 0; i < batchSize; i++) {
            Request r = batch[i];
            if (scheduled[i] != -1 || r.generated == 0) {
                return 0;
            }
            k = Math.min(k, r.outputTokens - r.generated);
            if (k < 2) {
                return 0;
            }
            for (long step = r.kvBlocks * blockTokens - r.kvTokens + 1; step <= k; step += blockTokens) {
                grow[(int) step - 1]++;
            }
        }
        long free = kv.freeBlocks();
        long taken = 0;
        int steps = 1;
        while (steps < k && (taken += grow[steps]) <= free) {
            steps++;
        }
        return steps;
    }

    /**
     * Brings a fold's figures up to {@code now}: the steps that have started are charged (energy,
     * usage, step count, KV blocks and occupancy, at their start times) and the tokens of those that
     * have ended are counted, as an unfolded run would have done by now; the requests' own state
     * follows when the fold ends ({@link #settleRequests}). Anything that reads those figures calls
     * it first; a no-op when the replica is not folding or nothing has happened since.
     */
    public void settle(long now) {
        DecodeFold f = fold;
        if (f.steps == 0) {
            return;
        }
        while (f.charged < f.steps && f.ends[f.charged - 1] <= now) {
            int s = f.charged++;
            steps++;
            flops += f.flops[s];
            memoryBytes += f.bytes[s];
            if (power != null) {
                power.charge(f.joules[s]);
            }
            if (f.grow[s] > 0) {
                kv.takeFree(f.grow[s]);
                kvOccupancy.update(f.ends[s - 1], occupancy());
            }
        }
        int ended = f.counted;
        while (ended < f.steps - 1 && f.ends[ended] <= now) {
            ended++;
        }
        if (ended > f.counted) {
            long tokens = (long) (ended - f.counted) * batchSize;
            tokensOut += tokens;
            metrics.countTokens(tokens);
            f.counted = ended;
        }
    }

    /**
     * {@link #settle} and then the running requests' own state: the tokens of the steps that have
     * ended (with their times, inter-token gaps and first answer token) and the KV blocks reserved
     * by the steps that have started. Called when a fold ends, at a failure and at the end of a run.
     */
    public void settleRequests(long now) {
        settle(now);
        DecodeFold f = fold;
        if (f.steps == 0 || (f.applied == f.counted && f.synced == f.charged)) {
            return;
        }
        for (int i = 0; i < batchSize; i++) {
            syncFolded(batch[i]);
        }
        f.syncedRequests(stepStart, metrics);
    }

    /**
     * Gives running request {@code r} the tokens of the fold's steps counted since its requests
     * were last brought up to date, and the KV blocks of the steps started; how its inter-token
     * gaps count goes to the fold's tally ({@link MetricsRecorder#tokens}, {@link DecodeFold#tally}).
     */
    private void syncFolded(Request r) {
        DecodeFold f = fold;
        if (f.counted > f.applied) {
            r.kvTokens += f.counted - f.applied;
            f.tally(metrics.tokens(r, f.ends, f.applied, f.counted, f.stepStart(f.applied, stepStart)));
        }
        // The steps started hold room for kvTokens + (charged - counted) tokens.
        long blockTokens = config.blockTokens();
        long need = r.kvTokens + (long) (f.charged - f.counted);
        r.kvBlocks = (int) Math.max(r.kvBlocks, (need + blockTokens - 1) / blockTokens);
    }

    /** Something changed the replica mid-fold (a request came): the fold ends with the step in progress. */
    private void cutFold() {
        if (fold.steps == 0) {
            return;
        }
        settle(sim.now());
        if (fold.cutAfterCurrent()) {
            sim.cancel(stepEvent);
            stepEvent = sim.scheduleFirst(fold.ends[fold.steps - 1], this, STEP_END, 0);
        }
    }

    private void finishStep() {
        long now = sim.now();
        busyNanos += now - stepStart;
        boolean anyDone = false;
        DecodeFold f = fold;
        boolean folded = f.steps > 0;
        // Most requests' previous token came out as this step started: their gaps are recorded at once.
        long gapFrom = folded ? f.stepStart(f.steps - 1, stepStart) : stepStart;
        int commonGaps = 0;
        for (int i = 0; i < batchSize; i++) {
            Request r = batch[i];
            int work = scheduled[i];
            batch[i] = null;
            if (work == 0) {
                continue; // padding in a static batch
            }
            if (folded) {
                syncFolded(r);
            }
            if (work > 0) {
                r.prefilled += work;
                r.kvTokens += work;
                if (!r.inDecode()) {
                    continue; // more chunks to come before the next token
                }
                if (handoff != null && r.generated == 0 && r.outputTokens > 1) {
                    // Disaggregated: the decode replica delivers the first token once the KV has arrived.
                    r.handedOff = true;
                    anyDone = true;
                    continue;
                }
                tokensOut++;
                if (metrics.token(r, now, gapFrom)) {
                    commonGaps++;
                }
            } else {
                int drafts = -work - 1;
                int emitted = 1;
                if (drafts > 0) {
                    int accepted = spec.accepted(drafts, rng.nextDouble());
                    draftTokensProposed += drafts;
                    draftTokensAccepted += accepted;
                    emitted = Math.min(1 + accepted, r.outputTokens - r.generated);
                }
                r.kvTokens += emitted;
                tokensOut += emitted;
                for (int t = 0; t < emitted; t++) {
                    if (metrics.token(r, now, gapFrom)) {
                        commonGaps++;
                    }
                }
            }
            if (r.generated == r.outputTokens) {
                r.done = true;
                anyDone = true;
                finishedRunning++;
                if (!r.escalate) {
                    completedHere++; // an escalated first attempt is not an answer (see MetricsRecorder)
                }
                metrics.completed(r, now);
            }
        }
        batchSize = 0;
        metrics.commonGaps(now - gapFrom, commonGaps);
        if (folded) {
            f.endRequests(stepStart, metrics);
        }
        if (anyDone) {
            removeDone();
        }
    }

    /** Finished requests leave; in a static batch only when all of it has finished. */
    private void removeDone() {
        boolean staticBatch = options.batching() == BatchingMode.STATIC || options.batching() == BatchingMode.DYNAMIC;
        if (staticBatch) {
            for (int i = 0; i < running.size(); i++) {
                if (!running.get(i).done) {
                    return;
                }
            }
        }
        int kept = 0;
        for (int i = 0; i < running.size(); i++) {
            Request r = running.get(i);
            if (r.done) {
                finishedRunning--;
                kv.release(r);
                pool.release(r);
            } else if (r.handedOff) {
                r.handedOff = false;
                sending++;
                handedOff++;
                handoff.prefilled(this, r, sim.now()); // keeps its blocks until releaseSent
            } else {
                running.set(kept++, r);
            }
        }
        while (running.size() > kept) {
            running.removeLast();
        }
    }

    private void expireWaiting(long now) {
        long limit = options.maxWaitNanos();
        for (Request r = byArrival.oldest(waiting); r != null && now - r.arrivalTime > limit; r = byArrival.oldest(waiting)) {
            byArrival.poll();
            waiting.remove(r);
            rejectedTimeout++;
            reject(r);
        }
    }

    // ---------------------------------------------------------------- operations for the policies

    int maxBatchTokens() {
        return config.maxBatchTokens();
    }

    int maxSeqs() {
        return config.maxSeqs();
    }

    long batchTimeoutNanos() {
        return options.batchTimeoutNanos();
    }

    int runningCount() {
        return running.size();
    }

    Request running(int i) {
        return running.get(i);
    }

    int waitingCount() {
        return waiting.size();
    }

    int batchSize() {
        return batchSize;
    }

    boolean preemptedThisStep() {
        return preemptedThisStep;
    }

    /** Whether the queue's head is a swapped-out request. */
    boolean headIsSwapped() {
        Request head = waiting.peek();
        return head != null && head.swappedBlocks > 0;
    }

    /** Arrival time of the longest-waiting request (the waiting queue must not be empty). */
    long oldestWaitingArrival() {
        Request r = byArrival.oldest(waiting);
        return r != null ? r.arrivalTime : waiting.peek().arrivalTime;
    }

    /** Tokens a decoding request takes this step: one, plus up to k draft tokens within {@code budget}. */
    int decodeTokens(Request r, int budget) {
        if (spec == null) {
            return 1;
        }
        int remaining = r.outputTokens - r.generated;
        return Math.max(1, Math.min(Math.min(1 + spec.draftTokens(), remaining), budget));
    }

    /**
     * Makes room in the KV cache for {@code tokens} more tokens of running request {@code r},
     * preempting the newest running requests as needed. Returns false if {@code r} itself had to
     * be preempted (it was the newest).
     */
    boolean reserve(Request r, int tokens) {
        int extra = kv.blocksFor((long) r.kvTokens + tokens) - r.kvBlocks;
        while (!kv.canGrow(extra)) {
            Request victim = running.removeLast();
            preempt(victim);
            if (victim == r) {
                return false;
            }
        }
        kv.grow(r, extra);
        return true;
    }

    /** Adds running request {@code r} to the batch: a prefill chunk of {@code tokens}, or a decode of 1 + drafts. */
    void schedule(Request r, int tokens) {
        if (r.inDecode()) {
            addToBatch(r, -tokens);
            if (tokens > 1) {
                // Verification: the draft and the last token as one chunk over the cached context.
                shape.addPrefillChunk(r.kvTokens, tokens);
                draftShape.addDecode(r.kvTokens + 1);
            } else {
                shape.addDecode(r.kvTokens + 1);
                if (spec != null) {
                    draftShape.addDecode(r.kvTokens + 1);
                }
            }
        } else {
            addToBatch(r, tokens);
            shape.addPrefillChunk(r.prefilled, tokens);
        }
    }

    /** A finished member of a static batch: it still costs a decode row. */
    void schedulePadding(Request r) {
        addToBatch(r, 0);
        shape.addDecode(r.kvTokens);
    }

    /**
     * Tries to admit the queue's head and schedule its first work: its next prefill chunk (at most
     * {@code budget} tokens; the whole remaining prompt, or nothing, if {@code wholePrompt}), or,
     * for a swapped-out request, its swap-in and next token. Leaves {@code budget} free, the
     * watermark and the queue order respected: the head is never overtaken.
     *
     * @return the tokens scheduled, or -1 if the head cannot be admitted now
     */
    int admitHead(int budget, boolean wholePrompt) {
        Request r = waiting.peek();
        if (r == null) {
            return -1;
        }
        if (r.swappedBlocks > 0) {
            if (!kv.canAdmit(r.swappedBlocks)) {
                return -1;
            }
            int want = r.inDecode() ? decodeTokens(r, budget) : Math.min(r.prefillRemaining(), budget);
            int extra = kv.blocksFor((long) r.kvTokens + want) - r.swappedBlocks;
            if (!kv.canAdmit(r.swappedBlocks + Math.max(0, extra))) {
                return -1;
            }
            waiting.poll();
            transferBlocks += kv.swapIn(r);
            kv.grow(r, extra);
            running.add(r);
            schedule(r, want);
            return want;
        }
        boolean fresh = r.kvTokens == 0;
        if (fresh) {
            kv.lookup(r);
        }
        int remaining = r.prefillRemaining();
        // A request whose KV came from a prefill replica starts with its first decode.
        int want = r.inDecode() ? decodeTokens(r, budget) : Math.min(remaining, budget);
        if (wholePrompt && want < remaining) {
            undoLookup(r, fresh);
            return -1;
        }
        // No-evict admission reserves the whole request (prompt and output) up front.
        long reserved = options.noEvict() ? (long) r.inputTokens + r.outputTokens : (long) r.kvTokens + want;
        int extra = kv.blocksFor(reserved) - r.kvBlocks;
        if (!kv.canAdmit(extra)) {
            undoLookup(r, fresh);
            return -1;
        }
        waiting.poll();
        r.started = true;
        transferBlocks += kv.loadBlocks(r);
        kv.grow(r, extra);
        running.add(r);
        schedule(r, want);
        return want;
    }

    /**
     * Static batching: admits the head with its whole prompt in this step, reserving KV blocks for
     * its prompt and its whole output, within {@code budget} prompt tokens.
     *
     * @return the prompt tokens scheduled, or -1 if the head cannot be admitted now
     */
    int admitWhole(int budget) {
        Request r = waiting.peek();
        if (r == null) {
            return -1;
        }
        kv.lookup(r);
        int want = r.prefillRemaining();
        int extra = kv.blocksFor((long) r.inputTokens + r.outputTokens) - r.kvBlocks;
        if (want > budget || !kv.canAdmit(extra)) {
            undoLookup(r, true);
            return -1;
        }
        waiting.poll();
        r.started = true;
        transferBlocks += kv.loadBlocks(r);
        kv.grow(r, extra);
        running.add(r);
        schedule(r, want);
        return want;
    }

    private void undoLookup(Request r, boolean fresh) {
        if (fresh) {
            kv.unlook(r);
        }
    }

    private void preempt(Request r) {
        preemptions++;
        preemptedThisStep = true;
        if (options.swap() && kv.canSwapOut(r.kvBlocks)) {
            swapOuts++;
            transferBlocks += kv.swapOut(r);
        } else {
            kv.release(r);
            r.kvTokens = 0;
            r.prefilled = 0;
            // Recompute: the prompt and the tokens generated so far are prefilled again; the
            // prefill's output is the next token, so a request that had produced g tokens resumes at g + 1.
            r.prefillTarget = r.inputTokens + r.generated;
        }
        waiting.addFront(r);
    }

    private void addToBatch(Request r, int work) {
        if (batchSize == batch.length) {
            batch = Arrays.copyOf(batch, batchSize * 2);
            scheduled = Arrays.copyOf(scheduled, batchSize * 2);
        }
        batch[batchSize] = r;
        scheduled[batchSize++] = work;
    }

    private double occupancy() {
        return (double) kv.usedBlocks() / config.kvBlocks();
    }

    // ---------------------------------------------------------------- results

    /** Closes the time-weighted statistics at {@code now} and returns this replica's figures. */
    public ReplicaStats stats(long now) {
        settle(now);
        double seconds = now * 1e-9;
        boolean modelled = power != null && now > 0;
        return new ReplicaStats(steps, busyNanos, preemptions, swapOuts, kvOccupancy.average(now), kvOccupancy.max(),
                runningRequests.average(now), runningRequests.max(), inFlight(),
                modelled ? flops / (power.peakFlopsPerAccelerator() * seconds) : Double.NaN,
                modelled ? memoryBytes / (power.bandwidthPerAccelerator() * seconds) : Double.NaN,
                power != null ? power.joules(now - offNanos(now), busyNanos) : Double.NaN,
                rejectedTooLong, rejectedQueueFull, rejectedTimeout,
                kv.promptTokensLookedUp, kv.gpuHitTokens, kv.cpuHitTokens, draftTokensProposed, draftTokensAccepted);
    }

    /** Requests queued or running here. */
    public int inFlight() {
        return waiting.size() + running.size() - finishedRunning;
    }

    /**
     * Energy of this replica's accelerators over {@code [0, now]}: busy steps at their power (a
     * step's energy is charged when it starts), the rest at idle power. NaN without a power model.
     */
    public double acceleratorJoules(long now) {
        settle(now);
        long busy = busyNanos + (stepping ? now - stepStart : 0);
        return power != null ? power.joules(now - offNanos(now), busy) : Double.NaN;
    }

    /** Makes this a prefill replica: prefilled requests go to {@code target} instead of decoding here. */
    public void handOffTo(Handoff target) {
        this.handoff = target;
    }

    /** The KV of a request handed off by this replica has been sent: its blocks are free again. */
    void releaseSent(Request r) {
        kv.release(r);
        sending--;
        if (!stepping) {
            startStep(); // the freed blocks may admit a waiting request
        } else {
            cutFold();
        }
    }

    /** Requests handed off to decode replicas so far. */
    public long handedOff() {
        return handedOff;
    }

    // ---------------------------------------------------------------- life cycle (autoscaling, failures)

    public State state() {
        return state;
    }

    /** Whether the replica takes new requests. */
    public boolean accepting() {
        return state == State.ACTIVE;
    }

    private void setState(State next) {
        long now = sim.now();
        if (state == State.OFF) {
            offNanos += now - stateSince;
        } else if (state == State.FAILED) {
            downNanos += now - stateSince;
        }
        state = next;
        stateSince = now;
    }

    /** Switches an off replica on: it serves after {@code coldStartNanos} (loading its weights). */
    public void switchOn(long coldStartNanos) {
        if (state != State.OFF) {
            throw new IllegalStateException("only an off replica can be switched on; this one is " + state);
        }
        setState(State.STARTING);
        sim.schedule(sim.now() + coldStartNanos, this, READY, 0);
    }

    /** Stops taking requests, finishes those it has, then switches off. */
    public void drain() {
        if (state == State.STARTING || state == State.OFF || state == State.FAILED) {
            throw new IllegalStateException("only a serving replica can drain; this one is " + state);
        }
        setState(State.DRAINING);
        if (inFlight() == 0 && sending == 0 && !stepping) {
            setState(State.OFF);
        }
    }

    /** A replica built switched off (scaled in at the start). */
    public void startOff() {
        if (sim.now() != stateSince || steps > 0 || inFlight() > 0) {
            throw new IllegalStateException("only a fresh replica can start off");
        }
        state = State.OFF;
    }

    /**
     * The replica breaks: the step in progress is lost, every request queued or running here is
     * taken back (their KV caches are gone: they will prefill again, with the tokens already
     * generated, wherever they go next) and handed to {@code requeue}; the prefix cache is lost.
     * Transfers already leaving for decode replicas complete. It serves again after {@link #repair}.
     */
    public void fail(java.util.function.Consumer<Request> requeue) {
        if (state == State.OFF || state == State.FAILED) {
            throw new IllegalStateException("an off or failed replica cannot fail; this one is " + state);
        }
        long now = sim.now();
        settleRequests(now); // the steps of a fold that ended before the failure count
        fold.steps = 0;
        if (stepping) {
            sim.cancel(stepEvent);
            busyNanos += now - stepStart;
            stepping = false;
            for (int i = 0; i < batchSize; i++) {
                batch[i] = null;
            }
            batchSize = 0;
            draftShape.clear();
        }
        failures++;
        setState(State.FAILED);
        java.util.List<Request> back = new java.util.ArrayList<>();
        for (Request r : running) {
            if (r.done) {
                finishedRunning--;
                kv.release(r);
                pool.release(r);
                continue;
            }
            kv.release(r);
            back.add(r);
        }
        running.clear();
        for (Request r = waiting.poll(); r != null; r = waiting.poll()) {
            if (r.swappedBlocks > 0) {
                kv.dropSwapped(r);
            }
            back.add(r);
        }
        kv.dropUnreferencedCache();
        kvOccupancy.update(now, occupancy());
        runningRequests.update(now, 0);
        for (Request r : back) {
            r.kvTokens = 0;
            r.prefilled = 0;
            r.kvBlocks = 0;
            r.prefillTarget = r.inputTokens + r.generated;
            requeue.accept(r);
        }
    }

    /** A failed replica is repaired: it serves again after {@code coldStartNanos}. */
    public void repair(long coldStartNanos) {
        if (state != State.FAILED) {
            throw new IllegalStateException("only a failed replica can be repaired; this one is " + state);
        }
        setState(State.STARTING);
        sim.schedule(sim.now() + coldStartNanos, this, READY, 0);
    }

    /** Simulated time spent stepping up to {@code now} (the step in progress counted so far). */
    public long busyNanos(long now) {
        return busyNanos + (stepping ? now - stepStart : 0);
    }

    /** Simulated time spent switched off up to {@code now}. */
    public long offNanos(long now) {
        return offNanos + (state == State.OFF ? now - stateSince : 0);
    }

    /** Simulated time spent failed up to {@code now}. */
    public long downNanos(long now) {
        return downNanos + (state == State.FAILED ? now - stateSince : 0);
    }

    public long failures() {
        return failures;
    }

    /** Share of the KV cache in use by running requests and referenced prefixes, in [0, 1] (for routers). */
    public double kvLoad() {
        settle(sim.now());
        return (double) kv.usedBlocks() / config.kvBlocks();
    }

    /** Prompt tokens of {@code r} this replica's prefix cache holds now (read-only; for routers). */
    int cachedPrefixTokens(Request r) {
        return kv.probe(r);
    }

    /** KV blocks held by running requests and referenced prefixes (for invariant checks). */
    long usedKvBlocks() {
        settle(sim.now());
        return kv.usedBlocks();
    }

    /** Free KV blocks (neither held nor cached). */
    int freeKvBlocks() {
        settle(sim.now());
        return kv.freeBlocks();
    }

    /** Waiting requests. */
    int waiting() {
        return waiting.size();
    }

    /** Admitted requests. */
    int running() {
        return running.size();
    }

    /** Requests waiting here now (for time series; read-only). */
    public int queued() {
        return waiting.size();
    }

    /** Requests admitted (running) here now, finished ones of the current step excluded (read-only). */
    public int admitted() {
        return running.size() - finishedRunning;
    }

    /** Output tokens this replica delivered so far (a disaggregated first token counts on the decode replica). */
    public long outputTokens() {
        settle(sim.now());
        return tokensOut;
    }

    /** Requests that completed here so far (escalated first attempts of a cascade excluded). */
    public long completedRequests() {
        return completedHere;
    }

    /** A token delivered for this replica elsewhere: the first token of a handed-off request ({@link KvTransfer}). */
    void countDeliveredToken() {
        tokensOut++;
    }
}
