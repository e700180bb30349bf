package org.tokenfab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.Scenario.SweepAxis;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.scenario.run.Progress;
import org.tokenfab.scenario.run.ScenarioRun;
import org.tokenfab.scenario.sweep.PointExecutorProvider;
import org.tokenfab.scenario.sweep.SweepGrid;
import org.tokenfab.scenario.sweep.SweepRunner;
import org.tokenfab.sim.TokenFabException;

/**
 * A small sweep on Spark {@code local[2]} (one SparkContext for the class: it takes seconds to
 * start) against the same sweep on the local thread pool, which is how {@code tokenfab sweep} runs
 * without {@code --engine spark}.
 */
class SparkSweepTest {
    private static final ScenarioLibrary LIBRARY = new ScenarioLibrary(new ScenarioLoader(Catalog.builtIn()));
    private static final List<String> SETS = List.of("requests=60");
    private static final SweepGrid GRID = new SweepGrid(List.of(new SweepAxis("workload.arrivals.users", List.of("1", "4", "16")),
            new SweepAxis("cluster.pools[0].batching.max_seqs", List.of("8", "64"))));
    private static final SweepRunner.Identity IDENTITY = new SweepRunner.Identity("memory-wall", "hash", SETS, GRID);

    /** Two cores, and up to four attempts per task (local mode's spark.task.maxFailures). */
    private static SparkEngine spark;
    private static final AtomicInteger failedTasks = new AtomicInteger();

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        spark = (SparkEngine) PointExecutorProvider.find("spark").orElseThrow().open("local[2,4]");
        spark.context().sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.reason() != Success$.MODULE$) {
                    failedTasks.incrementAndGet();
                }
            }
        });
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    /** The sweep as `tokenfab sweep` runs it locally: resolved scenarios on a thread pool. */
    private static void local(Path dir) {
        List<Scenario> points = new ArrayList<>();
        for (SweepGrid.Point p : GRID.points()) {
            List<String> all = new ArrayList<>(SETS);
            all.addAll(GRID.sets(p));
            points.add(LIBRARY.resolve("memory-wall", all));
        }
        new SweepRunner(IDENTITY, points, dir, 2, s -> new ScenarioRun(s).run(Progress.NONE)).run(SweepRunner.Listener.NONE);
    }

    private static String withoutWall(String summary) {
        return summary.replaceAll("\"wall_seconds\"\\s*:\\s*[0-9.eE+-]+", "\"wall_seconds\":0");
    }

    @Test
    void sweepCsvIsByteIdenticalToALocalSweep() throws IOException {
        local(tmp.resolve("local"));
        SweepRunner.Outcome o = new SweepRunner(IDENTITY, tmp.resolve("spark"), spark).run(SweepRunner.Listener.NONE);
        assertThat(o.ran()).isEqualTo(6);
        assertThat(Files.readAllBytes(tmp.resolve("spark/sweep.csv"))).isEqualTo(Files.readAllBytes(tmp.resolve("local/sweep.csv")));
        assertThat(Files.readAllLines(tmp.resolve("spark/sweep.csv"))).hasSize(7);
        assertThat(withoutWall(Files.readString(tmp.resolve("spark/points.jsonl"))))
                .isEqualTo(withoutWall(Files.readString(tmp.resolve("local/points.jsonl"))));
        assertThat(Files.readAllLines(tmp.resolve("spark/points.jsonl"))).hasSize(6);
        assertThat(spark.describe(6)).isEqualTo("Spark local[2,4] (2 task slots)");
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndThePointRecomputedIdentically() throws Exception {
        local(tmp.resolve("local"));
        int before = failedTasks.get();
        spark.context().setLocalProperty(PointTask.FAIL_FIRST_ATTEMPT, "3");
        try {
            new SweepRunner(IDENTITY, tmp.resolve("spark"), spark).run(SweepRunner.Listener.NONE);
        } finally {
            spark.context().setLocalProperty(PointTask.FAIL_FIRST_ATTEMPT, null);
        }
        assertThat(Files.readString(tmp.resolve("spark/sweep.csv"))).isEqualTo(Files.readString(tmp.resolve("local/sweep.csv")));
        for (int i = 0; i < 50 && failedTasks.get() == before; i++) {
            Thread.sleep(20); // listener events arrive asynchronously
        }
        assertThat(failedTasks.get() - before).isEqualTo(1);
    }

    @Test
    void aSweepInterruptedLocallyResumesOnSparkFromThePointsWritten() throws IOException {
        Path dir = tmp.resolve("resumed");
        // a local sweep that stops at point 4 (a failure), leaving points 0-3 in sweep.csv
        List<Scenario> points = new ArrayList<>();
        for (SweepGrid.Point p : GRID.points()) {
            List<String> all = new ArrayList<>(SETS);
            all.addAll(GRID.sets(p));
            points.add(LIBRARY.resolve("memory-wall", all));
        }
        assertThatThrownBy(() -> new SweepRunner(IDENTITY, points, dir, 1, s -> {
            if (s == points.get(4)) {
                throw new TokenFabException("stopped");
            }
            return new ScenarioRun(s).run(Progress.NONE);
        }).run(SweepRunner.Listener.NONE)).hasMessageStartingWith("sweep point 4");
        assertThat(Files.readAllLines(dir.resolve("sweep.csv"))).hasSize(5);

        SweepRunner.Outcome o = new SweepRunner(IDENTITY, dir, spark).run(SweepRunner.Listener.NONE);
        assertThat(o.kept()).isEqualTo(4);
        assertThat(o.ran()).isEqualTo(2);
        local(tmp.resolve("local"));
        assertThat(Files.readString(dir.resolve("sweep.csv"))).isEqualTo(Files.readString(tmp.resolve("local/sweep.csv")));
    }

    @Test
    void anInvalidPointIsReportedByNameAndNotRetried() {
        SweepGrid grid = new SweepGrid(List.of(new SweepAxis("cluster.pools[0].parallelism.tp", List.of("1", "3"))));
        SweepRunner.Identity identity = new SweepRunner.Identity("memory-wall", "hash", SETS, grid);
        int before = failedTasks.get();
        assertThatThrownBy(() -> new SweepRunner(identity, tmp, spark).run(SweepRunner.Listener.NONE))
                .isInstanceOf(TokenFabException.class)
                .hasMessageStartingWith("sweep point 1 (cluster.pools[0].parallelism.tp=3): library/memory-wall.yaml:")
                .hasMessageContaining("the points already finished are kept in " + tmp.resolve("sweep.csv"));
        assertThat(failedTasks.get()).isEqualTo(before);
    }
}
