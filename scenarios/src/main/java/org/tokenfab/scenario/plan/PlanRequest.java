package org.tokenfab.scenario.plan;

import java.util.List;

/**
 * The planner's question: serve {@code targetRatePerSecond} within {@code slo}, choosing among
 * {@code candidates}, minimising {@code objective}, with at most {@code maxReplicas} per candidate.
 *
 * @param threads simulations run at once (each is single-threaded and independent)
 */
public record PlanRequest(double targetRatePerSecond, Slo slo, List<Candidate> candidates, Objective objective,
        int maxReplicas, int threads) {
    public PlanRequest {
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidates");
        }
        if (maxReplicas < 1 || threads < 1) {
            throw new IllegalArgumentException("maxReplicas and threads must be positive");
        }
    }
}
