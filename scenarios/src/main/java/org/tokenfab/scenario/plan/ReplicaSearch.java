package org.tokenfab.scenario.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The smallest replica count of one candidate that meets the SLOs, in few simulations.
 *
 * <p>Why not a linear scan: a point of a 70B model at hundreds of requests per second costs a
 * second or more, and the answer may be dozens of replicas. Starting at a lower bound (replicas
 * below it are known to lack capacity), the search steps up by gaps 1, 2, 4, ... until a count
 * meets the SLOs (or the maximum misses), then bisects between the last miss and the first hit:
 * O(log n) simulations. It assumes latency falls with replicas, which holds up to simulation noise
 * at a fixed seed; a non-monotone blip can at worst make the answer one bisection step too large.
 */
public final class ReplicaSearch {
    private ReplicaSearch() {
    }

    /**
     * The search's trace and answer.
     *
     * @param evaluated every point simulated, in the order simulated
     * @param minimal   the point at the smallest count that met the SLOs, if any within the maximum
     */
    public record Result(List<Point> evaluated, Optional<Point> minimal) {
        public Result {
            evaluated = List.copyOf(evaluated);
        }
    }

    /**
     * Searches {@code [lower, max]}; counts below {@code lower} are taken as failing.
     *
     * @throws IllegalArgumentException if {@code lower < 1} or {@code lower > max}
     */
    public static Result search(Evaluator evaluator, Candidate c, int lower, int max) {
        if (lower < 1 || lower > max) {
            throw new IllegalArgumentException("need 1 <= lower <= max, got " + lower + ", " + max);
        }
        List<Point> evaluated = new ArrayList<>();
        int lastMiss = lower - 1;
        Point firstMet = null;
        int n = lower;
        long gap = 1;
        while (true) {
            Point p = evaluator.evaluate(c, n);
            evaluated.add(p);
            if (p.outcome() == Point.Outcome.UNFIT) {
                return new Result(evaluated, Optional.empty());
            }
            if (p.met()) {
                firstMet = p;
                break;
            }
            lastMiss = n;
            if (n == max) {
                return new Result(evaluated, Optional.empty());
            }
            n = (int) Math.min(max, n + gap);
            gap *= 2;
        }
        while (firstMet.replicas() - lastMiss > 1) {
            int mid = lastMiss + (firstMet.replicas() - lastMiss) / 2;
            Point p = evaluator.evaluate(c, mid);
            evaluated.add(p);
            if (p.met()) {
                firstMet = p;
            } else {
                lastMiss = mid;
            }
        }
        return new Result(evaluated, Optional.of(firstMet));
    }
}
