package org.tokenfab.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tokenfab.serving.SchedHarness.MS;
import static org.tokenfab.serving.SchedHarness.US;
import static org.tokenfab.serving.SchedHarness.req;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * Folding of decode-only steps on hand-checked examples (step cost 1 ms + 10 us per prefill token
 * + 100 us per decode row): the same times and figures as the step-by-step run, with fewer events;
 * a request arriving mid-fold cuts it; figures read mid-fold are those of the unfolded run.
 */
class DecodeFoldTest {

    /** Everything a run shows: each request's fate, the inter-token latencies, the step count and the probes. */
    private record Observed(List<SchedHarness.Fate> fates, long itlCount, double itlMean, long itlMax, long steps,
            List<String> probes, long events) {
        Observed withoutEvents() {
            return new Observed(fates, itlCount, itlMean, itlMax, steps, probes, 0);
        }
    }

    private static Observed run(boolean fold, int kvBlocks, Consumer<SchedHarness> arrivals, long... probeTimes) {
        SchedHarness h = new SchedHarness();
        h.fold = fold;
        h.replica(kvBlocks, 16, 8192, 8, SchedulerOptions.DEFAULT.withBatching(BatchingMode.CHUNKED_PREFILL, 0));
        arrivals.accept(h);
        List<String> probes = new ArrayList<>();
        for (long t : probeTimes) {
            h.sim.schedule(t, (type, payload) -> probes.add("@" + t + " tokens " + h.replica.outputTokens() + " kv "
                    + h.replica.kvLoad() + " used " + h.replica.usedKvBlocks() + " steps " + h.stats().steps()), 0, 0);
        }
        h.run();
        List<SchedHarness.Fate> fates = new ArrayList<>();
        for (long id = 0; h.fate(id) != null; id++) {
            fates.add(h.fate(id));
        }
        return new Observed(fates, h.metrics.itl().count(), h.metrics.itl().mean(), h.metrics.itl().max(),
                h.stats().steps(), probes, h.sim.eventsProcessed());
    }

    @Test
    void aLoneDecodingRequestFoldsIntoAFewEventsWithTheSameTimes() {
        Consumer<SchedHarness> a = h -> h.arrive(req(0, 100, 50));
        Observed plain = run(false, 1000, a);
        Observed folded = run(true, 1000, a);
        // Prefill of 100 tokens: 2 ms (first token); 49 decode steps of 1.1 ms: done at 55.9 ms.
        assertThat(plain.fates().get(0).firstToken()).isEqualTo(2 * MS);
        assertThat(plain.fates().get(0).finish()).isEqualTo(55_900 * US);
        assertThat(plain.itlCount()).isEqualTo(49);
        assertThat(plain.itlMax()).isEqualTo(1100 * US);
        assertThat(plain.steps()).isEqualTo(50);
        // Unfolded: the arrival and 50 step ends. Folded: the arrival, the prefill, folds of 16 and
        // 32 decode steps (the cap doubles after a fold that used it whole), and the last step alone.
        assertThat(plain.events()).isEqualTo(51);
        assertThat(folded.events()).isEqualTo(5);
        assertThat(folded.withoutEvents()).isEqualTo(plain.withoutEvents());
    }

    @Test
    void anArrivalCutsTheFoldAfterTheStepInProgressAndReadersSeeTheUnfoldedFigures() {
        // A decodes from 2 ms in steps of 1.1 ms; B arrives at 10.05 ms, during A's 8th decode step
        // [9.7, 10.8 ms): B's prefill joins the step after it, exactly as without folding. A takes a
        // new KV block at its 13th decode step; the probes read tokens, KV and steps mid-fold.
        Consumer<SchedHarness> ab = h -> h.arrive(req(0, 100, 50), req(10_050 * US, 20, 3));
        long[] probes = {7_050 * US, 16_050 * US, 30_050 * US, 40_000 * US};
        Observed plain = run(false, 1000, ab, probes);
        Observed folded = run(true, 1000, ab, probes);
        assertThat(plain.fates().get(1).firstToken()).isEqualTo(10_800 * US + MS + 20 * 10 * US + 100 * US);
        assertThat(folded.withoutEvents()).isEqualTo(plain.withoutEvents());
        assertThat(folded.events()).isLessThan(plain.events() / 3);
        assertThat(folded.probes()).hasSize(4);
    }

    @Test
    void blocksTakenByGrowingContextsAreThoseOfTheUnfoldedRunEvenWhenTheCacheRunsShort() {
        // 40 blocks of 16 tokens for four requests whose contexts grow past it: preemption by
        // recompute once the blocks are gone; folds must stop before any step that would need more
        // blocks than are free.
        Consumer<SchedHarness> four = h -> h.arrive(req(0, 60, 120), req(100 * US, 90, 100), req(200 * US, 30, 150),
                req(300 * US, 120, 80));
        long[] probes = {20 * MS, 50 * MS, 90 * MS, 130 * MS};
        Observed plain = run(false, 40, four, probes);
        Observed folded = run(true, 40, four, probes);
        assertThat(plain.fates()).hasSize(4).allMatch(SchedHarness.Fate::completed);
        assertThat(folded.withoutEvents()).isEqualTo(plain.withoutEvents());
        assertThat(folded.events()).isLessThan(plain.events());
    }
}
