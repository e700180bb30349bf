package org.tokenfab.scenario.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import org.tokenfab.sim.TokenFabException;

/**
 * Searches the candidates for their fewest replicas meeting the SLOs and ranks them.
 *
 * <ol>
 * <li>Probe every candidate (in parallel): does it fit at all, and what does one replica complete
 * when overloaded. That gives a capacity lower bound {@code ceil(target / (1.15 x probe))}; counts
 * below it are pruned without simulating ({@code too_few}).</li>
 * <li>Branch and bound: candidates are searched cheapest bound first (the objective at the lower
 * bound: accelerator rates or accelerators; power has no cheap bound, so nothing is skipped), in
 * waves of {@value #WAVE}; a candidate whose bound is already worse than the best answer of the
 * waves before is not searched ({@code outclassed}), with the numbers.</li>
 * <li>Each searched candidate: {@link ReplicaSearch}.</li>
 * </ol>
 * The waves have a fixed size and results are kept in candidate order, so the plan, the pruning and
 * the files do not depend on the thread count; every run is deterministic.
 */
public final class Planner {
    /** Factor on the probe's saturated throughput so the capacity bound errs on the side of simulating. */
    static final double PROBE_HEADROOM = 1.15;
    /** Candidates searched between two updates of the best answer (fixed: see the class comment). */
    static final int WAVE = 4;

    private Planner() {
    }

    /** Plans on {@code request.threads()} threads of this JVM. */
    public static Plan plan(PlanRequest request, Evaluator evaluator) {
        try (PlanTasks tasks = PlanTasks.local(request, evaluator)) {
            return plan(request, tasks);
        }
    }

    /**
     * Plans with the simulations run by {@code tasks} (local threads or Spark): the same plan either
     * way, since results come back in a fixed order and the waves have a fixed size.
     *
     * @throws Interrupted when the calling thread is interrupted (Ctrl-C), with what was finished
     */
    public static Plan plan(PlanRequest request, PlanTasks tasks) {
        long start = System.nanoTime();
        List<Candidate> cands = request.candidates();
        Plan.CandidateResult[] results = new Plan.CandidateResult[cands.size()];
        try {
            List<Evaluator.Probe> probes = tasks.probes(cands);
            List<Integer> order = new ArrayList<>();
            int[] lower = new int[cands.size()];
            double[] bound = new double[cands.size()];
            for (int i = 0; i < cands.size(); i++) {
                Optional<Plan.CandidateResult> pruned = prune(request, cands.get(i), probes.get(i));
                if (pruned.isPresent()) {
                    results[i] = pruned.get();
                    continue;
                }
                lower[i] = lower(request, probes.get(i));
                bound[i] = bound(request.objective(), probes.get(i), lower[i]);
                order.add(i);
            }
            order.sort(Comparator.comparingDouble((Integer i) -> bound[i]));
            Point best = null;
            for (int from = 0; from < order.size(); from += WAVE) {
                List<Integer> wave = new ArrayList<>();
                for (int i : order.subList(from, Math.min(order.size(), from + WAVE))) {
                    double b = bound[i];
                    double v = best == null ? Double.NaN : request.objective().value(best);
                    if (best != null && !Double.isNaN(b) && !Double.isNaN(v) && b > v) {
                        results[i] = outclassed(request, cands.get(i), probes.get(i), lower[i], b, best);
                    } else {
                        wave.add(i);
                    }
                }
                List<Plan.CandidateResult> searched = tasks.searches(wave.stream()
                        .map(i -> new PlanTasks.Search(cands.get(i), probes.get(i), lower[i])).toList());
                for (int k = 0; k < wave.size(); k++) {
                    results[wave.get(k)] = searched.get(k);
                }
                best = Arrays.stream(results).filter(r -> r != null && r.minimal().isPresent()).map(r -> r.minimal().get())
                        .min(request.objective().order()).orElse(null);
            }
        } catch (InterruptedException e) {
            List<Plan.CandidateResult> finished = Arrays.stream(results).filter(r -> r != null).toList();
            throw new Interrupted(new Plan(request, finished, (System.nanoTime() - start) / 1e9));
        }
        return new Plan(request, Arrays.asList(results), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Ctrl-C during a plan. A plan is a search whose next step depends on the last, so it does not
     * resume; {@link #partial} holds the candidates finished, whose points are worth keeping.
     */
    public static final class Interrupted extends TokenFabException {
        private static final long serialVersionUID = 1L;
        private final transient Plan partial;

        Interrupted(Plan partial) {
            super("plan interrupted after " + partial.results().size() + " of " + partial.request().candidates().size()
                    + " candidates");
            this.partial = partial;
        }

        public Plan partial() {
            return partial;
        }
    }

    /** Replicas below this cannot complete the target rate even flat out. */
    static int lower(PlanRequest request, Evaluator.Probe probe) {
        // The probe's throughput includes its final drain (a shrinking batch), so it is raised by
        // PROBE_HEADROOM to stay an upper bound on a replica's capacity; 1e-9 absorbs rounding.
        double capacity = probe.requestsPerSecondPerReplica() * PROBE_HEADROOM;
        return capacity > 0 ? (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.ceil(request.targetRatePerSecond() / capacity - 1e-9)))
                : Integer.MAX_VALUE;
    }

    /** The objective's least possible value for the candidate (NaN: no bound, never skipped). */
    static double bound(Objective objective, Evaluator.Probe probe, int lower) {
        return switch (objective) {
            case COST -> lower * probe.usdPerHourPerReplica();
            case ACCELERATORS -> (double) lower * probe.acceleratorsPerReplica();
            case POWER -> Double.NaN;
        };
    }

    /** A candidate that does not fit, or lacks capacity even at the most replicas; else empty. */
    static Optional<Plan.CandidateResult> prune(PlanRequest request, Candidate c, Evaluator.Probe probe) {
        if (!probe.fits()) {
            return Optional.of(new Plan.CandidateResult(c, probe,
                    List.of(Point.pruned(c, 0, Point.Outcome.UNFIT, probe.unfitReason(), OptionalInt.empty())), Optional.empty(),
                    "does not fit: " + probe.unfitReason()));
        }
        int lower = lower(request, probe);
        int max = request.maxReplicas();
        if (lower <= max) {
            return Optional.empty();
        }
        double capacity = probe.requestsPerSecondPerReplica() * PROBE_HEADROOM;
        String verdict = String.format(Locale.ROOT,
                "too little capacity: one replica completes at most %.1f req/s, so %s req/s needs at least %s replicas, over the maximum of %d",
                capacity, Format.num(request.targetRatePerSecond(), 1),
                lower == Integer.MAX_VALUE ? "infinitely many" : String.valueOf(lower), max);
        return Optional.of(new Plan.CandidateResult(c, probe, List.of(Point.pruned(c, max, Point.Outcome.TOO_FEW,
                "not simulated: " + verdict, OptionalInt.of(max * probe.acceleratorsPerReplica()))), Optional.empty(), verdict));
    }

    private static Plan.CandidateResult outclassed(PlanRequest request, Candidate c, Evaluator.Probe probe, int lower, double bound,
            Point best) {
        Objective o = request.objective();
        double v = o.value(best);
        String verdict = String.format(Locale.ROOT, "not searched: it needs at least %d replicas, which already %s, %.1f%% more than the answer's %s",
                lower, o == Objective.COST ? "cost " + Format.usd(bound) + "/h" : "take " + (long) bound + " accelerators",
                100 * (bound / v - 1), o == Objective.COST ? Format.usd(v) + "/h" : (long) v + " accelerators");
        return new Plan.CandidateResult(c, probe, List.of(Point.pruned(c, lower, Point.Outcome.OUTCLASSED, verdict,
                OptionalInt.of(lower * probe.acceleratorsPerReplica()))), Optional.empty(), verdict);
    }

    /** The capacity-pruned counts below {@code lower}, then the replica search. */
    static Plan.CandidateResult search(PlanRequest request, Evaluator evaluator, Candidate c, Evaluator.Probe probe, int lower) {
        return search(request.targetRatePerSecond(), request.maxReplicas(), evaluator, c, probe, lower);
    }

    /** As above, for {@code target} req/s and at most {@code maxReplicas}: one task of {@link PlanTasks}. */
    static Plan.CandidateResult search(double target, int maxReplicas, Evaluator evaluator, Candidate c, Evaluator.Probe probe,
            int lower) {
        double capacity = probe.requestsPerSecondPerReplica() * PROBE_HEADROOM;
        List<Point> points = new ArrayList<>();
        if (lower > 1) {
            int n = lower - 1;
            points.add(Point.pruned(c, n, Point.Outcome.TOO_FEW, String.format(Locale.ROOT,
                    "not simulated: one replica completes at most %.1f req/s saturated (probe + 15%%), so %d serve at most %.1f < %s req/s",
                    capacity, n, n * capacity, Format.num(target, 1)), OptionalInt.of(n * probe.acceleratorsPerReplica())));
        }
        ReplicaSearch.Result r = ReplicaSearch.search(evaluator, c, lower, maxReplicas);
        points.addAll(r.evaluated());
        String verdict = "";
        if (r.minimal().isEmpty()) {
            Point last = r.evaluated().get(r.evaluated().size() - 1);
            verdict = last.outcome() == Point.Outcome.UNFIT ? "does not fit: " + last.reason()
                    : "SLO missed at " + last.replicas() + " replicas (the most allowed): " + last.reason();
        }
        return new Plan.CandidateResult(c, probe, points, r.minimal(), verdict);
    }
}
