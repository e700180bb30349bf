package org.tokenfab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.scenario.run.Comparison;
import org.tokenfab.scenario.run.Progress;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.ScenarioRun;
import org.tokenfab.scenario.run.SummaryJson;
import org.tokenfab.sim.TokenFabException;

/** {@code tokenfab run}: one scenario, a summary table and {@code summary.json}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Simulate one scenario, print a summary and write DIR/summary.json.",
                "A scenario with `variants:` runs each variant on the same seed (same traffic) and",
                "writes DIR/<variant>/summary.json and DIR/comparison.csv.", ""},
        footer = {"", "Examples:",
                "  tokenfab run                         # the bundled quickstart scenario",
                "  tokenfab run my.yaml --out results/a --seed 7",
                "  tokenfab run quickstart --set workload.arrivals.rate=20/s \\",
                "                          --set cluster.pools[0].replicas=4"})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "A scenario YAML file, or the name of a bundled scenario (see --list). Default: quickstart.")
    String scenario;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: out/<scenario name>/.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Master seed, replacing the scenario's `seed`.")
    Long seed;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override a scenario field by its YAML path (repeatable), e.g. workload.arrivals.rate=20/s or cluster.pools[0].replicas=8.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--list", description = "List the bundled scenarios and exit.")
    boolean list;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (list) {
            for (String name : ScenarioLibrary.names()) {
                out.println(name);
            }
            return 0;
        }
        List<String> sets = new ArrayList<>(overrides);
        if (seed != null) {
            sets.add("seed=" + seed);
        }
        Catalog catalog = Catalog.builtIn();
        ScenarioLibrary library = new ScenarioLibrary(new ScenarioLoader(catalog));
        Scenario s = library.resolve(scenario, sets);
        if (!s.variants().isEmpty()) {
            return runVariants(library, s, sets, out);
        }
        Progress progress = ProgressLine.forTerminal();
        RunResult result = new ScenarioRun(s).run(progress);
        if (progress instanceof ProgressLine line) {
            line.finish();
        }
        Path dir = this.out != null ? this.out : Path.of("out", s.name());
        Path written = SummaryJson.write(result, dir);
        out.print(SummaryTable.format(result, s));
        out.println();
        out.println("summary: " + written);
        return 0;
    }

    /** Every variant on the scenario's seed, one after another, then the comparison. */
    private int runVariants(ScenarioLibrary library, Scenario base, List<String> sets, java.io.PrintWriter out) {
        // Parse them all first: a bad override fails before anything runs.
        List<Scenario> scenarios = new ArrayList<>();
        for (Scenario.Variant v : base.variants()) {
            List<String> all = new ArrayList<>(sets);
            all.addAll(v.sets());
            try {
                scenarios.add(library.resolve(scenario, all));
            } catch (TokenFabException e) {
                throw new TokenFabException("variant '" + v.name() + "': " + e.getMessage(), e);
            }
        }
        Path dir = this.out != null ? this.out : Path.of("out", base.name());
        List<Comparison.Row> rows = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            String name = base.variants().get(i).name();
            List<String> changes = base.variants().get(i).sets();
            out.println("variant " + name + " (" + (changes.isEmpty() ? "the scenario as it is" : String.join(", ", changes)) + ")");
            out.flush();
            Progress progress = ProgressLine.forTerminal();
            RunResult result = new ScenarioRun(scenarios.get(i)).run(progress);
            if (progress instanceof ProgressLine line) {
                line.finish();
            }
            SummaryJson.write(result, dir.resolve(name));
            rows.add(new Comparison.Row(name, result));
        }
        out.println();
        out.print(Comparison.table(rows));
        out.println();
        out.println("comparison: " + Comparison.write(rows, dir) + " (summaries in " + dir + "/<variant>/)");
        return 0;
    }
}
