package org.tokenfab.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tokenfab.serving.SchedHarness.MS;
import static org.tokenfab.serving.SchedHarness.US;
import static org.tokenfab.serving.SchedHarness.req;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tokenfab.sim.StopCondition;

/** Queue disciplines, the wait queue against a naive model, and admission control. */
class QueueAdmissionTest {
    private final SchedHarness h = new SchedHarness();

    /**
     * One sequence at a time: R0 (10 in, 1 out) runs [0, 1.1 ms); R1..R4 arrive meanwhile and are
     * admitted one per step, each finishing in its prefill step, so completion order = admission order.
     */
    private List<Long> admissionOrder(QueueDiscipline d, SchedHarness.Spec... waiting) {
        h.replica(1000, 16, 8192, 1, SchedulerOptions.DEFAULT.withQueue(d, 0, 0));
        SchedHarness.Spec[] all = new SchedHarness.Spec[waiting.length + 1];
        all[0] = req(0, 10, 1);
        System.arraycopy(waiting, 0, all, 1, waiting.length);
        h.arrive(all);
        h.run();
        return h.completionOrder;
    }

    @Test
    void priorityAdmitsLowerNumbersFirstTiesByArrival() {
        List<Long> order = admissionOrder(QueueDiscipline.PRIORITY, req(100 * US, 10, 1).priority(2),
                req(200 * US, 10, 1).priority(1), req(300 * US, 10, 1).priority(2), req(400 * US, 10, 1).priority(0));
        // Priorities 2, 1, 2, 0 -> R4 (0), R2 (1), then R1 and R3 (2) by arrival.
        assertThat(order).containsExactly(0L, 4L, 2L, 1L, 3L);
    }

    @Test
    void shortestPromptFirstTiesByArrival() {
        List<Long> order = admissionOrder(QueueDiscipline.SHORTEST_PROMPT_FIRST, req(100 * US, 30, 1),
                req(200 * US, 10, 1), req(300 * US, 20, 1), req(400 * US, 10, 1));
        // Prompts 30, 10, 20, 10 -> R2, R4 (10, by arrival), R3 (20), R1 (30).
        assertThat(order).containsExactly(0L, 2L, 4L, 3L, 1L);
    }

    @Test
    void fcfsKeepsArrivalOrder() {
        List<Long> order = admissionOrder(QueueDiscipline.FCFS, req(100 * US, 30, 1).priority(9),
                req(200 * US, 10, 1), req(300 * US, 20, 1).priority(-1), req(400 * US, 10, 1));
        assertThat(order).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    private static Request request(long id, int input, int priority) {
        Request r = new Request();
        r.init(id, 0, input, 1);
        r.priority = priority;
        return r;
    }

    @Test
    void preemptedRequestsGoBeforeWaitingOnesLatestFirst() {
        WaitQueue q = new WaitQueue(QueueDiscipline.PRIORITY);
        Request waiting = request(1, 10, 0);
        Request p1 = request(2, 10, 7);
        Request p2 = request(3, 10, 9);
        q.add(waiting);
        q.addFront(p1);
        q.addFront(p2);
        assertThat(q.poll()).isSameAs(p2); // the most recently preempted first
        assertThat(q.poll()).isSameAs(p1);
        assertThat(q.poll()).isSameAs(waiting);
        assertThat(q.poll()).isNull();
    }

    /** Random adds, front adds, polls and removals against a list sorted by the same keys. */
    @Test
    void waitQueueMatchesANaiveSortedList() {
        for (QueueDiscipline d : List.of(QueueDiscipline.FCFS, QueueDiscipline.PRIORITY,
                QueueDiscipline.SHORTEST_PROMPT_FIRST)) {
            SplittableRandom rnd = new SplittableRandom(1234);
            WaitQueue q = new WaitQueue(d);
            List<Request> model = new ArrayList<>(); // kept in insertion order; sorted on demand
            long[] seq = {0};
            java.util.Map<Request, long[]> keys = new java.util.IdentityHashMap<>();
            long front = 0;
            Comparator<Request> order = Comparator.comparingLong((Request r) -> keys.get(r)[0])
                    .thenComparingLong(r -> keys.get(r)[1]).thenComparingLong(r -> keys.get(r)[2]);
            for (int step = 0; step < 5_000; step++) {
                int op = rnd.nextInt(10);
                if (op < 4) {
                    Request r = request(step, 1 + rnd.nextInt(20), rnd.nextInt(4));
                    q.add(r);
                    keys.put(r, new long[] {1, d.rank(r), seq[0]++});
                    model.add(r);
                } else if (op == 4) {
                    Request r = request(step, 1 + rnd.nextInt(20), rnd.nextInt(4));
                    q.addFront(r);
                    keys.put(r, new long[] {0, 0, --front});
                    model.add(r);
                } else if (op < 9) {
                    model.sort(order);
                    Request expected = model.isEmpty() ? null : model.removeFirst();
                    assertThat(q.peek()).isSameAs(expected);
                    assertThat(q.poll()).isSameAs(expected);
                    if (expected != null) {
                        assertThat(WaitQueue.contains(expected)).isFalse();
                    }
                } else if (!model.isEmpty()) {
                    Request r = model.remove(rnd.nextInt(model.size()));
                    assertThat(WaitQueue.contains(r)).isTrue();
                    q.remove(r);
                    assertThat(WaitQueue.contains(r)).isFalse();
                }
                assertThat(q.size()).isEqualTo(model.size());
            }
        }
    }

    @Test
    void maxQueueRejectsArrivalsAtAFullQueue() {
        h.replica(1000, 16, 8192, 1, SchedulerOptions.DEFAULT.withQueue(QueueDiscipline.FCFS, 2, 0));
        // R0 starts at once; R1 and R2 fill the queue of 2; R3 is rejected; R4 at 1.2 ms (R1 started at 1.1 ms) fits.
        h.arrive(req(0, 10, 1), req(100 * US, 10, 1), req(100 * US, 10, 1), req(100 * US, 10, 1),
                req(1200 * US, 10, 1));
        checkConservationAtEveryEvent();
        assertThat(h.stats().rejectedQueueFull()).isEqualTo(1);
        assertThat(h.metrics.rejected()).isEqualTo(1);
        assertThat(h.fate(3).completed()).isFalse();
        assertThat(h.metrics.completed()).isEqualTo(4);
    }

    @Test
    void maxWaitRejectsARequestThatWaitedTooLongButNeverAStartedOne() {
        h.replica(1000, 16, 8192, 1, SchedulerOptions.DEFAULT.withQueue(QueueDiscipline.FCFS, 0, 2 * MS));
        // R0 (10, 5) runs 0 -> 1.1 + 4 x 1.1 = 5.5 ms, longer than the 2 ms limit but started.
        // R1 at 0.5 ms: checked at 1.1 (waited 0.6), 2.2 (1.7), 3.3 ms (2.8 > 2): rejected.
        // R2 at 4.5 ms: checked at 5.5 ms (waited 1.0): admitted.
        h.arrive(req(0, 10, 5), req(500 * US, 10, 1), req(4500 * US, 10, 1));
        long[] waitingAt = new long[2];
        h.sim.schedule(3250 * US, (t, p) -> waitingAt[0] = h.replica.waiting(), 0, 0);
        h.sim.schedule(3350 * US, (t, p) -> waitingAt[1] = h.replica.waiting(), 0, 0);
        checkConservationAtEveryEvent();
        assertThat(waitingAt).containsExactly(1, 0);
        assertThat(h.stats().rejectedTimeout()).isEqualTo(1);
        assertThat(h.fate(1).completed()).isFalse();
        assertThat(h.fate(0).finish()).isEqualTo(5500 * US);
        assertThat(h.fate(2).finish()).isEqualTo(6600 * US);
        assertThat(h.metrics.completed()).isEqualTo(2);
    }

    /**
     * Regression: request objects are pooled, so an admitted request's entry in the arrival-order
     * list may point at an object that is waiting again as a newer request; it must not hide older
     * waiting requests from the wait limit.
     */
    @Test
    void maxWaitIsNotFooledByARecycledRequestObject() {
        h.replica(1000, 16, 8192, 1, SchedulerOptions.DEFAULT.withQueue(QueueDiscipline.PRIORITY, 0, 6 * MS));
        // R0 (10, 4) runs [0, 4.4 ms). A (prio 3), B (prio 0), D (prio 2), E (prio 1, 10 out) queue.
        // 4.4 ms: B is admitted (done 5.5 ms, its object back to the pool). 5.5 ms: A has waited 5.4 ms,
        // so nothing expires; E is admitted and runs to 16.5 ms. C (prio 0) at 6 ms takes B's object.
        // 6.6 ms: A (waited 6.5 > 6) and D (6.3 > 6) must both be rejected; C (0.6) waits on.
        h.arrive(req(0, 10, 4), req(100 * US, 10, 1).priority(3), req(200 * US, 10, 1),
                req(300 * US, 10, 1).priority(2), req(400 * US, 10, 10).priority(1), req(6 * MS, 10, 1));
        long[] waitingAt = new long[1];
        h.sim.schedule(6650 * US, (t, p) -> waitingAt[0] = h.replica.waiting(), 0, 0);
        checkConservationAtEveryEvent();
        assertThat(waitingAt[0]).isEqualTo(1); // only C
        // C waits behind E: checked at 12.1 ms (waited 6.1 > 6): rejected too.
        assertThat(h.stats().rejectedTimeout()).isEqualTo(3);
        assertThat(h.completionOrder).containsExactly(0L, 2L, 4L);
    }

    @Test
    void tooLongRequestsAreRejected() {
        h.replica(4, 16, 8192, 8, SchedulerOptions.DEFAULT);
        // 4 blocks x 16 = 64 tokens: 60 + 10 needs 5 blocks; 50 + 14 = 64 fits exactly.
        h.arrive(req(0, 60, 10), req(0, 50, 14));
        checkConservationAtEveryEvent();
        assertThat(h.stats().rejectedTooLong()).isEqualTo(1);
        assertThat(h.metrics.completed()).isEqualTo(1);
        assertThat(h.metrics.outputTokens()).isEqualTo(14);
    }

    @Test
    void requestsThatCouldNeverPassTheWatermarkAreRejectedNotStuck() {
        // 10 blocks x 16, watermark 0.15 -> 1 block kept free: at most 9 blocks (144 tokens) per request.
        h.replica(10, 16, 8192, 8, SchedulerOptions.DEFAULT.withBatching(BatchingMode.STATIC, 0)
                .withKv(0.15, false, 0, 0, false, 0));
        // 150 + 10 = 160 tokens = 10 blocks: fits the cache but never the admission check.
        h.arrive(req(0, 150, 10), req(0, 100, 44));
        checkConservationAtEveryEvent();
        assertThat(h.stats().rejectedTooLong()).isEqualTo(1);
        assertThat(h.metrics.completed()).isEqualTo(1);
    }

    @Test
    void finishedPaddingOfAStaticBatchIsNoLongerInFlight() {
        h.replica(1000, 16, 8192, 4, SchedulerOptions.DEFAULT.withBatching(BatchingMode.STATIC, 0));
        // W runs first; A (10, 1) and B (10, 5) form the next batch; A is padding after its first token.
        h.arrive(req(0, 10, 1), req(100 * US, 10, 1), req(100 * US, 10, 5));
        checkConservationAtEveryEvent(); // would count A both completed and in flight
        assertThat(h.metrics.completed()).isEqualTo(3);
    }

    /** Runs to the end, checking arrived == completed + rejected + in flight after every event. */
    private void checkConservationAtEveryEvent() {
        h.sim.run(StopCondition.when(() -> {
            assertThat(h.metrics.arrived())
                    .isEqualTo(h.metrics.completed() + h.metrics.rejected() + h.replica.inFlight());
            return false;
        }));
        assertThat(h.replica.inFlight()).isZero();
    }

    @Test
    void watermarkKeepsBlocksFreeAtAdmission() {
        // 10 blocks of 16 tokens, watermark 0.2 -> 2 blocks must stay free when admitting.
        h.replica(10, 16, 8192, 8, SchedulerOptions.DEFAULT.withKv(0.2, false, 0, 0, false, 0));
        // A and B (60 in, 4 out): 4 blocks each, never more (63 tokens). A starts alone at 0 (1.6 ms).
        // Step 2: B: 10 - 4 - 4 = 2 >= 2 (exactly) is admitted; C (16 in, 1 out) would leave 1 < 2.
        // C waits until A (prefill + 3 decodes) has left after step 4, and joins B's last decode.
        h.arrive(req(0, 60, 4), req(0, 60, 4), req(0, 16, 1));
        h.run();
        assertThat(h.steps).containsExactly(
                new SchedHarness.Step(0, 1, 60, 0), // 1 + 0.6
                new SchedHarness.Step(1600 * US, 1, 60, 1), // 1 + 0.6 + 0.1
                new SchedHarness.Step(3300 * US, 0, 0, 2), // 1.2
                new SchedHarness.Step(4500 * US, 0, 0, 2), // 1.2; A done
                new SchedHarness.Step(5700 * US, 1, 16, 1)); // 1 + 0.16 + 0.1
        assertThat(h.fate(2).finish()).isEqualTo(6960 * US);
        assertThat(h.metrics.completed()).isEqualTo(3);
    }

    @Test
    void withoutWatermarkTheSmallRequestJoinsEarly() {
        h.replica(10, 16, 8192, 8, SchedulerOptions.DEFAULT);
        h.arrive(req(0, 60, 4), req(0, 60, 4), req(0, 16, 1));
        h.run();
        // Step 2 [1.6 ms): A decodes, B (60) and C (16) prefill: 76 tokens.
        assertThat(h.steps.get(1)).isEqualTo(new SchedHarness.Step(1600 * US, 2, 76, 1));
    }
}
