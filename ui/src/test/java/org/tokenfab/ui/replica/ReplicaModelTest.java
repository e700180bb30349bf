package org.tokenfab.ui.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import org.tokenfab.ui.model.StepLog;

class ReplicaModelTest {
    private static final long MS = 1_000_000;

    /** 1,000 steps of 1 ms every 2 ms from t = 10 ms: step i has i % 7 prefill tokens, 3 decode, KV i % 100 of 100. */
    private static StepLog log() {
        StepLog log = new StepLog();
        for (int i = 0; i < 1000; i++) {
            log.step(10 * MS + i * 2 * MS, MS, i % 7 == 0 ? 0 : 1, i % 7, 3, i % 100, 100, i % 5, i % 250 == 0 ? 1 : 0);
        }
        return log;
    }

    @Test
    void smallWindowHasOneBarPerStep() {
        StepLog log = log();
        ReplicaModel.Window w = ReplicaModel.window(log, 10 * MS, 30 * MS, 400);
        assertFalse(w.aggregated());
        assertEquals(10, w.stepCount());
        assertEquals(0, w.firstStep());
        assertEquals(10, w.bars().size());
        ReplicaModel.Bar b = w.bars().get(3);
        assertEquals(16 * MS, b.startNs());
        assertEquals(17 * MS, b.endNs());
        assertEquals(3, b.prefillTokens());
        assertEquals(3, b.decodeTokens());
        assertEquals(3.0, b.kvPercent(), 1e-9);
        assertEquals(3, b.queued());
    }

    @Test
    void largeWindowIsAggregatedAndSumsAreKept() {
        StepLog log = log();
        long from = 0, to = ReplicaModel.endNs(log) + 1;
        ReplicaModel.Window w = ReplicaModel.window(log, from, to, 50);
        assertTrue(w.aggregated());
        assertTrue(w.bars().size() <= 50);
        assertEquals(1000, w.stepCount());
        long prefill = 0, decode = 0, preemptions = 0, steps = 0;
        for (ReplicaModel.Bar b : w.bars()) {
            prefill += b.prefillTokens();
            decode += b.decodeTokens();
            preemptions += b.preemptions();
            steps += b.steps();
            assertTrue(b.queued() <= 4);
        }
        long expectedPrefill = 0;
        for (int i = 0; i < 1000; i++) {
            expectedPrefill += i % 7;
        }
        assertEquals(1000, steps);
        assertEquals(expectedPrefill, prefill);
        assertEquals(3000, decode);
        assertEquals(4, preemptions); // steps 0, 250, 500, 750
    }

    @Test
    void windowCountsOnlyStepsStartingInside() {
        StepLog log = log();
        // [11 ms, 21 ms) holds the steps starting at 12, 14, 16, 18, 20 ms
        ReplicaModel.Window w = ReplicaModel.window(log, 11 * MS, 21 * MS, 400);
        assertEquals(1, w.firstStep());
        assertEquals(5, w.stepCount());
        ReplicaModel.Window aggregated = ReplicaModel.window(log, 11 * MS, 21 * MS, 2);
        assertEquals(5, aggregated.bars().stream().mapToInt(ReplicaModel.Bar::steps).sum());
        assertEquals(1 + 2 + 3 + 4 + 5, aggregated.bars().stream().mapToLong(ReplicaModel.Bar::prefillTokens).sum());
    }

    @Test
    void readoutFindsTheStepUnderTheScrubber() {
        StepLog log = log();
        assertNull(ReplicaModel.readout(log, 5 * MS));
        ReplicaModel.Readout r = ReplicaModel.readout(log, 15 * MS + MS / 2); // inside step 2 (14 ms) idle gap: still step 2
        assertEquals(2, r.index());
        assertEquals(14.0, r.startMs(), 1e-9);
        assertEquals(1.0, r.durationMs(), 1e-9);
        assertEquals(2, r.prefillTokens());
        assertEquals(3, r.decodeSeqs());
        assertEquals(2.0, r.kvPercent(), 1e-9);
        assertEquals(2, r.queued());
        ReplicaModel.Readout exact = ReplicaModel.readout(log, 16 * MS);
        assertEquals(3, exact.index());
        assertEquals(10 * MS, ReplicaModel.startNs(log));
        assertEquals(10 * MS + 999 * 2 * MS + MS, ReplicaModel.endNs(log));
    }
}
