package org.tokenfab.serving;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;

import org.tokenfab.hardware.cost.StepCostModel;
import org.tokenfab.hardware.cost.StepUsage;
import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.Simulation;
import org.tokenfab.sim.TimeWeightedAverage;

/**
 * One copy of the model on its accelerators, running an iteration loop with the semantics of the
 * vLLM V1 scheduler (chunked prefill, Sarathi-Serve style):
 * <ol>
 *   <li>Running requests first, oldest first: a decoding request takes one token of the budget, a
 *       request part-way through its prefill takes its next chunk (up to the remaining budget).</li>
 *   <li>If a running request needs KV blocks that are not free, the newest running request is
 *       preempted (recompute: its cache is dropped and it goes back to the front of the queue).</li>
 *   <li>Then, if nothing was preempted, waiting requests are admitted first-come first-served while
 *       budget, the sequence limit and free KV blocks allow.</li>
 * </ol>
 * One event marks the end of each step; the step's duration comes from the step-cost model.
 */
public final class Replica implements EventHandler {
    private static final int STEP_END = 1;

    private final Simulation sim;
    private final ReplicaConfig config;
    private final StepCost cost;
    /** Null when the run does not model power. */
    private final ReplicaPower power;
    private final StepUsage usage = new StepUsage();
    private final MetricsRecorder metrics;
    private final RequestPool pool;

    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    /** Admitted requests in admission order: preemption takes from the end. */
    private final ArrayList<Request> running = new ArrayList<>();
    private Request[] batch = new Request[64];
    private int batchSize;
    private int freeBlocks;
    private boolean stepping;
    private long stepStart;

    private long steps;
    private long busyNanos;
    private long preemptions;
    /** Per accelerator, summed over steps: for MFU and MBU. */
    private double flops;
    private double memoryBytes;
    private final TimeWeightedAverage kvOccupancy;
    private final TimeWeightedAverage runningRequests;

    public Replica(Simulation sim, ReplicaConfig config, MetricsRecorder metrics, RequestPool pool) {
        this.sim = sim;
        this.config = config;
        this.cost = config.stepCost();
        this.power = config.power() == null ? null : new ReplicaPower(config.power());
        this.metrics = metrics;
        this.pool = pool;
        this.freeBlocks = config.kvBlocks();
        this.kvOccupancy = new TimeWeightedAverage(sim.now(), 0);
        this.runningRequests = new TimeWeightedAverage(sim.now(), 0);
    }

    /** Accepts a routed request; starts a step at once if the replica was idle. */
    void submit(Request r) {
        long needed = (long) r.inputTokens + r.outputTokens;
        if (blocksFor(needed) > config.kvBlocks()) {
            // It could never run here, not even alone: reject and count rather than stall the queue.
            metrics.rejected(r);
            pool.release(r);
            return;
        }
        waiting.addLast(r);
        if (!stepping) {
            startStep();
        }
    }

    @Override
    public void onEvent(int type, long payload) {
        finishStep();
        startStep(); // goes idle by itself when nothing is left to do
    }

    private void startStep() {
        int budget = config.maxBatchTokens();
        batchSize = 0;
        int prefillSeqs = 0;
        int prefillTokens = 0;
        long prefillPairs = 0;
        long prefillContext = 0;
        int decodeSeqs = 0;
        long decodeContext = 0;
        boolean preempted = false;

        for (int i = 0; i < running.size() && budget > 0; i++) {
            Request r = running.get(i);
            int want = r.inDecode() ? 1 : Math.min(r.prefillRemaining(), budget);
            int extra = blocksFor(r.kvTokens + want) - r.kvBlocks;
            boolean selfPreempted = false;
            while (extra > freeBlocks && !selfPreempted) {
                Request victim = running.removeLast();
                preempt(victim);
                preempted = true;
                selfPreempted = victim == r;
            }
            if (selfPreempted) {
                break; // r was the newest left: nothing after it remains running
            }
            allocate(r, extra);
            budget -= want;
            if (r.inDecode()) {
                r.scheduledPrefill = 0;
                decodeSeqs++;
                decodeContext += r.kvTokens + 1;
            } else {
                r.scheduledPrefill = want;
                prefillSeqs++;
                prefillTokens += want;
                prefillPairs += StepCostModel.causalPairs(r.prefilled, want);
                prefillContext += r.prefilled;
            }
            addToBatch(r);
        }

        // Waiting requests are admitted only if no one was preempted (as in vLLM V1), unless the
        // batch would otherwise be empty: then every block is free and the head can always start.
        if (!preempted || batchSize == 0) {
            while (budget > 0 && !waiting.isEmpty() && running.size() < config.maxSeqs()) {
                Request r = waiting.peekFirst();
                int want = Math.min(r.prefillRemaining(), budget);
                int extra = blocksFor(r.kvTokens + want) - r.kvBlocks;
                if (extra > freeBlocks) {
                    break; // first-come first-served: no overtaking of the head
                }
                waiting.pollFirst();
                running.add(r);
                allocate(r, extra);
                budget -= want;
                r.scheduledPrefill = want;
                prefillSeqs++;
                prefillTokens += want;
                prefillPairs += StepCostModel.causalPairs(r.prefilled, want);
                prefillContext += r.prefilled;
                addToBatch(r);
            }
        }

        long now = sim.now();
        kvOccupancy.update(now, occupancy());
        runningRequests.update(now, running.size());
        if (batchSize == 0) {
            stepping = false;
            return;
        }
        usage.clear();
        long duration = Math.max(1, cost.evaluate(prefillSeqs, prefillTokens, prefillPairs, prefillContext, decodeSeqs,
                decodeContext, usage));
        if (power != null) {
            duration = Math.max(1, power.step(duration, usage));
        }
        flops += usage.flops;
        memoryBytes += usage.memoryBytes;
        stepping = true;
        stepStart = now;
        steps++;
        sim.schedule(now + duration, this, STEP_END, 0);
    }

    private void finishStep() {
        long now = sim.now();
        busyNanos += now - stepStart;
        boolean anyDone = false;
        for (int i = 0; i < batchSize; i++) {
            Request r = batch[i];
            batch[i] = null;
            if (r.scheduledPrefill > 0) {
                r.prefilled += r.scheduledPrefill;
                r.kvTokens += r.scheduledPrefill;
                if (!r.inDecode()) {
                    continue; // more chunks to come before the next token
                }
            } else {
                r.kvTokens++;
            }
            metrics.token(r, now);
            if (r.generated == r.outputTokens) {
                r.done = true;
                anyDone = true;
            }
        }
        batchSize = 0;
        if (anyDone) {
            removeDone(now);
        }
    }

    private void removeDone(long now) {
        int kept = 0;
        for (int i = 0; i < running.size(); i++) {
            Request r = running.get(i);
            if (r.done) {
                freeBlocks += r.kvBlocks;
                metrics.completed(r, now);
                pool.release(r);
            } else {
                running.set(kept++, r);
            }
        }
        while (running.size() > kept) {
            running.removeLast();
        }
    }

    private void preempt(Request r) {
        preemptions++;
        freeBlocks += r.kvBlocks;
        r.kvBlocks = 0;
        r.kvTokens = 0;
        r.prefilled = 0;
        // Recompute: the prompt and the tokens generated so far are prefilled again; the prefill's
        // output is the next token, so a request that had produced g tokens resumes at g + 1.
        r.prefillTarget = r.inputTokens + r.generated;
        waiting.addFirst(r);
    }

    private void allocate(Request r, int extraBlocks) {
        if (extraBlocks > 0) {
            freeBlocks -= extraBlocks;
            r.kvBlocks += extraBlocks;
        }
    }

    private void addToBatch(Request r) {
        if (batchSize == batch.length) {
            batch = Arrays.copyOf(batch, batchSize * 2);
        }
        batch[batchSize++] = r;
    }

    private int blocksFor(long tokens) {
        return (int) ((tokens + config.blockTokens() - 1) / config.blockTokens());
    }

    private double occupancy() {
        return 1.0 - (double) freeBlocks / config.kvBlocks();
    }

    /** Closes the time-weighted statistics at {@code now} and returns this replica's figures. */
    public ReplicaStats stats(long now) {
        double seconds = now * 1e-9;
        boolean modelled = power != null && now > 0;
        return new ReplicaStats(steps, busyNanos, preemptions, kvOccupancy.average(now), kvOccupancy.max(),
                runningRequests.average(now), runningRequests.max(), waiting.size() + running.size(),
                modelled ? flops / (power.peakFlopsPerAccelerator() * seconds) : Double.NaN,
                modelled ? memoryBytes / (power.bandwidthPerAccelerator() * seconds) : Double.NaN,
                power != null ? power.joules(now, busyNanos) : Double.NaN);
    }

    /** Requests queued or running here. */
    public int inFlight() {
        return waiting.size() + running.size();
    }
}
