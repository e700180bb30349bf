package org.tokenfab.scenario.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import org.tokenfab.scenario.ArrivalSpec;
import org.tokenfab.scenario.PoolSpec;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.ScenarioRun;
import org.tokenfab.sim.TokenFabException;

/**
 * Evaluates points by simulation: the template scenario, re-read through the loader with the
 * candidate's overrides (so every check the loader and {@link ScenarioRun} make, memory fit and
 * allowed tp among them, applies unchanged), at the target rate, on the template's seed.
 */
public final class SimulationEvaluator implements Evaluator {
    /** Requests of the saturation probe, at most: enough to saturate one replica, cheap to run. */
    static final long PROBE_REQUESTS = 2000;

    private final ScenarioLibrary library;
    private final String scenario;
    private final List<String> baseSets;
    private final Slo slo;
    private final double targetRate;
    private final long requests;

    /**
     * @param scenario  the template, as {@code tokenfab run} takes it (file or bundled name)
     * @param baseSets  the user's own {@code --set} overrides, applied first
     */
    public SimulationEvaluator(ScenarioLibrary library, String scenario, List<String> baseSets, Slo slo,
            double targetRate, long requests) {
        this.library = library;
        this.scenario = scenario;
        this.baseSets = List.copyOf(baseSets);
        this.slo = slo;
        this.targetRate = targetRate;
        this.requests = requests;
    }

    /**
     * Checks that {@code s} can be a template: one colocated pool of fixed size, and an open-loop
     * arrival rate the plan can set. Returns the template's rate, req/s.
     */
    public static double checkTemplate(Scenario s) {
        List<PoolSpec> pools = s.cluster().pools();
        if (pools.size() != 1) {
            throw new TokenFabException(s.source() + ": plan needs a single-pool scenario as its template, but cluster.pools has "
                    + pools.size() + " pools (" + String.join(", ", pools.stream().map(PoolSpec::name).toList())
                    + "); plan one pool at a time, e.g. a copy of the scenario with only that pool");
        }
        PoolSpec p = pools.get(0);
        if (!p.role().equals("colocated")) {
            throw new TokenFabException(s.source() + ": cluster.pools[0] (" + p.name() + "): plan needs a colocated pool, not role "
                    + p.role());
        }
        if (p.autoscaling().isPresent()) {
            throw new TokenFabException(s.source() + ": cluster.pools[0] (" + p.name() + "): plan chooses the replica count itself; "
                    + "remove autoscaling from the template");
        }
        if (s.workload().trace().isPresent() || !s.workload().classes().isEmpty()
                || !(s.workload().arrivals() instanceof ArrivalSpec.OpenLoop open)) {
            throw new TokenFabException(s.source() + ": workload: plan sets the arrival rate, so the template needs a single "
                    + "open-loop workload (workload.arrivals with a process and a rate), not a trace, classes or closed-loop users");
        }
        return switch (open.process()) {
            case ArrivalSpec.Poisson p1 -> p1.ratePerSecond();
            case ArrivalSpec.Gamma g -> g.ratePerSecond();
            case ArrivalSpec.Weibull w -> w.ratePerSecond();
            case ArrivalSpec.Mmpp m -> throw new TokenFabException(s.source()
                    + ": workload.arrivals: plan sets workload.arrivals.rate, which an mmpp process does not have; use poisson, gamma or weibull");
        };
    }

    @Override
    public Point evaluate(Candidate c, int replicas) {
        RunResult r;
        try {
            r = new ScenarioRun(load(c, replicas, requests)).run();
        } catch (TokenFabException e) {
            return Point.pruned(c, replicas, Point.Outcome.UNFIT, shorten(e.getMessage()), OptionalInt.empty());
        }
        return Point.of(c, replicas, r, slo);
    }

    @Override
    public Probe probe(Candidate c) {
        try {
            Scenario s = load(c, 1, Math.min(requests, PROBE_REQUESTS));
            RunResult r = new ScenarioRun(s).run();
            int perReplica = r.pools().get(0).accelerators();
            double hours = r.simulatedSeconds() / 3600;
            double energyPerHour = hours > 0 && !Double.isNaN(r.facility().usdEnergy()) ? r.facility().usdEnergy() / hours : 0;
            return new Probe(r.simulatedSeconds() > 0 ? r.completed() / r.simulatedSeconds() : Double.NaN, null, perReplica,
                    r.facility().usdPerHour() - energyPerHour);
        } catch (TokenFabException e) {
            return Probe.unfit(shorten(e.getMessage()));
        }
    }

    private Scenario load(Candidate c, int replicas, long n) {
        List<String> sets = new ArrayList<>(baseSets);
        sets.add(String.format(Locale.ROOT, "workload.arrivals.rate=%s/s", rate(targetRate)));
        sets.add("requests=" + n);
        sets.addAll(c.sets(replicas));
        return library.resolve(scenario, sets);
    }

    static String rate(double r) {
        return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
    }

    /** Drops the "file: cluster.pools[0] (main): " prefix: the plan prints the candidate instead. */
    static String shorten(String message) {
        int i = message.indexOf("): ");
        return i >= 0 && message.substring(0, i).contains("cluster.pools[0]") ? message.substring(i + 3) : message;
    }
}
