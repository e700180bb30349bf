package org.tokenfab.cli;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.scenario.run.AtomicFiles;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.ScenarioRun;
import org.tokenfab.scenario.sweep.RemoteTask;

/**
 * Replication k of {@code tokenfab run --replications N} as an engine task (Spark): shipped as text
 * and values only, it reloads the scenario as the user named it (a bundled name, or a file path every
 * executor must see) with the same overrides and seed + k, runs it with the local path's
 * {@link RunSettings}, renders the files of DIR/rep-K/ into a temporary folder and sends their text
 * back with the result; the driver writes them. A pure function of (task, k), so Spark may retry it.
 *
 * @param scenario  the SCENARIO argument (null: the default scenario)
 * @param sets      the overrides of every replication, {@code --seed} included
 * @param firstSeed the seed of replication 0
 */
record ReplicationTask(String scenario, List<String> sets, long firstSeed, RunSettings settings)
        implements RemoteTask<ReplicationTask.Output> {
    private static final long serialVersionUID = 1L;

    ReplicationTask {
        sets = List.copyOf(sets);
    }

    /**
     * What a replication sends back: its result (for the confidence intervals) and the text of
     * every file it wrote, by path relative to its folder with '/' separators.
     */
    record Output(RunResult result, Map<String, String> files) implements Serializable {
        private static final long serialVersionUID = 1L;

        Output {
            files = new TreeMap<>(files);
        }

        /** Writes the files into {@code dir}, each atomically, as the local path does. */
        void write(Path dir) {
            files.forEach((path, text) -> AtomicFiles.write(dir.resolve(path), text));
        }
    }

    /** The overrides of replication {@code k} (0-based): the common ones, then its seed. */
    List<String> sets(int k) {
        List<String> all = new ArrayList<>(sets);
        all.add("seed=" + (firstSeed + k));
        return all;
    }

    @Override
    public Output run(String index) {
        int k = Integer.parseInt(index);
        Path dir;
        try {
            dir = Files.createTempDirectory("tokenfab-rep-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            ScenarioRun run = settings.configure(new ScenarioRun(Executor.LIBRARY.resolve(scenario, sets(k))), dir);
            RunResult result = run.run();
            settings.write(run, result, dir);
            return new Output(result, read(dir));
        } finally {
            AtomicFiles.deleteTreeQuietly(dir);
        }
    }

    private static Map<String, String> read(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace(File.separatorChar, '/'), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The scenario library of an executor JVM: built once, on its first replication. */
    private static final class Executor {
        static final ScenarioLibrary LIBRARY = new ScenarioLibrary(new ScenarioLoader(Catalog.builtIn()));
    }
}
