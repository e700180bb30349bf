package org.tokenfab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.PlanSpec;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.Quantities;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.scenario.plan.Candidate;
import org.tokenfab.scenario.plan.Objective;
import org.tokenfab.scenario.plan.Plan;
import org.tokenfab.scenario.plan.PlanFiles;
import org.tokenfab.scenario.plan.PlanJob;
import org.tokenfab.scenario.plan.PlanTasks;
import org.tokenfab.scenario.plan.PlanReport;
import org.tokenfab.scenario.plan.PlanRequest;
import org.tokenfab.scenario.plan.Planner;
import org.tokenfab.scenario.plan.SimulationEvaluator;
import org.tokenfab.scenario.plan.Slo;
import org.tokenfab.scenario.sweep.PointExecutorProvider;
import org.tokenfab.sim.DidYouMean;
import org.tokenfab.sim.TokenFabException;

/**
 * {@code tokenfab plan}: the cheapest (or smallest, or least power-hungry) fleet that meets the
 * SLOs at a target load. This class only reads the question (flags over the scenario's
 * {@code plan:} section) and prints the answer; the search is {@link Planner}.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Find the fleet that meets latency SLOs at a target load for the least cost, accelerators or power.",
                "Searches accelerators x tensor parallelism (x max_seqs) and, for each, the fewest replicas meeting",
                "the SLOs (probe, then exponential search and bisection), by simulating the scenario with overrides.",
                "The scenario is the template: one colocated pool, an open-loop arrival rate; its `requests` is the",
                "number simulated per point. Its `plan:` section, if any, gives the defaults; flags replace them.",
                "Writes DIR/plan.csv (every point, pruned ones with the reason) and DIR/plan.json (the answer).", ""},
        footer = {"", "Examples:",
                "  tokenfab plan plan-chat-400rps                 # the bundled question, no flags needed",
                "  tokenfab plan plan-chat-400rps --minimise accelerators",
                "  tokenfab plan quickstart --target-rate 50/s --slo ttft_p99=1s,tpot_p99=30ms \\",
                "                --candidates 'accelerator=h100-sxm,h200;tp=1,2' --max-replicas 32",
                "  tokenfab plan my.yaml --candidates 'accelerator=b200;tp=2,4;max_seqs=64,128,256'",
                "", "A configuration meets the SLOs when its p99 TTFT and p99 TPOT are at most the thresholds, its",
                "goodput share (if given) at least the threshold, and no request was rejected.",
                "Exit code 4 when no candidate meets the SLOs (the files and the reasons are still written).",
                "Ctrl-C stops the plan and writes the points finished so far to DIR/plan-partial.csv; a plan",
                "does not resume (each step depends on the last), but rerunning it finds the same answer."})
final class PlanCommand implements Callable<Integer> {
    static final int DEFAULT_MAX_REPLICAS = 64;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The template: a scenario YAML file or a bundled scenario name.")
    String scenario;

    @Option(names = "--target-rate", paramLabel = "R", description = "Load to serve, e.g. 400/s or 24000/min. Default: plan.target_rate, else the scenario's rate.")
    String targetRate;

    @Option(names = "--slo", paramLabel = "K=V,...", description = "Targets: ttft_p99=DURATION, tpot_p99=DURATION, goodput=SHARE, e.g. ttft_p99=2s,tpot_p99=50ms. Given keys replace plan.slo's.")
    String slo;

    @Option(names = "--candidates", paramLabel = "AXIS=V,...;...",
            description = "What to try: accelerator=IDS;tp=NS;max_seqs=NS, e.g. 'accelerator=h200,b200;tp=1,2,4,8'. Axes not given come from plan.candidates, else the template's pool.")
    String candidates;

    @Option(names = {"--minimise", "--minimize"}, paramLabel = "OBJECTIVE", description = "cost ($/h, default), accelerators, or power (facility mean W).")
    String minimise;

    @Option(names = "--max-replicas", paramLabel = "N", description = "Most replicas tried per configuration. Default: plan.max_replicas, else " + DEFAULT_MAX_REPLICAS + ".")
    Integer maxReplicas;

    @Option(names = "--threads", paramLabel = "N", description = "Simulations at once with the local engine. Default: the available cores.")
    Integer threads;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "Where simulations run: local (this machine's threads, default) or spark (each probe and replica search a Spark task; same plan).")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = Engines.MASTER_HELP)
    String master;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a template field first (repeatable), as for `tokenfab run`.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: out/<scenario name>/plan/.")
    Path out;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        Optional<PointExecutorProvider> provider = Engines.provider(engine, master);
        ScenarioLibrary library = new ScenarioLibrary(new ScenarioLoader(Catalog.builtIn()));
        Scenario template = library.resolve(scenario, overrides);
        double templateRate = SimulationEvaluator.checkTemplate(template);
        PlanSpec section = template.plan();
        PlanRequest request = request(template, section, templateRate);
        if (template.stop().requests() == Long.MAX_VALUE) {
            throw new TokenFabException(template.source() + ": requests: plan simulates a bounded number of requests per point; "
                    + "add `requests: N` to the template (e.g. requests: 20000) or --set requests=20000");
        }
        SimulationEvaluator evaluator = new SimulationEvaluator(library, scenario, overrides, request.slo(),
                request.targetRatePerSecond(), template.stop().requests());
        Path dir = this.out != null ? this.out : Path.of("out", template.name(), "plan");
        Optional<PointExecutorProvider.Engine> remote = provider.map(p -> p.open(master));
        try (PlanTasks tasks = remote.map(e -> e.planTasks(PlanJob.of(scenario, overrides, request, template.stop().requests())))
                .orElseGet(() -> PlanTasks.local(request, evaluator))) {
            out.println("planning " + template.name() + ": " + request.candidates().size() + " candidates, "
                    + template.stop().requests() + " requests per point, " + tasks.describe() + " ...");
            out.flush();
            Plan plan = plan(request, tasks, dir);
            if (plan == null) {
                return SweepCommand.EXIT_INTERRUPTED;
            }
            PlanFiles.write(plan, template.name(), dir);
            out.print(PlanReport.text(plan, template.name(), tasks.describe()));
            out.println();
            out.println("plan: " + dir.resolve("plan.csv") + ", " + dir.resolve("plan.json"));
            return plan.winner().isPresent() ? 0 : TokenFab.EXIT_NEGATIVE_RESULT;
        } finally {
            remote.ifPresent(PointExecutorProvider.Engine::close);
        }
    }

    /** The plan, or null after Ctrl-C (then the points finished are written and the user told). */
    private Plan plan(PlanRequest request, PlanTasks tasks, Path dir) {
        Thread planner = Thread.currentThread();
        InterruptGuard guard = new InterruptGuard(planner::interrupt);
        try {
            return Planner.plan(request, tasks);
        } catch (Planner.Interrupted e) {
            Path partial = PlanFiles.writePartial(e.partial(), dir);
            var err = spec.commandLine().getErr();
            err.println();
            err.println("tokenfab: " + e.getMessage() + "; the points finished are in " + partial
                    + "; a plan does not resume: run the same command again (it finds the same answer)");
            err.flush();
            return null;
        } catch (TokenFabException e) {
            if (!guard.fired()) {
                throw e;
            }
            // Spark's own Ctrl-C hook stopped its context before the planner saw the interruption
            spec.commandLine().getErr().println("tokenfab: plan interrupted (" + e.getMessage() + "); nothing was written;"
                    + " run the same command again (it finds the same answer)");
            spec.commandLine().getErr().flush();
            return null;
        } finally {
            Thread.interrupted(); // a Ctrl-C that raced the end must not leak into what follows
            guard.close();
        }
    }

    private PlanRequest request(Scenario template, PlanSpec section, double templateRate) {
        double rate = templateRate;
        if (section.targetRatePerSecond().isPresent()) {
            rate = section.targetRatePerSecond().getAsDouble();
        }
        if (targetRate != null) {
            OptionalDouble r = Quantities.ratePerSecond(targetRate);
            if (r.isEmpty() || !(r.getAsDouble() > 0)) {
                throw new TokenFabException("--target-rate: '" + targetRate + "' is not a positive rate; expected " + Quantities.RATE_FORMS);
            }
            rate = r.getAsDouble();
        }
        Slo base = null;
        if (section.ttftP99Ms().isPresent() || section.tpotP99Ms().isPresent() || section.goodputShare().isPresent()) {
            base = new Slo(section.ttftP99Ms().orElse(Double.NaN), section.tpotP99Ms().orElse(Double.NaN),
                    section.goodputShare().orElse(Double.NaN));
        }
        Slo s = slo != null ? Slo.parse(slo, base) : base;
        if (s == null) {
            throw new TokenFabException("no SLO: give --slo ttft_p99=2s,tpot_p99=50ms or a plan.slo section in the scenario");
        }
        Objective objective = Objective.parse(minimise != null ? minimise : section.minimise().orElse("cost"));
        int max = maxReplicas != null ? maxReplicas : section.maxReplicas().orElse(DEFAULT_MAX_REPLICAS);
        if (max < 1) {
            throw new TokenFabException("--max-replicas: " + max + " is not allowed; give at least 1");
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new TokenFabException("--threads: " + n + " is not allowed; give at least 1");
        }
        return new PlanRequest(rate, s, candidates(template, section), objective, max, n);
    }

    /** accelerators x tp x max_seqs, flags over the section over the template's pool. */
    private List<Candidate> candidates(Scenario template, PlanSpec section) {
        var pool = template.cluster().pools().get(0);
        Map<String, List<String>> axes = parseCandidates(candidates);
        List<String> accelerators = axes.containsKey("accelerator") ? axes.get("accelerator")
                : !section.accelerators().isEmpty() ? section.accelerators() : List.of(pool.accelerator());
        List<Integer> tps = axes.containsKey("tp") ? integers("tp", axes.get("tp"))
                : !section.tps().isEmpty() ? section.tps() : List.of(pool.parallelism().tp());
        List<Integer> maxSeqs = axes.containsKey("max_seqs") ? integers("max_seqs", axes.get("max_seqs")) : section.maxSeqs();
        List<String> known = template.catalog().acceleratorIds();
        for (String a : accelerators) {
            if (!known.contains(a)) {
                throw new TokenFabException("candidates: unknown accelerator '" + a + "'" + DidYouMean.clause(a, known)
                        + "; see `tokenfab catalog accelerators`");
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (String a : accelerators.stream().distinct().toList()) {
            for (int tp : tps.stream().distinct().toList()) {
                if (maxSeqs.isEmpty()) {
                    out.add(new Candidate(a, tp, OptionalInt.empty()));
                }
                for (int m : maxSeqs.stream().distinct().toList()) {
                    out.add(new Candidate(a, tp, OptionalInt.of(m)));
                }
            }
        }
        return out;
    }

    static final List<String> AXES = List.of("accelerator", "tp", "max_seqs");

    static Map<String, List<String>> parseCandidates(String text) {
        Map<String, List<String>> axes = new LinkedHashMap<>();
        if (text == null) {
            return axes;
        }
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new TokenFabException("--candidates: '" + part.strip() + "' is not AXIS=V,...; expected e.g. 'accelerator=h200,b200;tp=1,2,4,8' (axes: "
                        + String.join(", ", AXES) + ")");
            }
            String axis = part.substring(0, eq).strip();
            if (!AXES.contains(axis)) {
                throw new TokenFabException("--candidates: unknown axis '" + axis + "'" + DidYouMean.clause(axis, AXES)
                        + "; allowed: " + String.join(", ", AXES));
            }
            List<String> values = new ArrayList<>();
            for (String v : part.substring(eq + 1).split(",")) {
                if (!v.isBlank()) {
                    values.add(v.strip());
                }
            }
            if (values.isEmpty()) {
                throw new TokenFabException("--candidates: " + axis + " has no values");
            }
            axes.put(axis, values);
        }
        return axes;
    }

    private static List<Integer> integers(String axis, List<String> values) {
        List<Integer> out = new ArrayList<>();
        for (String v : values) {
            try {
                int n = Integer.parseInt(v);
                if (n >= 1) {
                    out.add(n);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TokenFabException("--candidates: " + axis + "=" + v + " is not a positive whole number");
        }
        return out;
    }
}
