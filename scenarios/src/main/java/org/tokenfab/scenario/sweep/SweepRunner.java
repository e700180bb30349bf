package org.tokenfab.scenario.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.run.AtomicFiles;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.SummaryJson;
import org.tokenfab.sim.TokenFabException;

/**
 * Runs every point of a sweep on a fixed pool of threads and keeps {@code DIR} current: each
 * finished point's {@code points/NNNN/summary.json}, then {@code sweep.csv} rewritten whole
 * (atomically) with every finished row in point order, so an interruption loses only the points in
 * flight. {@code sweep.json} records the grid; a later sweep into the same folder with the same
 * grid keeps the finished points and runs the rest, and one with another grid is refused rather
 * than mixing two experiments in one table.
 *
 * <p>Points are independent single-threaded simulations on the scenario's seed, so a point's
 * result does not depend on the thread count or on what ran beside it.
 */
public final class SweepRunner {
    /** Longest time between two writes of sweep.csv while points finish. */
    static final long CSV_EVERY_NANOS = 1_000_000_000L;
    private long lastCsvWrite = System.nanoTime();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Told as points finish; called from worker threads, one call at a time. */
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
    private final List<Scenario> scenarios;
    private final Path dir;
    private final int threads;
    private final Function<Scenario, RunResult> runner;
    private final List<String> header;
    private final List<List<String>> rows;
    private volatile boolean failed;

    /**
     * @param scenarios one resolved scenario per point, in point order
     * @param runner    runs one point (a test hook; normally a {@code ScenarioRun} without progress)
     */
    public SweepRunner(Identity identity, List<Scenario> scenarios, Path dir, int threads,
            Function<Scenario, RunResult> runner) {
        if (scenarios.size() != identity.grid().size()) {
            throw new IllegalArgumentException(scenarios.size() + " scenarios for " + identity.grid().size() + " points");
        }
        if (threads < 1) {
            throw new TokenFabException("--threads " + threads + ": give 1 or more");
        }
        this.identity = identity;
        this.scenarios = List.copyOf(scenarios);
        this.dir = dir;
        this.threads = threads;
        this.runner = runner;
        this.header = header(identity.grid());
        this.rows = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            rows.add(null);
        }
    }

    /** {@code point}, the swept paths, then {@link SweepMetrics#COLUMNS}. */
    public static List<String> header(SweepGrid grid) {
        List<String> h = new ArrayList<>();
        h.add("point");
        h.addAll(grid.paths());
        h.addAll(SweepMetrics.COLUMNS);
        return h;
    }

    /** The folder of point {@code index}'s summary. */
    public static Path pointDir(Path dir, int index) {
        return dir.resolve("points").resolve(String.format(Locale.ROOT, "%04d", index));
    }

    /** Runs the points not yet in {@code DIR/sweep.csv}; throws, naming the point, if one fails. */
    public Outcome run(Listener listener) {
        int kept = resume();
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) == null) {
                todo.add(i);
            }
        }
        if (todo.isEmpty()) {
            writeCsv();
            return new Outcome(List.copyOf(rows), 0, kept, dir.resolve("sweep.csv"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, todo.size()), r -> {
            Thread t = new Thread(r, "sweep-point");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
            for (int index : todo) {
                done.submit(() -> {
                    if (!failed) { // after a failure, points not yet started are left for a resumed sweep
                        runPoint(index);
                    }
                    return index;
                });
            }
            for (int n = 1; n <= todo.size(); n++) {
                try {
                    done.take().get();
                } catch (ExecutionException e) {
                    throw failure(e.getCause());
                }
                listener.finished(n, todo.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenFabException("sweep interrupted; finished points are in " + dir.resolve("sweep.csv"));
        } finally {
            pool.shutdownNow();
            writeCsv(); // every finished point, also after a failure or an interruption
        }
        return new Outcome(List.copyOf(rows), todo.size(), kept, dir.resolve("sweep.csv"));
    }

    private RuntimeException failure(Throwable cause) {
        String message = cause.getMessage();
        if (cause instanceof TokenFabException && message != null && message.startsWith("sweep point ")) {
            return (TokenFabException) cause;
        }
        return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }

    private void runPoint(int index) {
        RunResult result;
        try {
            result = runner.apply(scenarios.get(index));
        } catch (TokenFabException e) {
            failed = true;
            throw new TokenFabException("sweep point " + index + " (" + identity.grid().describe(identity.grid().point(index))
                    + "): " + e.getMessage() + "; the points already finished are kept in " + dir.resolve("sweep.csv"), e);
        } catch (RuntimeException | Error e) {
            failed = true;
            throw e;
        }
        writePoint(index, result);
    }

    private void writePoint(int index, RunResult result) {
        SummaryJson.write(result, pointDir(dir, index));
        List<String> row = new ArrayList<>();
        row.add(Integer.toString(index));
        row.addAll(identity.grid().point(index).values());
        row.addAll(SweepMetrics.cells(result));
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

    /** Checks {@code DIR} against this grid and loads the rows already finished; returns their number. */
    private int resume() {
        Path json = dir.resolve("sweep.json");
        Path csv = dir.resolve("sweep.csv");
        String mine = identity.json();
        if (!Files.exists(json)) {
            if (Files.exists(csv)) {
                throw new TokenFabException(dir + " holds a sweep.csv but no sweep.json, so its grid is unknown;"
                        + " choose another --out or delete " + dir);
            }
            AtomicFiles.write(json, mine);
            return 0;
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
            return 0;
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
        int kept = 0;
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = SweepCsv.parse(line);
            int index;
            try {
                index = Integer.parseInt(cells.get(0));
            } catch (NumberFormatException e) {
                continue;
            }
            if (cells.size() == header.size() && index >= 0 && index < rows.size()
                    && Files.isRegularFile(pointDir(dir, index).resolve("summary.json")) && rows.get(index) == null) {
                rows.set(index, cells);
                kept++;
            }
        }
        return kept;
    }

    private static String summary(JsonNode sweep) {
        List<String> axes = new ArrayList<>();
        sweep.path("axes").forEach(a -> axes.add(a.path("path").asText() + " x" + a.path("values").size()));
        return sweep.path("scenario").asText("?") + ", " + sweep.path("points").asInt() + " points over "
                + String.join(", ", axes);
    }
}
