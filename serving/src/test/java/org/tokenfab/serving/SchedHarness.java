package org.tokenfab.serving;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.Simulation;
import org.tokenfab.sim.StopCondition;

/**
 * Test harness for one replica: the LINEAR step cost of {@link ReplicaTest} (1 ms per step +
 * 10 us per prefill token + 100 us per decode sequence), every step's shape and start time
 * recorded, arrivals submitted at their times, and per-request first-token / finish times by id.
 */
final class SchedHarness {
    static final long MS = 1_000_000L;
    static final long US = 1_000L;

    /** One step as the cost model saw it. */
    record Step(long start, int prefillSeqs, int prefillTokens, int decodeSeqs) {
        @Override
        public String toString() {
            return "@" + start + " p" + prefillSeqs + "/" + prefillTokens + " d" + decodeSeqs;
        }
    }

    /** One request's fate. */
    record Fate(long arrival, long firstToken, long finish, int generated, int output, boolean completed) {
    }

    final Simulation sim = new Simulation(1);
    final MetricsRecorder metrics = new MetricsRecorder();
    final RequestPool pool = new RequestPool();
    final List<Step> steps = new ArrayList<>();
    final Map<Long, Fate> fates = new HashMap<>();
    /** Ids in order of completion. */
    final List<Long> completionOrder = new ArrayList<>();
    final StepCost linear = (batch, usage) -> {
        steps.add(new Step(sim.now(), batch.prefillSeqs, batch.prefillTokens, batch.decodeSeqs));
        return MS + batch.prefillTokens * 10 * US + batch.decodeSeqs * 100 * US;
    };
    Replica replica;
    /**
     * Off by default: the exact traces record a step when the cost model is called, and a fold calls
     * it for all its steps when it starts. {@code DecodeFoldTest} compares folded runs with these.
     */
    boolean fold;

    SchedHarness() {
        metrics.listen((r, now, completed) -> {
            fates.put(r.id, new Fate(r.arrivalTime, r.firstTokenTime, now, r.generated, r.outputTokens, completed));
            if (completed) {
                completionOrder.add(r.id);
            }
        });
    }

    Replica replica(int kvBlocks, int blockTokens, int maxBatchTokens, int maxSeqs, SchedulerOptions options) {
        replica = new Replica(sim, new ReplicaConfig(linear, kvBlocks, blockTokens, maxBatchTokens, maxSeqs, null, options),
                metrics, pool, 42);
        replica.foldDecodeSteps(fold);
        return replica;
    }

    /** A request to submit: arrival, lengths, priority, prefix ids (units of {@code unitTokens}). */
    static final class Spec {
        final long at;
        final int input;
        final int output;
        int priority;
        long[] prefix;
        int unitTokens;

        Spec(long at, int input, int output) {
            this.at = at;
            this.input = input;
            this.output = output;
        }

        Spec priority(int p) {
            priority = p;
            return this;
        }

        Spec prefix(int unitTokens, long... ids) {
            this.unitTokens = unitTokens;
            this.prefix = ids;
            return this;
        }
    }

    static Spec req(long at, int input, int output) {
        return new Spec(at, input, output);
    }

    /** Schedules the arrivals; request ids are the indices in {@code specs}. */
    void arrive(Spec... specs) {
        for (int k = 0; k < specs.length; k++) {
            Spec s = specs[k];
            int id = k;
            EventHandler h = (type, payload) -> {
                Request r = pool.acquire();
                r.init(id, sim.now(), s.input, s.output);
                r.priority = s.priority;
                if (s.prefix != null) {
                    r.setPrefix(s.prefix, s.prefix.length, s.unitTokens);
                }
                r.firstTokenTime = -1;
                metrics.arrived(r);
                replica.submit(r);
            };
            sim.schedule(s.at, h, 0, 0);
        }
    }

    void run() {
        sim.run(StopCondition.never());
    }

    Fate fate(long id) {
        return fates.get(id);
    }

    ReplicaStats stats() {
        return replica.stats(sim.now());
    }
}
