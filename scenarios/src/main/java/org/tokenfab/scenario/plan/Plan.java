package org.tokenfab.scenario.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The planner's answer: per candidate what the search found, and the winner under the objective.
 *
 * @param results     per candidate, in the order of the request's candidates
 * @param wallSeconds real time of the whole search
 */
public record Plan(PlanRequest request, List<CandidateResult> results, double wallSeconds) {
    public Plan {
        results = List.copyOf(results);
    }

    /**
     * What the search found for one candidate.
     *
     * @param probe     the saturation probe (capacity bound, or why it does not fit)
     * @param points    every point, pruned or simulated, in order
     * @param minimal   the fewest replicas that met the SLOs, if any
     * @param verdict   why there is no minimal point (empty when there is)
     */
    public record CandidateResult(Candidate candidate, Evaluator.Probe probe, List<Point> points, Optional<Point> minimal,
            String verdict) {
        public CandidateResult {
            points = List.copyOf(points);
        }
    }

    /** The candidates' minimal points, best first under the objective (ties: candidate order). */
    public List<Point> ranked() {
        Comparator<Point> order = request.objective().order();
        return results.stream().flatMap(r -> r.minimal().stream()).sorted(order).toList();
    }

    public Optional<Point> winner() {
        return ranked().stream().findFirst();
    }

    /** Every point of every candidate, in candidate order then search order. */
    public List<Point> points() {
        return results.stream().flatMap(r -> r.points().stream()).toList();
    }

    /** Points simulated (not pruned). */
    public long simulations() {
        return points().stream().filter(p -> p.outcome() == Point.Outcome.MET || p.outcome() == Point.Outcome.MISSED).count();
    }
}
