package org.tokenfab.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tokenfab.serving.SchedHarness.MS;
import static org.tokenfab.serving.SchedHarness.US;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tokenfab.sim.StopCondition;
import org.tokenfab.sim.StopReason;

/**
 * Hundreds of random small configurations (fixed seeds): every batching policy and queue
 * discipline, tight KV caches, watermarks, swap, prefix caching with shared prefixes, CPU tier,
 * speculative decoding, admission limits. Checked after every event: request conservation and KV
 * bounds; at the end: the run drained, every completed request got exactly its output tokens.
 */
class SchedulerStressTest {
    private static final BatchingMode[] MODES = BatchingMode.values();
    private static final QueueDiscipline[] DISCIPLINES = {QueueDiscipline.FCFS, QueueDiscipline.PRIORITY,
            QueueDiscipline.SHORTEST_PROMPT_FIRST};

    @Test
    void randomConfigurationsKeepTheInvariants() {
        for (int seed = 0; seed < 400; seed++) {
            runOne(seed);
        }
    }

    private static void runOne(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int blockTokens = new int[] {4, 8, 16}[rnd.nextInt(3)];
        int kvBlocks = 4 + rnd.nextInt(40);
        int maxBatchTokens = 8 + rnd.nextInt(250);
        int maxSeqs = 1 + rnd.nextInt(8);
        BatchingMode mode = MODES[rnd.nextInt(MODES.length)];
        SchedulerOptions o = SchedulerOptions.DEFAULT.withBatching(mode, rnd.nextInt(3) * MS)
                .withQueue(DISCIPLINES[rnd.nextInt(3)], rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(10) : 0,
                        rnd.nextInt(3) == 0 ? (1 + rnd.nextInt(20)) * MS : 0);
        boolean caching = rnd.nextBoolean();
        o = o.withKv(rnd.nextBoolean() ? 0 : rnd.nextDouble() * 0.3, rnd.nextBoolean(), rnd.nextInt(20),
                rnd.nextInt(100) * US, caching, caching && rnd.nextBoolean() ? rnd.nextInt(20) : 0);
        if (rnd.nextInt(3) == 0) {
            o = o.withSpec(new SpecDecoding(1 + rnd.nextInt(4), rnd.nextDouble() * 0.95,
                    (b, u) -> 5 * US + b.decodeSeqs * US, "draft"));
        }
        SchedHarness h = new SchedHarness();
        Replica replica = h.replica(kvBlocks, blockTokens, maxBatchTokens, maxSeqs, o);
        int unit = blockTokens * (1 + rnd.nextInt(2));
        int n = 5 + rnd.nextInt(40);
        SchedHarness.Spec[] specs = new SchedHarness.Spec[n];
        long t = 0;
        double meanGap = (0.2 + rnd.nextDouble() * 4) * MS;
        int maxTokens = kvBlocks * blockTokens;
        for (int i = 0; i < n; i++) {
            t += (long) (-Math.log(1 - rnd.nextDouble()) * meanGap);
            // Mostly requests that fit; some too long for the cache.
            int input = 1 + rnd.nextInt(Math.max(1, Math.min(120, maxTokens)));
            int output = 1 + rnd.nextInt(40);
            specs[i] = SchedHarness.req(t, input, output).priority(rnd.nextInt(4));
            int units = Math.min(3, input / unit);
            if (units > 0 && rnd.nextBoolean()) {
                long variant = rnd.nextInt(3);
                long[] ids = new long[units];
                for (int u = 0; u < units; u++) {
                    ids[u] = variant * 100 + u;
                }
                specs[i].prefix(unit, ids);
            }
        }
        h.arrive(specs);
        String where = "seed " + seed + " " + o + " kv " + kvBlocks + "x" + blockTokens + " budget " + maxBatchTokens
                + " seqs " + maxSeqs;
        StopReason reason = h.sim.run(StopCondition.when(() -> {
            MetricsRecorder m = h.metrics;
            if (m.arrived() != m.completed() + m.rejected() + replica.inFlight()) {
                throw new AssertionError("conservation: " + where);
            }
            long used = replica.usedKvBlocks();
            int free = replica.freeKvBlocks();
            if (used < 0 || used > kvBlocks || free < 0 || free > kvBlocks) {
                throw new AssertionError("KV blocks used " + used + " free " + free + ": " + where);
            }
            return false;
        }).orAfterEvents(2_000_000));
        assertThat(reason).as(where).isEqualTo(StopReason.QUEUE_EMPTY);
        assertThat(replica.inFlight()).as(where).isZero();
        assertThat(h.metrics.arrived()).as(where).isEqualTo(n);
        assertThat(h.metrics.completed() + h.metrics.rejected()).as(where).isEqualTo(n);
        assertThat(h.fates).as(where).hasSize(n);
        long outputs = 0;
        for (SchedHarness.Fate f : h.fates.values()) {
            if (f.completed()) {
                assertThat(f.generated()).as(where).isEqualTo(f.output());
                assertThat(f.firstToken()).as(where).isGreaterThan(f.arrival());
                assertThat(f.firstToken()).as(where).isLessThanOrEqualTo(f.finish());
                outputs += f.output();
            } else {
                assertThat(f.generated()).as(where).isZero();
            }
        }
        assertThat(h.metrics.outputTokens()).as(where).isEqualTo(outputs);
        assertThat(replica.usedKvBlocks()).as(where).isZero();
        ReplicaStats st = replica.stats(h.sim.now());
        assertThat(st.rejectedTooLong() + st.rejectedQueueFull() + st.rejectedTimeout()).as(where)
                .isEqualTo(h.metrics.rejected());
        assertThat(st.swapOuts()).as(where).isLessThanOrEqualTo(st.preemptions());
        assertThat(st.acceptedDraftTokens()).as(where).isLessThanOrEqualTo(st.draftTokens());
    }
}
