package org.tokenfab.spark;

import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

import org.tokenfab.scenario.plan.Candidate;
import org.tokenfab.scenario.plan.Evaluator;
import org.tokenfab.scenario.plan.Plan;
import org.tokenfab.scenario.plan.PlanJob;
import org.tokenfab.scenario.plan.PlanTasks;

/**
 * A plan's probes and replica searches as Spark tasks, one per candidate: each task runs the code of
 * a local plan ({@link PlanJob#probe}, {@link PlanJob#search}) and returns its result as JSON; the
 * planner on the driver keeps its order and waves, so the plan is the one a local run finds.
 */
final class SparkPlanTasks implements PlanTasks {
    private final JavaSparkContext spark;
    private final PlanJob job;

    SparkPlanTasks(JavaSparkContext spark, PlanJob job) {
        this.spark = spark;
        this.job = job;
    }

    @Override
    public List<Evaluator.Probe> probes(List<Candidate> candidates) throws InterruptedException {
        PlanJob j = job;
        List<String> in = candidates.stream().map(PlanCodec::write).toList();
        Function<String, String> probe = c -> PlanCodec.write(j.probe(PlanCodec.read(c, Candidate.class), Workers.library()));
        return run("probes", in, probe).stream().map(r -> PlanCodec.read(r, Evaluator.Probe.class)).toList();
    }

    @Override
    public List<Plan.CandidateResult> searches(List<Search> searches) throws InterruptedException {
        PlanJob j = job;
        List<String> in = searches.stream().map(PlanCodec::write).toList();
        Function<String, String> search = s -> PlanCodec.write(j.search(PlanCodec.read(s, Search.class), Workers.library()));
        return run("searches", in, search).stream().map(r -> PlanCodec.read(r, Plan.CandidateResult.class)).toList();
    }

    /** One task per input, results in input order; Ctrl-C cancels the job. */
    private List<String> run(String what, List<String> in, Function<String, String> task) throws InterruptedException {
        return SparkEngine.collect(spark, "tokenfab-plan", "the plan's " + what + " (" + job.scenario() + ")", in, task);
    }

    @Override
    public String describe() {
        return SparkEngine.describe(spark);
    }

    @Override
    public void close() {
        // the engine owns the SparkContext
    }
}
