package org.tokenfab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.tokenfab.cli.BenchCommand.Row;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.bench.BenchScenarios;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.scenario.run.AtomicFiles;
import org.tokenfab.scenario.run.Progress;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.ScenarioRun;
import org.tokenfab.scenario.sweep.SweepGrid;
import org.tokenfab.scenario.sweep.SweepRunner;
import org.tokenfab.sim.TokenFabException;

/**
 * Case d of {@code tokenfab bench}: a 1,000-point sweep (10 arrival rates x 10 batch limits x 10
 * seeds of a small point) through the {@link SweepRunner}, on 1 thread and on the parallel
 * threads, in {@link #ROUNDS} rounds after untimed sweeps that warm the JIT up, beside the machine's own
 * {@link ParallelCapacity}.
 */
final class SweepBench {
    private static final int AXIS = 10;
    /**
     * Rounds, each a 1-thread then a parallel sweep. One pair measured 0.97-1.72x on the same build
     * within minutes on a shared 2-core VM, whose speed drifts by a quarter from one second to the
     * next; the median of the rounds' ratios is steadier, and the spread is printed.
     */
    static final int ROUNDS = 5;
    /**
     * Untimed whole sweeps run before the rounds until one leaves the JIT compiler this quiet (its
     * compile time under this share of the sweep's wall time), at most {@link #MAX_WARM_UPS}. The
     * compiler spent 2.4 s on the first sweep, 0.6-1.2 s on each of the next four and 0.05-0.4 s on
     * the ten after (code run once a point, such as loading and setting up, gets hot slowly); with
     * plain threads it fell silent after about 16. It compiles on the idle core in a 1-thread run
     * but takes a core from the workers in a parallel one, so after a single warm-up the ratio
     * measured the compiler more than the sweep.
     */
    static final double QUIET = 0.05;
    static final int MAX_WARM_UPS = 20;

    private final double scale;
    private final int threads;
    private final boolean noFold;
    private final Consumer<String> status;

    /**
     * @param scale  the seed axis is 10 x scale values (at least 1)
     * @param status progress messages for a terminal
     */
    SweepBench(double scale, int threads, boolean noFold, Consumer<String> status) {
        this.scale = scale;
        this.threads = threads;
        this.noFold = noFold;
        this.status = status;
    }

    private int seedValues() {
        return (int) Math.max(1, Math.min(1000, Math.round(AXIS * scale)));
    }

    /**
     * Case d's outcome: rows d-1t, d-Nt, d-1t#2, ...; each round's speed-up and the machine's
     * {@link ParallelCapacity} measured just before it, both sorted.
     */
    record Outcome(List<Row> rows, int threads, double[] speedUps, double[] capacity, int warmUps, double lastWarmUpJit) {
        /** The lines printed under the table. */
        String summary() {
            return String.format(Locale.ROOT, "sweep (d): %.2fx faster on %d threads than on 1 (median of %d rounds: %.2f-%.2fx);"
                    + " this machine ran a pure compute loop %.2fx faster on %d threads than on 1 (%.2f-%.2fx), so the"
                    + " sweep reached %.0f%% of that%nafter %d untimed sweeps (the JIT compiler's time %.0f%% of the last one's wall time)",
                    median(speedUps), threads, speedUps.length, speedUps[0],
                    speedUps[speedUps.length - 1], median(capacity), threads, capacity[0], capacity[capacity.length - 1],
                    100 * median(speedUps) / median(capacity), warmUps, 100 * lastWarmUpJit);
        }
    }

    static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    /**
     * {@link #ROUNDS} rounds of the same sweep on 1 thread, then on the parallel threads; each row
     * goes to {@code print} as it is measured.
     */
    Outcome run(ScenarioLoader loader, UnaryOperator<Row> print) {
        List<String> rates = new ArrayList<>();
        List<String> seqs = new ArrayList<>();
        List<String> seeds = new ArrayList<>();
        for (int i = 1; i <= AXIS; i++) {
            rates.add(i + "/s");
            seqs.add(Integer.toString(8 * i));
        }
        for (int i = 1; i <= seedValues(); i++) {
            seeds.add(Integer.toString(i));
        }
        SweepGrid grid = new SweepGrid(List.of(new Scenario.SweepAxis("workload.arrivals.rate", rates),
                new Scenario.SweepAxis("cluster.pools[0].batching.max_seqs", seqs), new Scenario.SweepAxis("seed", seeds)));
        String resource = BenchScenarios.SWEEP_POINT;
        // Untimed warm-up: whole sweeps through the same path as the timed runs (points run,
        // summaries written) on all threads, until the compiler is QUIET. Each row prints the
        // compiler's time, so what is left shows.
        int parallel = Math.min(threads, grid.size());
        // Every sweep writes into its own folder, and all are deleted at the end: deleting one
        // sweep's 1,000 folders between two timed ones left the file system's deferred work to the
        // next (on ext4 in a VM, a parallel sweep after a deletion ran 1.4-1.8 s instead of 0.9-1.25 s).
        Path parent = tempDir();
        try {
            int warmUps = 0;
            double jitShare;
            do {
                warmUps++;
                status.accept("warming up case d (" + grid.size() + " points, untimed sweep " + warmUps + ", until the JIT compiler is quiet)");
                SweepRun w = sweepOnce(loader, grid, resource, parallel, parent.resolve("warm-up-" + warmUps));
                jitShare = w.jit() / w.wall();
            } while (jitShare >= QUIET && warmUps < MAX_WARM_UPS);
            ParallelCapacity.warmUp();
            List<Row> rows = new ArrayList<>();
            double[] speedUps = new double[ROUNDS];
            double[] capacity = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                status.accept("measuring this machine's parallel capacity (a compute loop on 1 and " + parallel + " threads)");
                capacity[round] = ParallelCapacity.measure(parallel);
                double[] wall = new double[2];
                int[] counts = {1, parallel};
                for (int k = 0; k < 2; k++) {
                    int t = counts[k];
                    String name = "d-" + t + "t" + (round == 0 ? "" : "#" + (round + 1));
                    status.accept("running case " + name + " (" + grid.size() + " points on " + t + " thread" + (t == 1 ? "" : "s") + ")");
                    SweepRun run = sweepOnce(loader, grid, resource, t, parent.resolve(name));
                    Row row = print.apply(run.row(name, resource + " x " + grid.size()));
                    rows.add(row);
                    wall[k] = row.wallSeconds();
                }
                speedUps[round] = wall[0] / wall[1];
            }
            Arrays.sort(speedUps);
            Arrays.sort(capacity);
            return new Outcome(rows, parallel, speedUps, capacity, warmUps, jitShare);
        } finally {
            AtomicFiles.deleteTreeQuietly(parent);
        }
    }

    /** One timed sweep's measurements, before it is named. */
    private record SweepRun(long requests, long events, double setup, double wall, int inFlight, long[] heap,
            long allocated, long gcs, double jit) {
        Row row(String name, String what) {
            return new Row(name, what, requests, events, setup, wall, inFlight, heap[0], heap[1], allocated, gcs, jit);
        }
    }

    /** Loads the grid's points and runs them through a {@link SweepRunner} on {@code t} threads into {@code dir}. */
    private SweepRun sweepOnce(ScenarioLoader loader, SweepGrid grid, String resource, int t, Path dir) {
        JvmCounters.resetPeaks();
        long allocated = JvmCounters.allocatedBytes();
        long gcs = JvmCounters.gcCount();
        long jit = JvmCounters.compileMillis();
        long start = System.nanoTime();
        List<Scenario> points = new ArrayList<>(grid.size());
        for (SweepGrid.Point p : grid.points()) {
            points.add(BenchScenarios.load(loader, resource, grid.sets(p)));
        }
        double setup = (System.nanoTime() - start) / 1e9;
        AtomicLong requests = new AtomicLong();
        AtomicLong events = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        SweepRunner.Identity identity = new SweepRunner.Identity("bench/" + resource,
                SweepGrid.sha256(BenchScenarios.text(resource)), List.of(), grid);
        SweepRunner runner = new SweepRunner(identity, points, dir, t, s -> {
            RunResult r = new ScenarioRun(s).foldDecodeSteps(!noFold).run(Progress.NONE);
            requests.addAndGet(r.arrived());
            events.addAndGet(r.events());
            inFlight.accumulateAndGet(r.peakInFlight(), Math::max);
            return r;
        });
        long runStart = System.nanoTime();
        runner.run(SweepRunner.Listener.NONE);
        double wall = (System.nanoTime() - runStart) / 1e9;
        return new SweepRun(requests.get(), events.get(), setup, wall, (int) inFlight.get(), JvmCounters.peaks(),
                JvmCounters.allocatedBytes() - allocated, JvmCounters.gcCount() - gcs, (JvmCounters.compileMillis() - jit) / 1e3);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tokenfab-bench-sweep");
        } catch (IOException e) {
            throw new TokenFabException("cannot create a temporary folder for the sweep: " + e.getMessage(), e);
        }
    }
}
