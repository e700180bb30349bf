package org.tokenfab.scenario.plan;

import java.io.Serializable;
import java.util.List;

import org.tokenfab.scenario.load.ScenarioLibrary;

/**
 * A plan's simulations as text, enough for any machine to rebuild the {@link SimulationEvaluator}
 * and run one probe or one replica search: the template as the user named it, the user's
 * overrides, the SLO, the target rate and the sizes. Engine objects are never shipped; a remote
 * worker re-reads the template through the same loader, so it runs exactly what a local plan runs.
 *
 * @param scenario    the template: a bundled scenario name or a file path every worker can read
 * @param sets        the user's {@code --set} overrides
 * @param requests    requests simulated per point
 */
public record PlanJob(String scenario, List<String> sets, double ttftP99Ms, double tpotP99Ms, double goodputShare,
        double targetRatePerSecond, long requests, int maxReplicas) implements Serializable {
    private static final long serialVersionUID = 1L;

    public PlanJob {
        sets = List.copyOf(sets);
    }

    /** The job of {@code request} on {@code scenario} with {@code sets}, {@code requests} per point. */
    public static PlanJob of(String scenario, List<String> sets, PlanRequest request, long requests) {
        Slo s = request.slo();
        return new PlanJob(scenario, sets, s.ttftP99Ms(), s.tpotP99Ms(), s.goodputShare(), request.targetRatePerSecond(),
                requests, request.maxReplicas());
    }

    /** The evaluator a local plan uses, over {@code library}. */
    public SimulationEvaluator evaluator(ScenarioLibrary library) {
        return new SimulationEvaluator(library, scenario, sets, new Slo(ttftP99Ms, tpotP99Ms, goodputShare), targetRatePerSecond,
                requests);
    }

    /** One probe: the code every engine runs for it. */
    public Evaluator.Probe probe(Candidate c, ScenarioLibrary library) {
        return evaluator(library).probe(c);
    }

    /** One replica search: the code every engine runs for it. */
    public Plan.CandidateResult search(PlanTasks.Search s, ScenarioLibrary library) {
        return Planner.search(targetRatePerSecond, maxReplicas, evaluator(library), s.candidate(), s.probe(), s.lower());
    }
}
