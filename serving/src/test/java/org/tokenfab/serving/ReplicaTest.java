package org.tokenfab.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.Simulation;
import org.tokenfab.sim.StopCondition;

/**
 * The replica's iteration loop against hand-computed timelines. The step cost is a simple closed
 * form (1 ms per step + 10 us per prefill token + 100 us per decode sequence) so every figure can
 * be derived on paper.
 */
class ReplicaTest {
    private static final long MS = 1_000_000L;
    private static final long US = 1_000L;
    private static final StepCost LINEAR = (batch, usage) -> MS + batch.prefillTokens * 10 * US + batch.decodeSeqs * 100 * US;

    private final Simulation sim = new Simulation(1);
    private final MetricsRecorder metrics = new MetricsRecorder();
    private final RequestPool pool = new RequestPool();

    private Replica replica(int kvBlocks, int blockTokens, int maxBatchTokens, int maxSeqs) {
        return new Replica(sim, new ReplicaConfig(LINEAR, kvBlocks, blockTokens, maxBatchTokens, maxSeqs, null), metrics, pool);
    }

    /** Submits requests (arrival time, input, output) at their arrival times. */
    private void arrive(Replica replica, long[][] requests) {
        EventHandler submit = new EventHandler() {
            int next;

            @Override
            public void onEvent(int type, long payload) {
                long[] spec = requests[next++];
                Request r = pool.acquire();
                r.init(next - 1, sim.now(), (int) spec[1], (int) spec[2]);
                metrics.arrived(r);
                replica.submit(r);
            }
        };
        for (long[] spec : requests) {
            sim.schedule(spec[0], submit, 0, 0);
        }
    }

    @Test
    void singleRequestTimelineIsExact() {
        Replica replica = replica(1000, 16, 8192, 256);
        arrive(replica, new long[][] {{0, 100, 5}});
        sim.run(StopCondition.never());

        long prefill = MS + 100 * 10 * US; // 2 ms: the prompt in one step, first token at its end
        long decode = MS + 100 * US; // 1.1 ms per further token
        assertThat(metrics.ttft().max()).isEqualTo(prefill);
        assertThat(metrics.e2e().max()).isEqualTo(prefill + 4 * decode);
        assertThat(metrics.tpot().max()).isEqualTo(decode);
        assertThat(metrics.itl().count()).isEqualTo(4);
        assertThat(metrics.itl().max()).isEqualTo(decode);
        assertThat(metrics.completed()).isEqualTo(1);
        assertThat(metrics.outputTokens()).isEqualTo(5);
        assertThat(sim.now()).isEqualTo(prefill + 4 * decode);
    }

    @Test
    void longPromptIsPrefilledInChunksOfTheTokenBudget() {
        Replica replica = replica(1000, 16, 128, 256);
        arrive(replica, new long[][] {{0, 300, 1}});
        sim.run(StopCondition.never());
        // Chunks of 128, 128 and 44 tokens: three steps before the first (and only) token.
        long expected = 3 * MS + 300 * 10 * US;
        assertThat(metrics.ttft().max()).isEqualTo(expected);
        assertThat(metrics.tpot().count()).isZero(); // one output token: TPOT undefined
        assertThat(replica.stats(sim.now()).steps()).isEqualTo(3);
    }

    @Test
    void decodesShareTheBudgetWithAPrefillChunk() {
        Replica replica = replica(1000, 16, 64, 256);
        // A at 0 (prompt 10, 3 tokens); B arrives while A's prefill runs (prompt 100).
        arrive(replica, new long[][] {{0, 10, 3}, {MS, 100, 1}});
        sim.run(StopCondition.never());
        // Step 1 [0, 1.1 ms): A prefills 10 -> A's first token at 1.1 ms.
        // Step 2: A decodes (1 token of the budget), B prefills 63 -> 1 + 0.63 + 0.1 = 1.73 ms.
        // Step 3: A decodes, B prefills its last 37 -> 1 + 0.37 + 0.1 = 1.47 ms; A done, B's token.
        long s1 = MS + 100 * US;
        long s2 = MS + 630 * US + 100 * US;
        long s3 = MS + 370 * US + 100 * US;
        assertThat(metrics.e2e().min()).isEqualTo(s1 + s2 + s3 - MS); // B: arrived at 1 ms
        assertThat(metrics.e2e().max()).isEqualTo(s1 + s2 + s3); // A
        assertThat(metrics.completed()).isEqualTo(2);
    }

    @Test
    void sequenceLimitCapsTheRunningBatch() {
        Replica replica = replica(1000, 16, 8192, 2);
        arrive(replica, new long[][] {{0, 10, 4}, {0, 10, 4}, {0, 10, 4}, {0, 10, 4}, {0, 10, 4}});
        sim.run(StopCondition.never());
        assertThat(replica.stats(sim.now()).maxRunningRequests()).isEqualTo(2);
        assertThat(metrics.completed()).isEqualTo(5);
    }

    @Test
    void runningOutOfKvBlocksPreemptsAndRecomputesButLosesNoToken() {
        // 10 blocks of 16 tokens = 160 tokens; four requests of 30 + 40 tokens cannot all grow at once.
        Replica replica = replica(10, 16, 8192, 256);
        long[][] requests = new long[4][];
        for (int i = 0; i < 4; i++) {
            requests[i] = new long[] {0, 30, 40};
        }
        arrive(replica, requests);
        sim.run(StopCondition.never());
        assertThat(metrics.completed()).isEqualTo(4);
        assertThat(metrics.outputTokens()).isEqualTo(4 * 40);
        assertThat(replica.stats(sim.now()).preemptions()).isPositive();
        assertThat(replica.inFlight()).isZero();
        assertThat(replica.stats(sim.now()).maxKvOccupancy()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void requestLargerThanTheWholeKvCacheIsRejectedAndCounted() {
        Replica replica = replica(4, 16, 8192, 256);
        arrive(replica, new long[][] {{0, 60, 10}, {0, 20, 5}});
        sim.run(StopCondition.never());
        assertThat(metrics.rejected()).isEqualTo(1);
        assertThat(metrics.completed()).isEqualTo(1);
        assertThat(metrics.arrived()).isEqualTo(2);
    }

    @Test
    void roundRobinCycles() {
        RoundRobinRouter router = new RoundRobinRouter(3);
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            chosen.add(router.route(null));
        }
        assertThat(chosen).containsExactly(0, 1, 2, 0, 1, 2, 0);
    }

    @Test
    void requestObjectsAreReusedSoMemoryFollowsRequestsInFlight() {
        Replica replica = replica(1000, 16, 8192, 256);
        long[][] requests = new long[200][];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = new long[] {i * 100 * MS, 50, 5}; // each finishes long before the next arrives
        }
        arrive(replica, requests);
        sim.run(StopCondition.never());
        assertThat(metrics.completed()).isEqualTo(200);
        assertThat(pool.created()).isEqualTo(1);
    }
}
