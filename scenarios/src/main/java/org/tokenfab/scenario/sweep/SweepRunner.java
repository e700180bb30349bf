package org.tokenfab.scenario.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.run.AtomicFiles;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.sim.TokenFabException;

/**
 * Runs every point of a sweep (on a {@link PointExecutor}: local threads by default) and keeps {@code DIR} current: each
 * finished point's summary appended to {@code points.jsonl} ({@link PointSummaries}), then
 * {@code sweep.csv} rewritten whole (atomically, at most once a second and at the end) with every
 * finished row in point order, so an interruption loses only the points in flight.
 * {@code sweep.json} records the grid; a later sweep into the same folder with the same grid keeps
 * the finished points (a row in {@code sweep.csv} and a line in {@code points.jsonl}) and runs the
 * rest, and one with another grid is refused rather than mixing two experiments in one table.
 *
 * <p>Points are independent single-threaded simulations on the scenario's seed, so a point's
 * result does not depend on the thread count or on what ran beside it.
 */
public final class SweepRunner {
    /** Longest time between two writes of sweep.csv while points finish. */
    static final long CSV_EVERY_NANOS = 1_000_000_000L;
    private long lastCsvWrite = System.nanoTime();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Told as points finish (after each point is written); one call at a time, from the thread in {@link #run}. */
    public interface Listener {
        Listener NONE = (done, toRun) -> { };

        /** {@code done} of the {@code toRun} points this invocation runs have finished. */
        void finished(int done, int toRun);
    }

    /**
     * What identifies a sweep: the scenario (its name or file and a hash of its text), the fixed
     * overrides (including a {@code --seed}) and the grid.
     */
    public record Identity(String scenario, String scenarioSha256, List<String> sets, SweepGrid grid) {
        public Identity {
            sets = List.copyOf(sets);
        }

        /**
         * {@code sweep.json}: readable, and with a hash of everything above. Public so a caller can
         * tell whether a folder already holds this sweep (to resume it) or another one.
         */
        public String json() {
            ObjectNode root = JSON.createObjectNode();
            root.put("scenario", scenario);
            root.put("scenario_sha256", scenarioSha256);
            var s = root.putArray("sets");
            sets.forEach(s::add);
            var axes = root.putArray("axes");
            for (Scenario.SweepAxis a : grid.axes()) {
                ObjectNode axis = axes.addObject();
                axis.put("path", a.path());
                var v = axis.putArray("values");
                a.values().forEach(v::add);
            }
            root.put("points", grid.size());
            try {
                String body = JSON.writeValueAsString(root);
                ObjectNode withHash = JSON.createObjectNode();
                withHash.put("grid_sha256", SweepGrid.sha256(body));
                withHash.setAll(root);
                return JSON.writeValueAsString(withHash).replace("\r\n", "\n") + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The sweep's rows in point order (every point's cells), and how many points ran now or were kept. */
    public record Outcome(List<List<String>> rows, int ran, int kept, Path csv) {
    }

    private final Identity identity;
    private final Path dir;
    private final PointExecutor executor;
    private final List<String> header;
    private final List<List<String>> rows;
    /** Open from the start of {@link #run} to its end. */
    private PointSummaries summaries;
    /** The thread in {@link #run}, so {@link #stop()} can interrupt its wait. */
    private volatile Thread running;
    private volatile boolean stopped;

    /**
     * Runs on this machine's threads.
     *
     * @param scenarios one resolved scenario per point, in point order
     * @param runner    runs one point (a test hook; normally a {@code ScenarioRun} without progress)
     */
    public SweepRunner(Identity identity, List<Scenario> scenarios, Path dir, int threads,
            Function<Scenario, RunResult> runner) {
        this(identity, dir, local(identity, scenarios, threads, runner));
    }

    /**
     * Runs on {@code executor} (the local thread pool, or Spark through
     * {@link PointExecutorProvider}): the files written are the same whatever runs the points.
     */
    public SweepRunner(Identity identity, Path dir, PointExecutor executor) {
        this.identity = identity;
        this.dir = dir;
        this.executor = executor;
        this.header = header(identity.grid());
        this.rows = new ArrayList<>();
        for (int i = 0; i < identity.grid().size(); i++) {
            rows.add(null);
        }
    }

    private static PointExecutor local(Identity identity, List<Scenario> scenarios, int threads,
            Function<Scenario, RunResult> runner) {
        if (scenarios.size() != identity.grid().size()) {
            throw new IllegalArgumentException(scenarios.size() + " scenarios for " + identity.grid().size() + " points");
        }
        List<Scenario> points = List.copyOf(scenarios);
        return new LocalPointExecutor(threads, index -> {
            try {
                return PointResult.of(index, runner.apply(points.get(index)));
            } catch (TokenFabException e) {
                return PointResult.failed(index, e.getMessage());
            }
        });
    }

    /** {@code point}, the swept paths, then {@link SweepMetrics#COLUMNS}. */
    public static List<String> header(SweepGrid grid) {
        List<String> h = new ArrayList<>();
        h.add("point");
        h.addAll(grid.paths());
        h.addAll(SweepMetrics.COLUMNS);
        return h;
    }

    /**
     * Runs the points not yet in {@code DIR/sweep.csv}; throws, naming the point, if one fails, and
     * says how to resume if {@link #stop()} was called.
     */
    public Outcome run(Listener listener) {
        List<List<String>> inCsv = finishedInCsv();
        summaries = PointSummaries.open(dir, rows.size(), i -> inCsv.get(i) != null);
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (inCsv.get(i) != null && summaries.has(i)) {
                rows.set(i, inCsv.get(i)); // kept from an earlier run
            } else {
                todo.add(i);
            }
        }
        int kept = rows.size() - todo.size();
        if (todo.isEmpty()) {
            writeCsv();
            summaries.finish();
            return new Outcome(List.copyOf(rows), 0, kept, dir.resolve("sweep.csv"));
        }
        int[] done = {0};
        PointResult[] firstFailure = {null};
        running = Thread.currentThread();
        try {
            if (stopped) {
                throw new InterruptedException();
            }
            executor.run(SweepJob.of(identity), todo, r -> {
                if (stopped) {
                    return; // Ctrl-C: the files written so far are final
                }
                if (!r.ok()) {
                    if (firstFailure[0] == null) {
                        firstFailure[0] = r;
                    }
                    return;
                }
                writePoint(r);
                listener.finished(++done[0], todo.size());
            });
        } catch (InterruptedException | RuntimeException e) {
            // After stop(), an engine may also fail rather than be interrupted (Spark's own Ctrl-C
            // hook stops its context): either way the sweep was interrupted, not broken.
            if (e instanceof RuntimeException re && !stopped) {
                throw re;
            }
            if (!stopped) {
                Thread.currentThread().interrupt();
            }
            throw new TokenFabException("sweep interrupted: " + done[0] + " of " + todo.size() + " points finished and are in "
                    + dir.resolve("sweep.csv") + "; run the same command again (same grid and --out) to resume");
        } finally {
            running = null;
            // Cleared while writing (an interrupted thread cannot write a file through NIO); kept
            // for the caller unless it came from stop(), which this method has answered.
            boolean interrupted = Thread.interrupted();
            writeCsv(); // every finished point, also after a failure or an interruption
            summaries.finish();
            if (interrupted && !stopped) {
                Thread.currentThread().interrupt();
            }
        }
        if (firstFailure[0] != null) {
            PointResult f = firstFailure[0];
            throw new TokenFabException("sweep point " + f.index() + " (" + identity.grid().describe(identity.grid().point(f.index()))
                    + "): " + f.error() + "; the points already finished are kept in " + dir.resolve("sweep.csv"));
        }
        return new Outcome(List.copyOf(rows), todo.size(), kept, dir.resolve("sweep.csv"));
    }

    /**
     * Ctrl-C: stops the sweep from any thread. Points in flight are abandoned, finished ones stay in
     * {@code sweep.csv}, and {@link #run} throws a message that says how to resume.
     */
    public void stop() {
        stopped = true;
        Thread t = running;
        if (t != null) {
            t.interrupt();
        }
    }

    /** How the points run, for the sweep's first line. */
    public String engine() {
        return executor.describe(identity.grid().size());
    }

    private void writePoint(PointResult result) {
        int index = result.index();
        summaries.append(index, result.summaryLine());
        List<String> row = new ArrayList<>();
        row.add(Integer.toString(index));
        row.addAll(identity.grid().point(index).values());
        row.addAll(result.cells());
        synchronized (this) {
            rows.set(index, row);
            // At most once a second while points finish (rewriting the whole file after every point
            // is quadratic in the grid and serialises the workers); always once more at the end.
            long now = System.nanoTime();
            if (now - lastCsvWrite >= CSV_EVERY_NANOS) {
                writeCsv();
                lastCsvWrite = now;
            }
        }
    }

    private synchronized void writeCsv() {
        StringBuilder b = new StringBuilder(SweepCsv.line(header));
        for (List<String> row : rows) {
            if (row != null) {
                b.append(SweepCsv.line(row));
            }
        }
        AtomicFiles.write(dir.resolve("sweep.csv"), b.toString());
    }

    /**
     * Checks {@code DIR} against this grid (writing {@code sweep.json} for a new sweep) and returns
     * the rows {@code sweep.csv} already holds, by point (null where none).
     */
    private List<List<String>> finishedInCsv() {
        List<List<String>> finished = new ArrayList<>(rows); // all null
        Path json = dir.resolve("sweep.json");
        Path csv = dir.resolve("sweep.csv");
        String mine = identity.json();
        if (!Files.exists(json)) {
            if (Files.exists(csv)) {
                throw new TokenFabException(dir + " holds a sweep.csv but no sweep.json, so its grid is unknown;"
                        + " choose another --out or delete " + dir);
            }
            AtomicFiles.write(json, mine);
            return finished;
        }
        String theirs;
        try {
            theirs = Files.readString(json, StandardCharsets.UTF_8);
            JsonNode node = JSON.readTree(theirs);
            String hash = node.path("grid_sha256").asText("");
            if (!hash.equals(JSON.readTree(mine).path("grid_sha256").asText())) {
                throw new TokenFabException(dir + " holds a different sweep (" + summary(node) + "; this one is "
                        + summary(JSON.readTree(mine)) + "; the scenario's text and --set/--seed count too);"
                        + " choose another --out or delete " + dir);
            }
        } catch (IOException e) {
            throw new TokenFabException(json + ": cannot read: " + e.getMessage(), e);
        }
        if (!Files.exists(csv)) {
            return finished;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TokenFabException(csv + ": cannot read: " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !SweepCsv.parse(lines.get(0)).equals(header)) {
            throw new TokenFabException(csv + ": its columns are not this sweep's; choose another --out or delete " + dir);
        }
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = SweepCsv.parse(line);
            int index;
            try {
                index = Integer.parseInt(cells.get(0));
            } catch (NumberFormatException e) {
                continue;
            }
            if (cells.size() == header.size() && index >= 0 && index < rows.size()) {
                finished.set(index, cells);
            }
        }
        return finished;
    }

    private static String summary(JsonNode sweep) {
        List<String> axes = new ArrayList<>();
        sweep.path("axes").forEach(a -> axes.add(a.path("path").asText() + " x" + a.path("values").size()));
        return sweep.path("scenario").asText("?") + ", " + sweep.path("points").asInt() + " points over "
                + String.join(", ", axes);
    }
}
