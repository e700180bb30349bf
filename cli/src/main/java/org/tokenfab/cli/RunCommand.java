package org.tokenfab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.tokenfab.scenario.run.Comparison;
import org.tokenfab.scenario.load.Quantities;
import org.tokenfab.scenario.run.Progress;
import org.tokenfab.scenario.run.Replications;
import org.tokenfab.scenario.run.TimeSeries;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.ScenarioRun;
import org.tokenfab.scenario.sweep.PointExecutorProvider;
import org.tokenfab.sim.TokenFabException;

/**
 * {@code tokenfab run}: one scenario, a summary table, {@code summary.json}, {@code timeseries.csv}
 * and {@code report.html} (optionally {@code requests.csv}); or N replications with confidence intervals.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Simulate one scenario, print a summary and write DIR/summary.json, DIR/timeseries.csv,",
                "DIR/report.html and DIR/charts/*.svg (and DIR/requests.csv with --requests-csv).",
                "A scenario with `variants:` runs each variant on the same seed (same traffic) and",
                "writes DIR/<variant>/summary.json and DIR/comparison.csv.", ""},
        footer = {"", "Examples:",
                "  tokenfab run                         # the bundled quickstart scenario",
                "  tokenfab run my.yaml --out results/a --seed 7",
                "  tokenfab run quickstart --interval 5s --requests-csv",
                "  tokenfab run quickstart --replications 8 --warmup 30s",
                "  tokenfab run quickstart --replications 8 --engine spark --master 'local[4]'",
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

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "Interval of DIR/timeseries.csv in simulated time, e.g. 1s, 10s, 1m. Default: 10s.")
    String interval;

    @Option(names = "--requests-csv", description = "Also write DIR/requests.csv: one row per completed or rejected request.")
    boolean requestsCsv;

    @Option(names = "--no-report", description = "Skip DIR/report.html and DIR/charts/*.svg (written by default).")
    boolean noReport;

    @Option(names = "--replications", paramLabel = "N",
            description = "Run N replications on seeds seed, seed+1, ... in parallel; write DIR/rep-K/ and DIR/replications.json/csv with 95%% confidence intervals.")
    Integer replications;

    @Option(names = "--max-events", paramLabel = "N",
            description = "Stop after about N engine events (checked every 4,096) and write partial results, flagged "
                    + "\"partial\": true in summary.json; exit code 3.")
    Long maxEvents;

    /** Checked before anything runs, so a bad value is a clean error. */
    private void checkBounds() {
        if (maxEvents != null && maxEvents < 1) {
            throw new TokenFabException("--max-events must be >= 1, was " + maxEvents);
        }
    }

    @Option(names = "--max-wall", paramLabel = "DURATION",
            description = "Stop after this much real time (e.g. 30s, 5m) and write partial results; exit code 3.")
    String maxWall;

    @Option(names = "--warmup", paramLabel = "DURATION",
            description = "Exclude the latencies of requests arriving in the first DURATION of simulated time (e.g. 60s).")
    String warmup;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "Where --replications run: local (this machine's threads, default) or spark (each replication a"
                    + " Spark task; the files are the local run's). Needs --replications.")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = Engines.MASTER_HELP)
    String master;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        checkBounds();
        if (list) {
            for (String name : ScenarioLibrary.names()) {
                out.println(name);
            }
            return 0;
        }
        Optional<PointExecutorProvider> provider = Engines.provider(engine, master);
        if (provider.isPresent() && replications == null) {
            throw new TokenFabException("--engine " + engine + " runs --replications; a single run or variants run here"
                    + " (drop --engine, or add --replications N)");
        }
        List<String> sets = new ArrayList<>(overrides);
        if (seed != null) {
            sets.add("seed=" + seed);
        }
        Catalog catalog = Catalog.builtIn();
        ScenarioLibrary library = new ScenarioLibrary(new ScenarioLoader(catalog));
        Scenario s = library.resolve(scenario, sets);
        // Before anything runs: a scenario of billions of events should say so now, not after an hour.
        EventEstimate.warning(s, maxEvents).ifPresent(w -> {
            spec.commandLine().getErr().println(w);
            spec.commandLine().getErr().flush();
        });
        long intervalNanos = duration("--interval", interval, TimeSeries.DEFAULT_INTERVAL_NANOS);
        long warmupNanos = duration("--warmup", warmup, 0);
        if (intervalNanos <= 0) {
            throw new TokenFabException("--interval must be > 0, was '" + interval + "'");
        }
        RunSettings settings = new RunSettings(intervalNanos, warmupNanos, maxEvents == null ? Long.MAX_VALUE : maxEvents,
                maxWall == null ? Long.MAX_VALUE : positive("--max-wall", duration("--max-wall", maxWall, 0)), requestsCsv,
                noReport, scenarioText(), overrides);
        if (!s.variants().isEmpty()) {
            if (replications != null) {
                throw new TokenFabException("--replications runs one scenario; this one has `variants:` (run a variant with --set instead)");
            }
            return runVariants(library, s, sets, out, settings);
        }
        Path dir = this.out != null ? this.out : Path.of("out", s.name());
        if (replications != null) {
            return runReplications(library, s, new ReplicationTask(scenario, sets, s.seed(), settings), dir, provider, out);
        }
        Progress progress = ProgressLine.forTerminal();
        ScenarioRun run = settings.configure(new ScenarioRun(s), dir);
        RunResult result;
        // Everything is written and printed before the guard closes: after Ctrl-C the JVM exits then.
        try (InterruptGuard guard = new InterruptGuard(run)) {
            result = run.run(progress);
            if (progress instanceof ProgressLine line) {
                line.finish();
            }
            Path written = settings.write(run, result, dir);
            out.print(SummaryTable.format(result, s));
            out.println();
            if (warmupNanos > 0) {
                out.println("warm-up: latencies exclude requests arriving before " + warmup);
            }
            if (result.partial()) {
                out.println("PARTIAL: stopped by " + result.stoppedBy() + " at " + String.format(java.util.Locale.ROOT, "%.1f",
                        result.simulatedSeconds()) + " s of simulated time; the figures cover what finished by then"
                        + " (summary.json says \"partial\": true)");
            }
            out.println("summary: " + written);
            out.println("time series: " + dir.resolve("timeseries.csv") + (requestsCsv ? " · requests: " + dir.resolve("requests.csv") : "")
                    + (noReport ? "" : " · report: " + dir.resolve("report.html")));
            out.flush();
        }
        return result.partial() ? EXIT_STOPPED_BY_BOUND : 0;
    }

    /** Exit code of a run that a bound (--max-events, --max-wall, the memory guard) stopped early. */
    static final int EXIT_STOPPED_BY_BOUND = 3;

    /**
     * N independent replications on seeds seed, seed+1, ... (each its own single-threaded run): on a
     * fixed pool of one thread per core, or one engine task each (results in replication order, as
     * here); each writes DIR/rep-K/, the estimates go to DIR/replications.*.
     */
    private int runReplications(ScenarioLibrary library, Scenario base, ReplicationTask task, Path dir,
            Optional<PointExecutorProvider> provider, java.io.PrintWriter out) {
        if (replications < 1) {
            throw new TokenFabException("--replications must be >= 1, was " + replications);
        }
        // Parse every replication's scenario up front, on this thread: errors come before any run.
        List<Scenario> scenarios = new ArrayList<>();
        for (int k = 0; k < replications; k++) {
            scenarios.add(library.resolve(scenario, task.sets(k)));
        }
        String seeds = base.name() + ": " + replications + " replications on seeds " + base.seed() + ".."
                + (base.seed() + replications - 1);
        RunSettings settings = task.settings();
        List<RunResult> results = new ArrayList<>();
        if (provider.isPresent()) {
            List<String> indices = java.util.stream.IntStream.range(0, replications).mapToObj(String::valueOf).toList();
            List<ReplicationTask.Output> outputs;
            try (PointExecutorProvider.Engine e = provider.get().open(master)) {
                out.println(seeds + " (" + e.describe(replications) + ")");
                out.flush();
                outputs = e.runAll("replications", indices, task);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TokenFabException("replications interrupted before they finished; nothing was written");
            }
            for (int k = 0; k < replications; k++) {
                outputs.get(k).write(dir.resolve("rep-" + (k + 1)));
                results.add(outputs.get(k).result());
            }
        } else {
            int threads = Runtime.getRuntime().availableProcessors();
            out.println(seeds + " (" + Math.min(threads, replications) + " threads)");
            out.flush();
            results = Replications.run(replications, threads,
                    k -> settings.configure(new ScenarioRun(scenarios.get(k)), dir.resolve("rep-" + (k + 1))),
                    (run, result, k) -> settings.write(run, result, dir.resolve("rep-" + (k + 1))));
        }
        List<Replications.Estimate> estimates = Replications.estimate(results);
        out.println();
        out.print(Replications.table(estimates, replications, settings.warmupNanos()));
        out.println();
        out.println("replications: " + Replications.write(dir, estimates, results, settings.warmupNanos()) + " (+ .csv; summaries in "
                + dir + "/rep-K/)");
        return 0;
    }

    /** The scenario's YAML as read, for the report; a note if it cannot be read again. */
    private String scenarioText() {
        String name = scenario == null ? ScenarioLibrary.DEFAULT : scenario;
        try {
            Path file = Path.of(name);
            if (java.nio.file.Files.isRegularFile(file)) {
                return java.nio.file.Files.readString(file);
            }
            return ScenarioLibrary.text(name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name);
        } catch (java.io.IOException | RuntimeException e) {
            return "# (the scenario text could not be read again: " + e.getMessage() + ")";
        }
    }

    /** A duration option in nanoseconds, or {@code otherwise} when absent. */
    private static long positive(String option, long nanos) {
        if (nanos <= 0) {
            throw new TokenFabException(option + " must be > 0");
        }
        return nanos;
    }

    private static long duration(String option, String text, long otherwise) {
        if (text == null) {
            return otherwise;
        }
        java.util.OptionalDouble nanos = Quantities.durationNanos(text.strip());
        if (nanos.isEmpty() || nanos.getAsDouble() < 0) {
            throw new TokenFabException(option + " expects " + Quantities.DURATION_FORMS + "; got '" + text + "'");
        }
        return Math.round(nanos.getAsDouble());
    }

    /** Every variant on the scenario's seed, one after another, then the comparison. */
    private int runVariants(ScenarioLibrary library, Scenario base, List<String> sets, java.io.PrintWriter out,
            RunSettings settings) {
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
            ScenarioRun run = settings.configure(new ScenarioRun(scenarios.get(i)), dir.resolve(name));
            RunResult result = run.run(progress);
            if (progress instanceof ProgressLine line) {
                line.finish();
            }
            settings.write(run, result, dir.resolve(name));
            rows.add(new Comparison.Row(name, result));
        }
        out.println();
        out.print(Comparison.table(rows));
        out.println();
        out.println("comparison: " + Comparison.write(rows, dir) + " (summaries in " + dir + "/<variant>/)");
        return 0;
    }
}
