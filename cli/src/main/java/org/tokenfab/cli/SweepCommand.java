package org.tokenfab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
import org.tokenfab.scenario.run.Progress;
import org.tokenfab.scenario.run.ScenarioRun;
import org.tokenfab.scenario.sweep.PointExecutorProvider;
import org.tokenfab.scenario.sweep.PointSummaries;
import org.tokenfab.scenario.sweep.SweepGrid;
import org.tokenfab.scenario.sweep.SweepReport;
import org.tokenfab.scenario.sweep.SweepRunner;
import org.tokenfab.sim.TokenFabException;

/**
 * {@code tokenfab sweep}: one question over a grid of configurations. Parses every point first (a
 * bad value fails before hours of simulation), runs them on all cores, and ends with the Pareto
 * frontiers, since the answer is rarely one number but the set of configurations worth buying.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a scenario over a grid of field values: the cartesian product of every",
                "--sweep and the scenario's `sweep:` section, in parallel, on the scenario's seed.",
                "Writes DIR/sweep.csv (one row per point, rewritten as points finish),",
                "DIR/points.jsonl (each point's summary.json on one line, in point order),",
                "DIR/sweep.json (the grid) and the Pareto frontiers",
                "DIR/pareto.csv and DIR/pareto-*.svg. Run it again with the same grid and --out",
                "to finish an interrupted sweep: finished points are kept.", ""},
        footer = {"", "Examples:",
                "  tokenfab sweep memory-wall            # the scenario's own sweep: section",
                "  tokenfab sweep quickstart --sweep cluster.pools[0].replicas=1,2,4 \\",
                "      --sweep workload.arrivals.rate=5/s,10/s,20/s",
                "  tokenfab sweep my.yaml --out results/tp --threads 4 \\",
                "      --sweep 'cluster.pools[0].parallelism={tp: 1},{tp: 2}'",
                "  tokenfab sweep memory-wall --engine spark --master 'local[2]'",
                "",
                "Values are split on commas outside {...}, [...] and quotes; each is read as",
                "YAML, like --set. Points are numbered from 0, the last axis varying fastest.",
                "Ctrl-C stops the sweep: finished points stay in DIR/sweep.csv, and the same",
                "command resumes it. --engine spark runs each point as a Spark task and writes",
                "the same sweep.csv as a local run; it needs the spark module, which ./tokenfab",
                "builds on first use (README: \"Sweeps, plans and validation on Spark\")."})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario YAML file or the name of a bundled scenario.")
    String scenario;

    @Option(names = "--sweep", paramLabel = "PATH=V1,V2,...",
            description = "Sweep a field over values (repeatable). Replaces the scenario's axis on the same path, or adds one.")
    List<String> axes = new ArrayList<>();

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a field at every point (repeatable), as in `run`.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Master seed of every point, replacing the scenario's.")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: out/<scenario name>-sweep/.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Points run at once with the local engine. Default: the number of processors (${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--engine", paramLabel = "ENGINE", description = Engines.ENGINE_HELP)
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = Engines.MASTER_HELP)
    String master;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<PointExecutorProvider> provider = Engines.provider(engine, master);
        List<String> sets = new ArrayList<>(overrides);
        if (seed != null) {
            sets.add("seed=" + seed);
        }
        ScenarioLibrary library = new ScenarioLibrary(new ScenarioLoader(Catalog.builtIn()));
        Scenario base = library.resolve(scenario, sets);
        if (!base.variants().isEmpty()) {
            throw new TokenFabException(base.source() + ": variants: a sweep runs the scenario itself at every point;"
                    + " sweep the field the variants change instead (--sweep PATH=V1,V2), or remove `variants:`");
        }
        List<Scenario.SweepAxis> cli = axes.stream().map(SweepGrid::parseAxis).toList();
        SweepGrid grid = SweepGrid.of(base.sweep(), cli);
        for (String set : overrides) {
            String path = set.contains("=") ? set.substring(0, set.indexOf('=')).strip() : set;
            if (grid.paths().contains(path)) {
                throw new TokenFabException("--set " + set + ": " + path + " is swept, so every point would replace it;"
                        + " to fix it at one value, sweep that value alone: --sweep " + path + "=VALUE");
            }
        }

        List<Scenario> points = new ArrayList<>(grid.size());
        for (SweepGrid.Point p : grid.points()) {
            List<String> all = new ArrayList<>(sets);
            all.addAll(grid.sets(p));
            try {
                Scenario point = library.resolve(scenario, all);
                new ScenarioRun(point); // builds the replicas, so a layout that cannot run fails now, not mid-sweep
                points.add(point);
            } catch (TokenFabException e) {
                throw new TokenFabException("sweep point " + p.index() + " (" + grid.describe(p) + "): " + e.getMessage(), e);
            }
        }
        Path dir = this.out != null ? this.out : Path.of("out", base.name() + "-sweep");
        SweepRunner.Identity identity = new SweepRunner.Identity(scenario, scenarioHash(scenario), sets, grid);
        Optional<PointExecutorProvider.Engine> remote = provider.map(p -> p.open(master));
        try {
            SweepRunner runner = remote.<SweepRunner>map(e -> new SweepRunner(identity, dir, e))
                    .orElseGet(() -> new SweepRunner(identity, points, dir, threads, s -> new ScenarioRun(s).run(Progress.NONE)));
            return run(runner, grid, base.name(), dir, out);
        } finally {
            remote.ifPresent(PointExecutorProvider.Engine::close);
        }
    }

    private int run(SweepRunner runner, SweepGrid grid, String name, Path dir, PrintWriter out) {
        out.printf(Locale.ROOT, "sweep %s: %d point%s over %s, %s -> %s%n", name, grid.size(),
                grid.size() == 1 ? "" : "s", String.join(" x ", grid.axes().stream()
                        .map(a -> a.path() + " (" + a.values().size() + ")").toList()),
                runner.engine(), dir);
        out.flush();
        long start = System.nanoTime();
        InterruptGuard guard = new InterruptGuard(runner::stop);
        SweepRunner.Outcome outcome;
        try {
            outcome = runner.run(SweepProgress.forTerminal());
        } catch (TokenFabException e) {
            if (!guard.fired()) {
                guard.close();
                throw e;
            }
            // Ctrl-C: sweep.csv holds every finished point; say so before the JVM exits (130)
            PrintWriter err = spec.commandLine().getErr();
            err.println();
            err.println("tokenfab: " + e.getMessage());
            err.flush();
            guard.close();
            return EXIT_INTERRUPTED;
        }
        guard.close();
        double seconds = (System.nanoTime() - start) / 1e9;

        SweepReport report = new SweepReport(grid, outcome.rows());
        out.println();
        out.print(report.pointsTable());
        out.println();
        out.print(report.table());
        List<Path> written = report.write(dir);
        out.printf(Locale.ROOT, "%d point%s run in %.1f s%s%n", outcome.ran(), outcome.ran() == 1 ? "" : "s", seconds,
                outcome.kept() > 0 ? ", " + outcome.kept() + " kept from an earlier run" : "");
        out.println("sweep: " + outcome.csv() + " (summaries in " + dir.resolve(PointSummaries.FILE) + ")");
        out.println("pareto: " + written.get(0) + ", " + String.join(", ",
                written.subList(1, written.size()).stream().map(p -> p.getFileName().toString()).toList()));
        out.flush();
        return 0;
    }

    /** Exit code after Ctrl-C, as a shell reports SIGINT. */
    static final int EXIT_INTERRUPTED = 130;

    /** The scenario's text, hashed into the grid's identity so an edited file is not resumed. */
    private static String scenarioHash(String nameOrPath) {
        Path file = Path.of(nameOrPath);
        String text;
        if (Files.isRegularFile(file)) {
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new TokenFabException(file + ": cannot read: " + e.getMessage(), e);
            }
        } else {
            text = ScenarioLibrary.text(nameOrPath.endsWith(".yaml") ? nameOrPath.substring(0, nameOrPath.length() - 5) : nameOrPath);
        }
        return SweepGrid.sha256(text);
    }
}
