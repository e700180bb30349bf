package org.tokenfab.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tokenfab.serving.SchedHarness.MS;
import static org.tokenfab.serving.SchedHarness.US;
import static org.tokenfab.serving.SchedHarness.req;

import org.junit.jupiter.api.Test;
import org.tokenfab.serving.SchedHarness.Step;

/**
 * Each batching policy against a hand-computed timeline. Step cost: 1 ms + 10 us per prefill
 * token + 100 us per decode row.
 */
class BatchingPoliciesTest {
    private final SchedHarness h = new SchedHarness();

    private static SchedulerOptions mode(BatchingMode m, long timeout) {
        return SchedulerOptions.DEFAULT.withBatching(m, timeout);
    }

    @Test
    void staticBatchRunsToCompletionWithPaddingAndReservesInputPlusOutput() {
        h.replica(1000, 16, 8192, 4, mode(BatchingMode.STATIC, 0));
        // W (10 in, 1 out) at 0 keeps the replica busy until 1.1 ms (a static batch starts as soon
        // as the replica is free). A (96 in, 2 out) and B (50 in, 4 out) at 0.1 ms; C (10 in, 1
        // out) at 2 ms, while A and B run.
        h.arrive(req(0, 10, 1), req(100 * US, 96, 2), req(100 * US, 50, 4), req(2 * MS, 10, 1));
        long[] kvProbe = new long[1];
        h.sim.schedule(1600 * US, (t, p) -> kvProbe[0] = h.replica.usedKvBlocks(), 0, 0);
        h.run();
        // Step 1 [0, 1.1 ms): W. Step 2 [1.1, 3.56 ms): both prompts, 146 tokens: 1 + 1.46 ms.
        // Steps 3-5: 2 decode rows each (A is padding in 4 and 5): 1.2 ms. A done after step 3,
        // B after step 5; C cannot join and starts alone at 7.16 ms: 1 + 0.1 ms.
        long w = MS + 100 * US;
        long s1 = MS + 146 * 10 * US;
        long dec = MS + 2 * 100 * US;
        assertThat(h.steps).containsExactly(
                new Step(0, 1, 10, 0),
                new Step(w, 2, 146, 0),
                new Step(w + s1, 0, 0, 2),
                new Step(w + s1 + dec, 0, 0, 2),
                new Step(w + s1 + 2 * dec, 0, 0, 2),
                new Step(w + s1 + 3 * dec, 1, 10, 0));
        assertThat(h.fate(1).finish()).isEqualTo(w + s1 + dec); // 4.76 ms
        assertThat(h.fate(2).finish()).isEqualTo(w + s1 + 3 * dec); // 7.16 ms
        assertThat(h.fate(3).firstToken()).isEqualTo(w + s1 + 3 * dec + MS + 100 * US); // 8.26 ms
        // KV reserved for input + output: ceil(98/16) + ceil(54/16) = 7 + 4 (chunked would take 6 + 4).
        assertThat(kvProbe[0]).isEqualTo(11);
        assertThat(h.metrics.outputTokens()).isEqualTo(1 + 2 + 4 + 1);
        assertThat(h.replica.inFlight()).isZero();
    }

    @Test
    void dynamicFullBatchStartsAtOnce() {
        h.replica(1000, 16, 8192, 2, mode(BatchingMode.DYNAMIC, 5 * MS));
        // A at 0 waits (partial batch); B at 2 ms fills the batch of 2: it starts at 2 ms, not 5 ms.
        h.arrive(req(0, 10, 1), req(2 * MS, 10, 1));
        h.run();
        assertThat(h.steps).containsExactly(new Step(2 * MS, 2, 20, 0));
        assertThat(h.fate(0).finish()).isEqualTo(2 * MS + MS + 200 * US); // 3.2 ms
        assertThat(h.fate(1).finish()).isEqualTo(3 * MS + 200 * US);
    }

    @Test
    void dynamicPartialBatchWaitsForTheDelayFromTheOldestArrival() {
        h.replica(1000, 16, 8192, 3, mode(BatchingMode.DYNAMIC, 5 * MS));
        // A at 0, B at 3 ms: the batch of 2 < 3 starts at 0 + 5 ms. C at 7 ms: alone, starts at 12 ms.
        h.arrive(req(0, 10, 1), req(3 * MS, 10, 1), req(7 * MS, 10, 1));
        h.run();
        assertThat(h.steps).containsExactly(new Step(5 * MS, 2, 20, 0), new Step(12 * MS, 1, 10, 0));
        assertThat(h.fate(0).finish()).isEqualTo(5 * MS + 1200 * US);
        assertThat(h.fate(1).firstToken()).isEqualTo(5 * MS + 1200 * US);
        assertThat(h.fate(2).finish()).isEqualTo(12 * MS + 1100 * US);
    }

    @Test
    void continuousPrefillsFirstStallingDecodes() {
        h.replica(1000, 16, 8192, 8, mode(BatchingMode.CONTINUOUS, 0));
        // A (100, 5) at 0; B (200, 2) at 1.5 ms, during A's prefill.
        h.arrive(req(0, 100, 5), req(1500 * US, 200, 2));
        h.run();
        // 1 [0, 2): A prefill 100 -> 2 ms. 2 [2, 5): B's prefill alone, A stalls -> 3 ms.
        // 3 [5, 6.2): A and B decode -> 1.2 ms (B done). 4-6: A decodes, 1.1 ms each.
        assertThat(h.steps).containsExactly(
                new Step(0, 1, 100, 0),
                new Step(2 * MS, 1, 200, 0),
                new Step(5 * MS, 0, 0, 2),
                new Step(6200 * US, 0, 0, 1),
                new Step(7300 * US, 0, 0, 1),
                new Step(8400 * US, 0, 0, 1));
        assertThat(h.fate(1).finish()).isEqualTo(6200 * US);
        assertThat(h.fate(0).finish()).isEqualTo(9500 * US);
        // A's tokens at 2, 6.2, 7.3, 8.4, 9.5 ms: the stall shows as a 4.2 ms gap.
        assertThat(h.metrics.itl().max()).isEqualTo(4200 * US);
    }

    @Test
    void continuousPrefillsWholePromptsOnly() {
        h.replica(1000, 16, 64, 8, mode(BatchingMode.CONTINUOUS, 0));
        // Budget 64. A (100, 3) at 0 runs alone (longer than the budget, never chunked).
        // B (30, 1) and C (50, 1) at 0.5 ms: B fits (64 - 30 = 34 left) but C's 50 does not, so C
        // gets its own prefill step; only then A decodes.
        h.arrive(req(0, 100, 3), req(500 * US, 30, 1), req(500 * US, 50, 1));
        h.run();
        assertThat(h.steps).containsExactly(
                new Step(0, 1, 100, 0), // 2 ms
                new Step(2 * MS, 1, 30, 0), // 1.3 ms
                new Step(3300 * US, 1, 50, 0), // 1.5 ms
                new Step(4800 * US, 0, 0, 1), // 1.1 ms
                new Step(5900 * US, 0, 0, 1));
        assertThat(h.fate(0).finish()).isEqualTo(7 * MS);
    }

    @Test
    void chunkedPrefillSplitsThePromptByTheBudget() {
        h.replica(1000, 16, 64, 8, mode(BatchingMode.CHUNKED_PREFILL, 0));
        h.arrive(req(0, 100, 2));
        h.run();
        // 64 tokens (1.64 ms), 36 tokens (1.36 ms, first token at 3 ms), one decode (1.1 ms).
        assertThat(h.steps).containsExactly(new Step(0, 1, 64, 0), new Step(1640 * US, 1, 36, 0),
                new Step(3 * MS, 0, 0, 1));
        assertThat(h.fate(0).firstToken()).isEqualTo(3 * MS);
        assertThat(h.fate(0).finish()).isEqualTo(4100 * US);
    }
}
