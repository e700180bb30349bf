package org.tokenfab.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.scenario.plan.Candidate;
import org.tokenfab.scenario.plan.Objective;
import org.tokenfab.scenario.plan.Plan;
import org.tokenfab.scenario.plan.PlanJob;
import org.tokenfab.scenario.plan.PlanRequest;
import org.tokenfab.scenario.plan.PlanReport;
import org.tokenfab.scenario.plan.PlanTasks;
import org.tokenfab.scenario.plan.Planner;
import org.tokenfab.scenario.plan.Point;
import org.tokenfab.scenario.plan.Slo;
import org.tokenfab.scenario.sweep.PointExecutorProvider;

/** A small capacity plan on Spark {@code local[2]} finds the plan a local run finds, point for point. */
class SparkPlanTest {
    private static final List<String> SETS = List.of("requests=400");
    private static PointExecutorProvider.Engine spark;

    @BeforeAll
    static void startSpark() {
        spark = PointExecutorProvider.find("spark").orElseThrow().open("local[2]");
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    /** A point without its wall-clock time, the one figure that differs between two runs. */
    private static Point timeless(Point p) {
        return new Point(p.candidate(), p.replicas(), p.outcome(), p.reason(), p.accelerators(), p.ttftP99Ms(), p.tpotP99Ms(),
                p.goodShare(), p.rejected(), p.usdPerHour(), p.usdPerMillionOutputTokens(), p.outputTokensPerJoule(), p.facilityW(),
                p.outputTokensPerSecond(), 0);
    }

    @Test
    void theSparkPlanIsTheLocalPlan() {
        List<Candidate> candidates = List.of(new Candidate("h100-sxm", 1, OptionalInt.empty()), new Candidate("h100-sxm", 2, OptionalInt.empty()),
                new Candidate("h200", 1, OptionalInt.of(64)), new Candidate("b200", 8, OptionalInt.empty()));
        PlanRequest request = new PlanRequest(30, new Slo(1000, 30, Double.NaN), candidates, Objective.COST, 8, 2);
        PlanJob job = PlanJob.of("quickstart", SETS, request, 400);
        ScenarioLibrary library = new ScenarioLibrary(new ScenarioLoader(Catalog.builtIn()));

        Plan local = Planner.plan(request, job.evaluator(library));
        Plan distributed;
        String ranOn;
        try (PlanTasks tasks = spark.planTasks(job)) {
            distributed = Planner.plan(request, tasks);
            ranOn = tasks.describe();
        }
        // The report says where the simulations ran, not the local thread count.
        assertThat(PlanReport.text(distributed, "quickstart", ranOn)).contains("s wall (Spark local[2] (2 task slots))");
        assertThat(distributed.points().stream().map(SparkPlanTest::timeless).toList())
                .isEqualTo(local.points().stream().map(SparkPlanTest::timeless).toList());
        assertThat(distributed.results().stream().map(Plan.CandidateResult::verdict).toList())
                .isEqualTo(local.results().stream().map(Plan.CandidateResult::verdict).toList());
        assertThat(distributed.winner().map(SparkPlanTest::timeless)).isEqualTo(local.winner().map(SparkPlanTest::timeless));
        assertThat(local.winner()).isPresent();
        assertThat(local.simulations()).isGreaterThan(2);
    }
}
