package org.tokenfab.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.tokenfab.sim.TokenFabException;

/** What the desktop app watches: rows as they close, one replica's iterations, and cancellation. */
class RunObservationTest {

    @Test
    void rowListenerSeesExactlyTheTimeSeriesRows() {
        List<TimeSeries.Row> seen = new ArrayList<>();
        ScenarioRun run = new ScenarioRun(TimeSeriesTest.scenario()).interval(2_000_000_000L).onRow(seen::add);
        run.run();
        TimeSeries ts = run.timeSeries();
        assertThat(seen).hasSize(ts.rows());
        for (int i = 0; i < ts.rows(); i++) {
            assertThat(seen.get(i)).isEqualTo(ts.row(i));
            assertThat(seen.get(i).outputTokens()).isEqualTo(ts.value(i, TimeSeries.TOKENS));
        }
        // TPOT percentiles appear where requests with more than one token completed.
        assertThat(seen.stream().filter(r -> r.completions() > 0).allMatch(r -> r.tpotP50Ms() > 0)).isTrue();
        assertThat(seen.stream().filter(r -> r.completions() > 0).allMatch(r -> r.tpotP99Ms() >= r.tpotP50Ms())).isTrue();
    }

    @Test
    void stepObserverSeesEveryIterationOfOneReplica() {
        ScenarioRun run = new ScenarioRun(TimeSeriesTest.scenario());
        AtomicLong steps = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        AtomicLong preemptions = new AtomicLong();
        long[] lastEnd = {0};
        run.observeReplica("main", 1, (start, duration, prefillSeqs, prefillTokens, decodeSeqs, used, blocks, queued,
                preempted) -> {
            assertThat(start).isGreaterThanOrEqualTo(lastEnd[0]); // iterations never overlap
            assertThat(duration).isPositive();
            assertThat(prefillSeqs + decodeSeqs).isPositive();
            assertThat(prefillTokens).isGreaterThanOrEqualTo(prefillSeqs);
            assertThat(used).isBetween(0, blocks);
            lastEnd[0] = start + duration;
            steps.incrementAndGet();
            busy.addAndGet(duration);
            preemptions.addAndGet(preempted);
        });
        RunResult r = run.run();
        PoolResult pool = r.pools().get(0);
        assertThat(steps.get()).isPositive().isLessThan(pool.steps());
        assertThat(busy.get()).isPositive();
    }

    @Test
    void observingAReplicaThatDoesNotExistIsAClearError() {
        ScenarioRun run = new ScenarioRun(TimeSeriesTest.scenario());
        assertThatThrownBy(() -> run.observeReplica("main", 2, (a, b, c, d, e, f, g, h, i) -> { }))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("replicas 0 to 1");
        assertThatThrownBy(() -> run.observeReplica("gpu", 0, (a, b, c, d, e, f, g, h, i) -> { }))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("no pool named 'gpu'");
    }

    @Test
    void aCancelledRunStopsWithAClearException() {
        ScenarioRun run = new ScenarioRun(TimeSeriesTest.scenario("requests=200000"));
        long[] rows = {0};
        run.onRow(row -> {
            if (++rows[0] == 3) {
                run.cancel(); // as the UI's cancel button would, from another thread
            }
        });
        assertThatThrownBy(run::run).isInstanceOf(RunCancelledException.class).hasMessageContaining("cancelled at")
                .satisfies(e -> assertThat(((RunCancelledException) e).simulatedSeconds()).isLessThan(300));
        // Cancel is looked at every 4,096 events: with decode steps folded (~40 events per simulated
        // second here), about 100 s of this run's 1-s rows, out of the 25,000 s the whole run would take.
        assertThat(rows[0]).isLessThan(300);
    }

    @Test
    void givenKvBlocksReplaceTheMemoryModelsAndMustFitBesideTheWeights() {
        RunResult given = new ScenarioRun(TimeSeriesTest.scenario("requests=20", "cluster.pools[0].kv_cache.blocks=2588")).run();
        assertThat(given.pools().get(0).kvCapacityTokens()).isEqualTo(2588L * 16);
        RunResult modelled = new ScenarioRun(TimeSeriesTest.scenario("requests=20")).run();
        assertThat(modelled.pools().get(0).kvCapacityTokens()).isNotEqualTo(2588L * 16);
        // Llama-3.1-8B on an 80 GB H100: about 56 GB beside the weights = 430k tokens = 26,900 blocks at most.
        assertThatThrownBy(() -> new ScenarioRun(TimeSeriesTest.scenario("cluster.pools[0].kv_cache.blocks=100000")))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("kv_cache.blocks: 100,000 blocks of 16 tokens")
                .hasMessageContaining("do not fit beside the weights");
    }

    @Test
    void anInterruptedRunStillReturnsItsPartialResult() {
        ScenarioRun run = new ScenarioRun(TimeSeriesTest.scenario("requests=200000"));
        run.onRow(row -> run.interrupt()); // as the Ctrl-C hook would, from another thread
        RunResult r = run.run();
        assertThat(r.partial()).isTrue();
        assertThat(r.stoppedBy()).isEqualTo("interrupted");
        assertThat(r.completed()).isPositive().isLessThan(200_000);
        assertThat(SummaryJson.toJson(r)).contains("\"partial\" : true", "\"stopped_by\" : \"interrupted\"");
    }
}
