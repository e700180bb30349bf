package org.tokenfab.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tokenfab.serving.SchedHarness.MS;
import static org.tokenfab.serving.SchedHarness.US;
import static org.tokenfab.serving.SchedHarness.req;

import org.junit.jupiter.api.Test;

/**
 * Prefill/decode disaggregation on a hand-computed timeline. Step cost: 1 ms + 10 us per prefill
 * token + 100 us per decode row. KV: 1,000 bytes per token over a 1 GB/s link (1 byte/ns) with
 * 10 us latency per transfer.
 */
class DisaggregationTest {
    private final SchedHarness h = new SchedHarness();

    private Replica decodeReplica() {
        return new Replica(h.sim, new ReplicaConfig(h.linear, 1000, 16, 8192, 64, null, SchedulerOptions.DEFAULT), h.metrics,
                h.pool, 7);
    }

    @Test
    void theFirstTokenComesAfterTheTransferAndTheDecodeReplicaFinishes() {
        Replica prefill = h.replica(1000, 16, 8192, 64, SchedulerOptions.DEFAULT);
        Replica decode = decodeReplica();
        KvTransfer link = new KvTransfer(h.sim, h.metrics, new Replica[] {prefill}, new Replica[] {decode}, 1000, 1.0, 10 * US);
        // A (100 in, 3 out) at 0; B (200 in, 2 out) at 0.5 ms.
        h.arrive(req(0, 100, 3), req(500 * US, 200, 2));
        h.run();
        // A: prefill [0, 2 ms); 100,000 bytes in 100 us + 10 us: first token at 2.11 ms; decodes of
        // 1.1 ms on the decode replica: 3.21 and 4.31 ms.
        assertThat(h.fate(0).firstToken()).isEqualTo(2 * MS + 110 * US);
        assertThat(h.fate(0).finish()).isEqualTo(4 * MS + 310 * US);
        // B: prefill [2, 5 ms) (1 ms + 200 x 10 us); 200 us + 10 us: first token at 5.21 ms; one decode.
        assertThat(h.fate(1).firstToken()).isEqualTo(5 * MS + 210 * US);
        assertThat(h.fate(1).finish()).isEqualTo(6 * MS + 310 * US);
        assertThat(h.fate(0).generated()).isEqualTo(3);
        assertThat(prefill.handedOff()).isEqualTo(2);
        assertThat(link.stats()).isEqualTo(new KvTransfer.Stats(2, 300_000, 0, 0));
        // Nothing left anywhere: the prefill replica's blocks were freed when the KV had been sent.
        assertThat(prefill.usedKvBlocks()).isZero();
        assertThat(decode.usedKvBlocks()).isZero();
        assertThat(prefill.inFlight() + decode.inFlight() + link.inTransit()).isZero();
        assertThat(h.metrics.completed()).isEqualTo(2);
    }

    @Test
    void transfersFromOneReplicaQueueOnItsLink() {
        Replica prefill = h.replica(1000, 16, 8192, 64, SchedulerOptions.DEFAULT);
        Replica decode = decodeReplica();
        KvTransfer link = new KvTransfer(h.sim, h.metrics, new Replica[] {prefill}, new Replica[] {decode}, 1000, 1.0, 10 * US);
        // W (10 in, 1 out) keeps the prefill replica busy [0, 1.1 ms); C and D (100 in, 2 out) arrive
        // at 0.5 ms and are prefilled together in [1.1, 4.1 ms) (1 ms + 200 x 10 us), handed off together.
        h.arrive(req(0, 10, 1), req(500 * US, 100, 2), req(500 * US, 100, 2));
        h.run();
        // C on the link [4.10, 4.21 ms), D waits for it: [4.21, 4.32 ms).
        assertThat(h.fate(1).firstToken()).isEqualTo(4 * MS + 210 * US);
        assertThat(h.fate(2).firstToken()).isEqualTo(4 * MS + 320 * US);
        // C decodes [4.21, 5.31 ms); D joins at the next step: [5.31, 6.41 ms).
        assertThat(h.fate(1).finish()).isEqualTo(5 * MS + 310 * US);
        assertThat(h.fate(2).finish()).isEqualTo(6 * MS + 410 * US);
        assertThat(link.stats().meanQueueingMs()).isEqualTo(0.055);
        assertThat(link.stats().maxQueueingMs()).isEqualTo(0.11);
    }

    @Test
    void aSingleTokenAnswerNeedsNoTransfer() {
        Replica prefill = h.replica(1000, 16, 8192, 64, SchedulerOptions.DEFAULT);
        KvTransfer link = new KvTransfer(h.sim, h.metrics, new Replica[] {prefill}, new Replica[] {decodeReplica()}, 1000, 1.0,
                10 * US);
        h.arrive(req(0, 100, 1));
        h.run();
        assertThat(h.fate(0).finish()).isEqualTo(2 * MS);
        assertThat(link.stats().transfers()).isZero();
    }
}
