package org.tokenfab.ui.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.scenario.run.Progress;
import org.tokenfab.scenario.run.ScenarioRun;
import org.tokenfab.scenario.sweep.Pareto;
import org.tokenfab.scenario.sweep.SweepGrid;
import org.tokenfab.scenario.sweep.SweepReport;
import org.tokenfab.scenario.sweep.SweepRunner;
import org.tokenfab.sim.TokenFabException;
import org.tokenfab.ui.model.RunRecord;
import org.tokenfab.ui.model.Workspace;

/**
 * One sweep of one scenario, without JavaFX: parses the axes, builds every point's scenario the way
 * {@code tokenfab sweep} does (the scenario's text with the point's {@code --set} overrides), runs
 * them with {@link SweepRunner} (blocking: call {@link #run} off the FX thread), and turns the rows
 * into Pareto points. {@link #cancel()} may be called from any thread.
 */
public final class SweepModel {
    /** One axis as the user typed it: a YAML path and comma-separated values. */
    public record Axis(String path, String values) {
    }

    /** One point on a Pareto view. */
    public record Point(int index, String description, double x, double y, boolean frontier) {
    }

    /** A finished sweep: the grid, every point's scenario and its {@code sweep.csv} cells, in point order. */
    public record Result(SweepGrid grid, List<Scenario> scenarios, List<List<String>> rows, Path dir, int ran, int kept) {
        public Result {
            scenarios = List.copyOf(scenarios);
            rows = List.copyOf(rows);
        }

        /** The points of one view, frontier flagged; a point missing either figure is left out. */
        public List<Point> points(Pareto.View view) {
            List<String> header = SweepRunner.header(grid);
            int xc = header.indexOf(view.x()), yc = header.indexOf(view.y());
            double[] x = new double[rows.size()], y = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                x[i] = value(rows.get(i).get(xc));
                y[i] = value(rows.get(i).get(yc));
            }
            Set<Integer> front = Set.copyOf(new SweepReport(grid, rows).frontier(view));
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                    points.add(new Point(i, grid.describe(grid.point(i)), x[i], y[i], front.contains(i)));
                }
            }
            return points;
        }

        /** The frontier of one view, point indices in increasing x. */
        public List<Integer> frontier(Pareto.View view) {
            return new SweepReport(grid, rows).frontier(view);
        }
    }

    /** Thrown by {@link #run} after {@link #cancel()}. */
    public static final class Cancelled extends TokenFabException {
        private static final long serialVersionUID = 1L;

        public Cancelled(String message) {
            super(message);
        }
    }

    private final Scenario base;
    private final String text;
    private final ScenarioLoader loader;
    private final Set<ScenarioRun> running = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    /** @param text the scenario's YAML, which every point re-reads with its overrides */
    public SweepModel(Catalog catalog, Scenario base, String text) {
        this.base = base;
        this.text = text;
        this.loader = new ScenarioLoader(catalog);
    }

    public Scenario base() {
        return base;
    }

    /**
     * The YAML of {@code scenario}: the last run's when it ran this scenario, else the library's
     * text for a library name, else the file it was read from; null if none is known.
     */
    public static String textOf(Scenario scenario, RunRecord lastRun) {
        if (scenario == null) {
            return null;
        }
        if (lastRun != null && lastRun.scenario().equals(scenario)) {
            return lastRun.scenarioText();
        }
        String source = scenario.source();
        if (source != null && ScenarioLibrary.names().contains(source)) {
            return ScenarioLibrary.text(source);
        }
        try {
            Path file = Path.of(source);
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            // no readable file: fall through
        }
        if (lastRun != null && lastRun.scenario().name().equals(scenario.name())) {
            return lastRun.scenarioText();
        }
        return null;
    }

    /** The scenario's own {@code sweep:} axes, values joined by commas. */
    public static List<Axis> axesOf(Scenario scenario) {
        if (scenario == null) {
            return List.of();
        }
        return scenario.sweep().stream().map(a -> new Axis(a.path(), String.join(", ", a.values()))).toList();
    }

    /** The grid of the axes (blank rows skipped); throws a TokenFabException naming a bad axis. */
    public static SweepGrid grid(List<Axis> axes) {
        List<Scenario.SweepAxis> parsed = new ArrayList<>();
        for (Axis a : axes) {
            if (a.path() == null || a.path().isBlank()) {
                continue;
            }
            parsed.add(SweepGrid.parseAxis(a.path().strip() + "=" + (a.values() == null ? "" : a.values())));
        }
        return new SweepGrid(parsed);
    }

    /** Every point's scenario, checked to build (a bad value fails here, before any simulation). */
    public List<Scenario> scenarios(SweepGrid grid) {
        if (!base.variants().isEmpty()) {
            throw new TokenFabException(base.name() + " has variants: a sweep runs the scenario itself at every point;"
                    + " remove `variants:` or sweep the field they change");
        }
        List<Scenario> points = new ArrayList<>(grid.size());
        for (SweepGrid.Point p : grid.points()) {
            try {
                Scenario point = loader.parse(base.source(), text, grid.sets(p));
                new ScenarioRun(point);
                points.add(point);
            } catch (TokenFabException e) {
                throw new TokenFabException("sweep point " + p.index() + " (" + grid.describe(p) + "): " + e.getMessage(), e);
            }
        }
        return points;
    }

    /**
     * The folder for this sweep under {@code root}: {@code sweep-NAME}, or {@code sweep-NAME-2} and
     * on when a folder holds another sweep (the same sweep is resumed in its folder).
     */
    public static Path folder(Path root, String name, SweepRunner.Identity identity) {
        for (int n = 1; ; n++) {
            Path dir = root.resolve("sweep-" + name + (n == 1 ? "" : "-" + n));
            Path json = dir.resolve("sweep.json");
            try {
                if (!Files.exists(dir) || (Files.isRegularFile(json) && Files.readString(json).equals(identity.json()))
                        || (Files.isDirectory(dir) && !Files.exists(json) && !Files.exists(dir.resolve("sweep.csv")))) {
                    return dir;
                }
            } catch (IOException e) {
                // unreadable: try the next name
            }
        }
    }

    /** Runs the sweep to the end (blocking) on {@code threads} threads, into a folder under {@code root}. */
    public Result run(List<Axis> axes, Path root, int threads, SweepRunner.Listener listener) {
        SweepGrid grid = grid(axes);
        List<Scenario> points = scenarios(grid);
        SweepRunner.Identity identity = new SweepRunner.Identity(base.name(), SweepGrid.sha256(text), List.of(), grid);
        Path dir = folder(root, base.name(), identity);
        SweepRunner runner = new SweepRunner(identity, points, dir, threads, this::runPoint);
        SweepRunner.Outcome outcome;
        try {
            outcome = runner.run(listener);
        } catch (RuntimeException e) {
            if (cancelled) {
                throw new Cancelled("sweep cancelled; finished points are kept in " + dir
                        + " and running it again resumes them");
            }
            throw e;
        }
        new SweepReport(grid, outcome.rows()).write(dir);
        return new Result(grid, points, outcome.rows(), dir, outcome.ran(), outcome.kept());
    }

    private org.tokenfab.scenario.run.RunResult runPoint(Scenario s) {
        if (cancelled) {
            throw new Cancelled("sweep cancelled");
        }
        ScenarioRun run = new ScenarioRun(s);
        running.add(run);
        try {
            if (cancelled) {
                throw new Cancelled("sweep cancelled");
            }
            return run.run(Progress.NONE);
        } finally {
            running.remove(run);
        }
    }

    /** Stops the points running and skips the rest; {@link #run} then throws {@link Cancelled}. */
    public void cancel() {
        cancelled = true;
        running.forEach(ScenarioRun::cancel);
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** What opening point {@code index} asks of the main window: its scenario, YAML (with its overrides noted) and a label. */
    public Workspace.RunRequest request(Result result, int index) {
        SweepGrid.Point p = result.grid().point(index);
        StringBuilder yaml = new StringBuilder(String.format(Locale.ROOT, "# sweep point %d of %s, overrides:%n", index,
                base.name()));
        for (String set : result.grid().sets(p)) {
            yaml.append("#   --set ").append(set).append('\n');
        }
        yaml.append(text);
        return new Workspace.RunRequest(result.scenarios().get(index), yaml.toString(),
                base.name() + " point " + index + " (" + result.grid().describe(p) + ")");
    }

    private static double value(String cell) {
        if (cell == null || cell.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
