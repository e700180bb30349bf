package org.tokenfab.scenario.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.tokenfab.sim.TokenFabException;

/** The search against a synthetic monotone oracle: no simulation, so exact and fast. */
class PlannerTest {
    /**
     * A candidate meets the SLOs from {@code need} replicas on; a replica completes
     * {@code capacity} req/s flat out, costs {@code usd}/h and draws {@code watts}.
     */
    record Spec(int need, double capacity, double usd, double watts, String unfit) {
    }

    static final class Oracle implements Evaluator {
        final Map<String, Spec> specs;
        final AtomicInteger runs = new AtomicInteger();

        Oracle(Map<String, Spec> specs) {
            this.specs = specs;
        }

        @Override
        public Point evaluate(Candidate c, int replicas) {
            runs.incrementAndGet();
            Spec s = specs.get(c.label());
            boolean met = replicas >= s.need;
            return new Point(c, replicas, met ? Point.Outcome.MET : Point.Outcome.MISSED, met ? "" : "p99 TTFT too high",
                    replicas * c.tp(), met ? 100 : 5000, 20, 1, 0, replicas * s.usd, 1, 1, replicas * s.watts, 1, 0);
        }

        @Override
        public Probe probe(Candidate c) {
            Spec s = specs.get(c.label());
            return s.unfit != null ? Probe.unfit(s.unfit) : new Probe(s.capacity, null, c.tp(), s.usd);
        }
    }

    static Candidate cand(String acc, int tp) {
        return new Candidate(acc, tp, OptionalInt.empty());
    }

    static final Slo SLO = new Slo(2000, 50, Double.NaN);

    @Test
    void bisectionFindsTheMinimalReplicaCountInLogarithmicallyManyRuns() {
        for (int need = 1; need <= 100; need++) {
            Oracle o = new Oracle(Map.of("x tp1", new Spec(need, 1, 1, 1, null)));
            ReplicaSearch.Result r = ReplicaSearch.search(o, cand("x", 1), 1, 100);
            assertThat(r.minimal()).as("need %d", need).isPresent();
            assertThat(r.minimal().get().replicas()).as("need %d", need).isEqualTo(need);
            assertThat(o.runs.get()).as("runs for need %d", need).isLessThanOrEqualTo(2 * 7 + 1);
        }
    }

    @Test
    void searchStartsAtTheLowerBoundAndReportsAMissAtTheMaximum() {
        Oracle o = new Oracle(Map.of("x tp1", new Spec(30, 1, 1, 1, null)));
        ReplicaSearch.Result r = ReplicaSearch.search(o, cand("x", 1), 30, 64);
        assertThat(r.evaluated()).hasSize(1);
        assertThat(r.minimal().get().replicas()).isEqualTo(30);

        Oracle never = new Oracle(Map.of("x tp1", new Spec(1000, 1, 1, 1, null)));
        ReplicaSearch.Result miss = ReplicaSearch.search(never, cand("x", 1), 10, 64);
        assertThat(miss.minimal()).isEmpty();
        assertThat(miss.evaluated().get(miss.evaluated().size() - 1).replicas()).isEqualTo(64);
        assertThatThrownBy(() -> ReplicaSearch.search(o, cand("x", 1), 0, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pruningReasonsAreRecorded() {
        Oracle o = new Oracle(Map.of(
                "small tp1", new Spec(5, 10, 1, 100, "needs 141.1 GB of weights per replica"),
                "slow tp1", new Spec(500, 0.5, 1, 100, null),
                "ok tp1", new Spec(12, 10, 1, 100, null)));
        Plan plan = Planner.plan(new PlanRequest(100, SLO, List.of(cand("small", 1), cand("slow", 1), cand("ok", 1)),
                Objective.COST, 64, 2), o);
        assertThat(plan.results().get(0).verdict()).startsWith("does not fit: needs 141.1 GB");
        assertThat(plan.results().get(0).points().get(0).outcome()).isEqualTo(Point.Outcome.UNFIT);
        assertThat(plan.results().get(1).verdict()).contains("too little capacity", "needs at least 174 replicas", "maximum of 64");
        // 100 req/s at 11.5 req/s per replica (probe + 15%): 8 replicas cannot, so the search starts at 9.
        Plan.CandidateResult ok = plan.results().get(2);
        assertThat(ok.points().get(0).outcome()).isEqualTo(Point.Outcome.TOO_FEW);
        assertThat(ok.points().get(0).replicas()).isEqualTo(8);
        assertThat(ok.points().get(0).reason()).contains("so 8 serve at most 92.0 < 100.0 req/s");
        assertThat(plan.winner().get().replicas()).isEqualTo(12);
    }

    @Test
    void theObjectivePicksItsOwnWinner() {
        // cheap: 10 x tp1 at $1 = $10/h, 10 accelerators, 10 kW.
        // dense: 2 x tp4 at $8 = $16/h, 8 accelerators, 12 kW.
        // frugal: 12 x tp1 at $1.5 = $18/h, 12 accelerators, 6 kW.
        Map<String, Spec> specs = Map.of(
                "cheap tp1", new Spec(10, 100, 1, 1000, null),
                "dense tp4", new Spec(2, 100, 8, 6000, null),
                "frugal tp1", new Spec(12, 100, 1.5, 500, null));
        List<Candidate> cands = List.of(cand("cheap", 1), cand("dense", 4), cand("frugal", 1));
        assertThat(winner(specs, cands, Objective.COST)).isEqualTo("cheap tp1");
        assertThat(winner(specs, cands, Objective.ACCELERATORS)).isEqualTo("dense tp4");
        assertThat(winner(specs, cands, Objective.POWER)).isEqualTo("frugal tp1");
    }

    @Test
    void candidatesThatCannotBeatTheAnswerAreNotSearchedAndTheResultDoesNotDependOnThreads() {
        Map<String, Spec> specs = new java.util.HashMap<>();
        List<Candidate> cands = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            specs.put("a" + i + " tp1", new Spec(10 + i, 2, 1 + i, 100, null));
            cands.add(cand("a" + i, 1));
        }
        Plan one = Planner.plan(new PlanRequest(10, SLO, cands, Objective.COST, 64, 1), new Oracle(specs));
        Plan four = Planner.plan(new PlanRequest(10, SLO, cands, Objective.COST, 64, 4), new Oracle(specs));
        assertThat(one.winner().get().candidate().accelerator()).isEqualTo("a0");
        assertThat(PlanFiles.csv(one)).isEqualTo(PlanFiles.csv(four));
        // a8 needs at least 5 replicas at $9 = $45/h, more than a0's 10 x $1.
        assertThat(one.results().get(8).verdict()).startsWith("not searched: it needs at least 5 replicas, which already cost $45.00/h");
        assertThat(one.results().get(8).points().get(0).outcome()).isEqualTo(Point.Outcome.OUTCLASSED);
    }

    private static String winner(Map<String, Spec> specs, List<Candidate> cands, Objective objective) {
        return Planner.plan(new PlanRequest(1, SLO, cands, objective, 64, 2), new Oracle(specs)).winner().get().candidate().label();
    }

    @Test
    void sloAndObjectiveParsingSayWhatIsAllowed() {
        Slo s = Slo.parse("ttft_p99=2s,tpot_p99=50ms", null);
        assertThat(s.ttftP99Ms()).isEqualTo(2000);
        assertThat(s.tpotP99Ms()).isEqualTo(50);
        assertThat(Slo.parse("tpot_p99=40ms", s).ttftP99Ms()).isEqualTo(2000);
        assertThatThrownBy(() -> Slo.parse("ttft_p9=2s", null)).isInstanceOf(TokenFabException.class)
                .hasMessageContaining("did you mean 'ttft_p99'");
        assertThatThrownBy(() -> Slo.parse("ttft_p99=fast", null)).hasMessageContaining("not a positive duration");
        assertThatThrownBy(() -> Slo.parse("goodput=2", null)).hasMessageContaining("share in (0, 1]");
        assertThatThrownBy(() -> Objective.parse("cots")).hasMessageContaining("did you mean 'cost'");
    }

    @Test
    void anInterruptedPlanKeepsTheCandidatesFinished() {
        // "x" does not fit (settled by its probe); Ctrl-C arrives while "y" is being searched
        Oracle o = new Oracle(Map.of("x tp1", new Spec(1, 1, 1, 1, "too big"), "y tp1", new Spec(4, 1, 1, 1, null)));
        PlanRequest request = new PlanRequest(2, SLO, List.of(cand("x", 1), cand("y", 1)), Objective.COST, 16, 2);
        PlanTasks interrupted = new PlanTasks() {
            @Override
            public List<Evaluator.Probe> probes(List<Candidate> candidates) {
                return candidates.stream().map(o::probe).toList();
            }

            @Override
            public List<Plan.CandidateResult> searches(List<Search> searches) throws InterruptedException {
                throw new InterruptedException();
            }

            @Override
            public String describe() {
                return "test";
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> Planner.plan(request, interrupted))
                .isInstanceOfSatisfying(Planner.Interrupted.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("plan interrupted after 1 of 2 candidates");
                    assertThat(e.partial().results()).extracting(r -> r.candidate().label()).containsExactly("x tp1");
                    assertThat(PlanFiles.csv(e.partial())).contains("x,1,,0,0,unfit,");
                });
    }
}
