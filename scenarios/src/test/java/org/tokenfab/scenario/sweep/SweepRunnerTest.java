package org.tokenfab.scenario.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.ArrivalSpec;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.Scenario.SweepAxis;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.ScenarioRun;
import org.tokenfab.scenario.run.SummaryJson;
import org.tokenfab.sim.TokenFabException;

class SweepRunnerTest {
    private static final ScenarioLibrary LIBRARY = new ScenarioLibrary(new ScenarioLoader(Catalog.builtIn()));
    private static final List<String> SETS = List.of("requests=60");
    private static final SweepGrid GRID = new SweepGrid(List.of(new SweepAxis("workload.arrivals.users", List.of("1", "4", "16")),
            new SweepAxis("cluster.pools[0].batching.max_seqs", List.of("8", "64"))));

    @TempDir
    Path tmp;

    private static List<Scenario> scenarios(SweepGrid grid) {
        List<Scenario> list = new ArrayList<>();
        for (SweepGrid.Point p : grid.points()) {
            List<String> all = new ArrayList<>(SETS);
            all.addAll(grid.sets(p));
            list.add(LIBRARY.resolve("memory-wall", all));
        }
        return list;
    }

    private static SweepRunner.Identity identity(SweepGrid grid) {
        return new SweepRunner.Identity("memory-wall", "hash", SETS, grid);
    }

    private static RunResult run(Scenario s) {
        return new ScenarioRun(s).run();
    }

    private static String withoutWall(String summary) {
        return summary.replaceAll("\"wall_seconds\"\\s*:\\s*[0-9.eE+-]+", "\"wall_seconds\":0");
    }

    @Test
    void rowsAndSummariesEqualSeparateRunsOfTheSamePoints() throws IOException {
        SweepRunner.Outcome o = new SweepRunner(identity(GRID), scenarios(GRID), tmp, 2, SweepRunnerTest::run).run(SweepRunner.Listener.NONE);
        assertThat(o.ran()).isEqualTo(GRID.size());
        List<String> lines = Files.readAllLines(tmp.resolve("sweep.csv"));
        assertThat(lines.get(0)).startsWith("point,workload.arrivals.users,cluster.pools[0].batching.max_seqs,completed,rejected,ttft_mean_ms");
        assertThat(lines).hasSize(1 + GRID.size());
        List<String> summaries = Files.readAllLines(tmp.resolve(PointSummaries.FILE));
        assertThat(summaries).hasSize(GRID.size()); // in point order, although two threads finished them
        for (SweepGrid.Point p : GRID.points()) {
            List<String> sets = new ArrayList<>(SETS);
            sets.addAll(GRID.sets(p));
            RunResult alone = run(LIBRARY.resolve("memory-wall", sets));
            List<String> expected = new ArrayList<>(List.of(Integer.toString(p.index())));
            expected.addAll(p.values());
            expected.addAll(SweepMetrics.cells(alone));
            assertThat(lines.get(1 + p.index())).isEqualTo(SweepCsv.line(expected).strip());
            assertThat(withoutWall(summaries.get(p.index()))).isEqualTo(withoutWall(SummaryJson.toLine(alone, p.index())));
        }
    }

    @Test
    void theParallelSweepWritesTheSameCsvAsOneThread() throws IOException {
        new SweepRunner(identity(GRID), scenarios(GRID), tmp.resolve("one"), 1, SweepRunnerTest::run).run(SweepRunner.Listener.NONE);
        new SweepRunner(identity(GRID), scenarios(GRID), tmp.resolve("four"), 4, SweepRunnerTest::run).run(SweepRunner.Listener.NONE);
        assertThat(Files.readString(tmp.resolve("four/sweep.csv"))).isEqualTo(Files.readString(tmp.resolve("one/sweep.csv")));
        assertThat(withoutWall(Files.readString(tmp.resolve("four/points.jsonl"))))
                .isEqualTo(withoutWall(Files.readString(tmp.resolve("one/points.jsonl"))));
        assertThat(new SweepReport(GRID, csvRows(tmp.resolve("four"))).csv())
                .isEqualTo(new SweepReport(GRID, csvRows(tmp.resolve("one"))).csv());
    }

    private static List<List<String>> csvRows(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve("sweep.csv")).stream().skip(1).map(SweepCsv::parse).toList();
    }

    @Test
    void resumeRunsOnlyThePointsNotYetFinished() throws IOException {
        AtomicInteger runs = new AtomicInteger();
        Function<Scenario, RunResult> counting = s -> {
            runs.incrementAndGet();
            return run(s);
        };
        // an interrupted sweep: point 3 fails after the others may have finished
        Function<Scenario, RunResult> failing = s -> {
            if (s.workload().arrivals() instanceof ArrivalSpec.ClosedLoop c && c.users() == 16 && s.cluster().pools().get(0).batching().maxSeqs() == 8) {
                throw new TokenFabException("simulated failure");
            }
            return counting.apply(s);
        };
        assertThatThrownBy(() -> new SweepRunner(identity(GRID), scenarios(GRID), tmp, 1, failing).run(SweepRunner.Listener.NONE))
                .hasMessageStartingWith("sweep point 4 (workload.arrivals.users=16, cluster.pools[0].batching.max_seqs=8): simulated failure");
        assertThat(runs.get()).isEqualTo(4);
        runs.set(0);
        SweepRunner.Outcome o = new SweepRunner(identity(GRID), scenarios(GRID), tmp, 2, counting).run(SweepRunner.Listener.NONE);
        assertThat(runs.get()).isEqualTo(2);
        assertThat(o.kept()).isEqualTo(4);
        assertThat(o.ran()).isEqualTo(2);
        String resumed = Files.readString(tmp.resolve("sweep.csv"));

        runs.set(0);
        new SweepRunner(identity(GRID), scenarios(GRID), tmp.resolve("fresh"), 2, counting).run(SweepRunner.Listener.NONE);
        assertThat(resumed).isEqualTo(Files.readString(tmp.resolve("fresh/sweep.csv")));
        assertThat(withoutWall(Files.readString(tmp.resolve("points.jsonl"))))
                .isEqualTo(withoutWall(Files.readString(tmp.resolve("fresh/points.jsonl"))));

        runs.set(0);
        new SweepRunner(identity(GRID), scenarios(GRID), tmp, 2, counting).run(SweepRunner.Listener.NONE);
        assertThat(runs.get()).isZero();

        // a point whose summary line is gone (or was cut by a crash) runs again
        List<String> summaries = new ArrayList<>(Files.readAllLines(tmp.resolve("points.jsonl")));
        summaries.remove(3);
        Files.writeString(tmp.resolve("points.jsonl"), String.join("\n", summaries.subList(0, 4)) + "\n"
                + summaries.get(4).substring(0, 50));
        SweepRunner.Outcome again = new SweepRunner(identity(GRID), scenarios(GRID), tmp, 2, counting).run(SweepRunner.Listener.NONE);
        assertThat(again.kept()).isEqualTo(4);
        assertThat(runs.get()).isEqualTo(2);
        assertThat(withoutWall(Files.readString(tmp.resolve("points.jsonl"))))
                .isEqualTo(withoutWall(Files.readString(tmp.resolve("fresh/points.jsonl"))));
    }

    @Test
    void aDifferentGridIsRefused() {
        new SweepRunner(identity(GRID), scenarios(GRID), tmp, 2, SweepRunnerTest::run).run(SweepRunner.Listener.NONE);
        SweepGrid other = new SweepGrid(List.of(new SweepAxis("workload.arrivals.users", List.of("1", "2"))));
        assertThatThrownBy(() -> new SweepRunner(identity(other), scenarios(other), tmp, 2, SweepRunnerTest::run)
                .run(SweepRunner.Listener.NONE))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("holds a different sweep")
                .hasMessageContaining("choose another --out or delete " + tmp);
        SweepRunner.Identity otherSeed = new SweepRunner.Identity("memory-wall", "hash", List.of("requests=60", "seed=7"), GRID);
        assertThatThrownBy(() -> new SweepRunner(otherSeed, scenarios(GRID), tmp, 2, SweepRunnerTest::run).run(SweepRunner.Listener.NONE))
                .hasMessageContaining("holds a different sweep");
    }

    @Test
    void paretoCsvListsTheFrontierOfEveryView() throws IOException {
        new SweepRunner(identity(GRID), scenarios(GRID), tmp, 2, SweepRunnerTest::run).run(SweepRunner.Listener.NONE);
        SweepReport report = new SweepReport(GRID, csvRows(tmp));
        List<Path> written = report.write(tmp);
        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("pareto.csv",
                "pareto-throughput-interactivity.svg", "pareto-cost-ttft.svg", "pareto-energy-tpot.svg");
        String csv = Files.readString(tmp.resolve("pareto.csv"));
        assertThat(csv).startsWith("view,point,workload.arrivals.users,cluster.pools[0].batching.max_seqs,x_metric,x,y_metric,y\n");
        for (Pareto.View v : Pareto.VIEWS) {
            assertThat(csv).contains(v.name() + ",");
        }
        String svg = Files.readString(tmp.resolve("pareto-cost-ttft.svg"));
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("usd_per_million_output_tokens")
                .contains("ttft_p99_ms").contains("#d62728").doesNotContain("<script").doesNotContain("NaN");
        assertThat(report.table()).contains("Pareto: output tok/s per accelerator vs tok/s per user");
    }

    @Test
    void stopKeepsTheFinishedPointsAndSaysHowToResume() throws Exception {
        java.util.concurrent.CountDownLatch twoDone = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        List<Scenario> scenarios = scenarios(GRID);
        // points 0 and 1 finish; the others hang until the sweep is stopped (Ctrl-C)
        PointExecutor executor = new LocalPointExecutor(2, index -> {
            if (index >= 2) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("abandoned");
            }
            PointResult r = PointResult.of(index, run(scenarios.get(index)));
            twoDone.countDown();
            return r;
        });
        SweepRunner runner = new SweepRunner(identity(GRID), tmp, executor);
        Thread stopper = new Thread(() -> {
            try {
                twoDone.await();
                Thread.sleep(200); // let the runner write both points
            } catch (InterruptedException e) {
                return;
            }
            runner.stop();
        });
        stopper.start();
        assertThatThrownBy(() -> runner.run(SweepRunner.Listener.NONE))
                .isInstanceOf(TokenFabException.class)
                .hasMessage("sweep interrupted: 2 of 6 points finished and are in " + tmp.resolve("sweep.csv")
                        + "; run the same command again (same grid and --out) to resume");
        stopper.join();
        assertThat(Files.readAllLines(tmp.resolve("sweep.csv"))).hasSize(3);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        // resuming runs only the four others and gives the table of an uninterrupted sweep
        SweepRunner.Outcome o = new SweepRunner(identity(GRID), scenarios, tmp, 2, SweepRunnerTest::run).run(SweepRunner.Listener.NONE);
        assertThat(o.kept()).isEqualTo(2);
        assertThat(o.ran()).isEqualTo(4);
        new SweepRunner(identity(GRID), scenarios, tmp.resolve("fresh"), 2, SweepRunnerTest::run).run(SweepRunner.Listener.NONE);
        assertThat(Files.readString(tmp.resolve("sweep.csv"))).isEqualTo(Files.readString(tmp.resolve("fresh/sweep.csv")));
    }
}
