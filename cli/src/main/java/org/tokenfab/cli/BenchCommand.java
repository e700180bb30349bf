package org.tokenfab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.run.AtomicFiles;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.bench.BenchScenarios;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.scenario.run.Progress;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.ScenarioRun;
import org.tokenfab.scenario.sweep.SweepGrid;
import org.tokenfab.scenario.sweep.SweepRunner;
import org.tokenfab.sim.TokenFabException;

/**
 * {@code tokenfab bench}: the standard end-to-end benchmarks of issue 10. Each case runs a bundled
 * scenario ({@code org/tokenfab/scenario/bench/*.yaml} in the scenarios module) in this JVM and
 * reports simulated requests, events, wall time, the two rates and the peak heap, measured as the
 * sum of the heap memory pools' peak usage ({@link MemoryPoolMXBean#getPeakUsage()}, reset after a
 * full GC before each case), plus the old generation's peak alone (what survives collections:
 * the data the run keeps).
 *
 * <p>Wall time is the simulation only ({@link RunResult#wallSeconds()}); parsing the scenario and
 * building the cluster is reported apart as setup. Nothing is warmed up: case (a) run first is what
 * a fresh {@code tokenfab run} of it costs, JIT compilation included (JVM start excluded).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run the standard end-to-end benchmarks and print, for each case, the",
                "simulated requests, events, wall seconds (simulation only; setup apart),",
                "simulated requests and events per wall second, the peak requests in flight,",
                "the peak heap (heap pools' peak usage, reset before each case; 'old' is the",
                "old generation's) and the bytes allocated during the case (all threads).",
                "",
                "Cases (scenarios in scenarios/src/main/resources/org/tokenfab/scenario/bench/):",
                "  a  one Llama-3.1-8B replica on an H100, 10,000 requests",
                "  b  128 replicas of Llama-3.1-70B on 8 H100s (1,024 GPUs), 1,000,000 requests",
                "  c  the cluster of b for one simulated day of diurnal traffic (~54M requests:",
                "     about 20 min on 2 cores today; --scale 0.1 simulates the first 2.4 h)",
                "  d  a 1,000-point sweep of small points through the sweep runner, on 1 thread",
                "     and on --threads threads, 3 rounds of each in turn after an untimed warm-up;",
                "     the speed-up is the median of the rounds' (rows d-1t, d-2t, d-1t#2, ...)", ""},
        footer = {"", "Examples:",
                "  tokenfab bench --case a               # a few seconds",
                "  tokenfab bench --case a --repeat 5    # cold, then warm",
                "  tokenfab bench --scale 0.1            # every case at a tenth of its size",
                "  tokenfab bench --case b --heap-check  # heap at 1M and 10M requests (long)",
                "  tokenfab bench --json bench.json --csv bench.csv",
                "",
                "Requests are pooled, so heap follows requests in flight, not requests",
                "simulated; JAVA_TOOL_OPTIONS=-Xmx2g shows case b within the 2 GB target."})
public final class BenchCommand implements Callable<Integer> {
    static final List<String> CASES = List.of("a", "b", "c", "d");
    private static final int SWEEP_AXIS = 10;
    /**
     * Rounds of case d, each a 1-thread then a parallel sweep. One pair measured 0.97-1.72x on the
     * same build within minutes on a shared 2-core VM, whose speed drifts by a quarter from one
     * second to the next; the median of the rounds' ratios is steadier, and the spread is printed.
     */
    private static final int SWEEP_ROUNDS = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--case", split = ",", paramLabel = "CASE",
            description = "Cases to run, comma-separated, from a, b, c, d. Default: all.")
    List<String> cases = new ArrayList<>(CASES);

    @Option(names = "--scale", paramLabel = "F",
            description = "Shrink (or grow) every case: request counts of a and b, the simulated duration of c, "
                    + "the seed axis of d's grid (1,000 x F points, at least 100). Default: 1.")
    double scale = 1.0;

    @Option(names = "--heap-check",
            description = "Also run case b with 1,000,000 and 10,000,000 requests (times --scale) and compare their peak heap.")
    boolean heapCheck;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads of case d's parallel run. Default: the number of processors (${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--repeat", paramLabel = "N",
            description = "Run each of the cases a, b and c N times in a row (rows a, a#2, ...): the first is cold, "
                    + "the later ones show the speed with the JIT warm. Default: 1.")
    int repeat = 1;

    @Option(names = "--no-fold",
            description = "Run every decode step as its own event, without folding (the plain reference: the same results, "
                    + "more events; shows what folding gains).")
    boolean noFold;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the results as CSV.")
    Path csv;

    /** One measured case. */
    record Row(String name, String scenario, long requests, long events, double setupSeconds, double wallSeconds,
            int peakInFlight, long peakHeapBytes, long peakOldBytes, long allocatedBytes, long gcs) {
        double requestsPerSecond() {
            return wallSeconds > 0 ? requests / wallSeconds : Double.NaN;
        }

        double eventsPerSecond() {
            return wallSeconds > 0 ? events / wallSeconds : Double.NaN;
        }
    }

    /** For running the command outside {@code tokenfab} (profiling, before it is registered there). */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof TokenFabException) {
                err.println("tokenfab: error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cl.execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new TokenFabException("--scale " + scale + ": give a number > 0 (1 = the full cases, 0.1 = a tenth)");
        }
        if (threads < 1) {
            throw new TokenFabException("--threads " + threads + ": give 1 or more");
        }
        if (repeat < 1) {
            throw new TokenFabException("--repeat " + repeat + ": give 1 or more");
        }
        List<String> chosen = new ArrayList<>();
        for (String c : cases) {
            String name = c.strip().toLowerCase(Locale.ROOT);
            if (!CASES.contains(name)) {
                throw new TokenFabException("--case " + c.strip() + ": unknown case; known: " + String.join(", ", CASES));
            }
            if (!chosen.contains(name)) {
                chosen.add(name);
            }
        }
        ScenarioLoader loader = new ScenarioLoader(Catalog.builtIn());
        out.println(machine());
        out.printf(Locale.ROOT, "scale %s%s%n%n", num(scale), heapCheck ? " · heap check" : "");
        out.println(header());
        out.flush();

        List<Row> rows = new ArrayList<>();
        Sweep sweep = null;
        for (String c : chosen) {
            switch (c) {
                case "a", "b", "c" -> {
                    for (int k = 1; k <= repeat; k++) {
                        String name = k == 1 ? c : c + "#" + k;
                        rows.add(print(out, switch (c) {
                            case "a" -> runCase(name, loader, BenchScenarios.ONE_REPLICA, List.of("requests=" + count(10_000)));
                            case "b" -> runCase(name, loader, BenchScenarios.CLUSTER, List.of("requests=" + count(1_000_000)));
                            default -> runCase(name, loader, BenchScenarios.CLUSTER_DAY,
                                    List.of("duration=" + num(86_400 * scale) + "s"));
                        }));
                    }
                }
                case "d" -> {
                    sweep = runSweep(loader, out);
                    rows.addAll(sweep.rows());
                }
                default -> throw new IllegalStateException(c);
            }
        }
        Double heapRatio = null;
        if (heapCheck) {
            Row small = print(out, runCase("b-1M", loader, BenchScenarios.CLUSTER, List.of("requests=" + count(1_000_000))));
            Row large = print(out, runCase("b-10M", loader, BenchScenarios.CLUSTER, List.of("requests=" + count(10_000_000))));
            rows.add(small);
            rows.add(large);
            heapRatio = (double) large.peakHeapBytes() / small.peakHeapBytes();
        }
        out.println();
        if (sweep != null) {
            double[] speedUps = sweep.speedUps();
            double[] capacity = sweep.capacity();
            out.printf(Locale.ROOT, "sweep (d): %.2fx faster on %d threads than on 1 (median of %d rounds: %.2f-%.2fx);"
                    + " this machine ran a pure compute loop %.2fx faster on %d threads than on 1 (%.2f-%.2fx), so the"
                    + " sweep reached %.0f%% of that%n", median(speedUps), sweep.threads(), SWEEP_ROUNDS, speedUps[0],
                    speedUps[SWEEP_ROUNDS - 1], median(capacity), sweep.threads(), capacity[0], capacity[SWEEP_ROUNDS - 1],
                    100 * median(speedUps) / median(capacity));
        }
        if (heapRatio != null) {
            Row small = rows.get(rows.size() - 2);
            Row large = rows.get(rows.size() - 1);
            out.printf(Locale.ROOT, "heap check: %,d -> %,d requests (%.0fx): peak heap %s -> %s MB (%.2fx), old gen %s -> %s MB,"
                    + " peak in flight %,d -> %,d%n", small.requests(), large.requests(),
                    (double) large.requests() / small.requests(), mb(small.peakHeapBytes()), mb(large.peakHeapBytes()), heapRatio,
                    mb(small.peakOldBytes()), mb(large.peakOldBytes()), small.peakInFlight(), large.peakInFlight());
        }
        if (json != null) {
            out.println("json: " + writeJson(rows, sweep, heapRatio));
        }
        if (csv != null) {
            out.println("csv: " + writeCsv(rows));
        }
        out.flush();
        return 0;
    }

    private long count(long full) {
        return Math.max(1, Math.round(full * scale));
    }

    private Row runCase(String name, ScenarioLoader loader, String resource, List<String> sets) {
        status("running case " + name + " (" + String.join(", ", sets) + ")");
        resetPeaks();
        long allocated = allocatedBytes();
        long gcs = gcCount();
        long start = System.nanoTime();
        Scenario s = BenchScenarios.load(loader, resource, sets);
        ScenarioRun run = new ScenarioRun(s).foldDecodeSteps(!noFold);
        double setup = (System.nanoTime() - start) / 1e9;
        RunResult r = run.run(Progress.NONE);
        long[] heap = peaks();
        return new Row(name, resource, r.arrived(), r.events(), setup, r.wallSeconds(), r.peakInFlight(), heap[0], heap[1],
                allocatedBytes() - allocated, gcCount() - gcs);
    }

    private int seedValues() {
        return (int) Math.max(1, Math.min(1000, Math.round(SWEEP_AXIS * scale)));
    }

    /**
     * Case d's outcome: rows d-1t, d-Nt, d-1t#2, ...; each round's speed-up and the machine's
     * {@link ParallelCapacity} measured just before it, both sorted.
     */
    private record Sweep(List<Row> rows, int threads, double[] speedUps, double[] capacity) {
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    /** Case d: {@link #SWEEP_ROUNDS} rounds of the same sweep on 1 thread, then on {@code threads}. */
    private Sweep runSweep(ScenarioLoader loader, PrintWriter out) {
        List<String> rates = new ArrayList<>();
        List<String> seqs = new ArrayList<>();
        List<String> seeds = new ArrayList<>();
        for (int i = 1; i <= SWEEP_AXIS; i++) {
            rates.add(i + "/s");
            seqs.add(Integer.toString(8 * i));
        }
        for (int i = 1; i <= seedValues(); i++) {
            seeds.add(Integer.toString(i));
        }
        SweepGrid grid = new SweepGrid(List.of(new Scenario.SweepAxis("workload.arrivals.rate", rates),
                new Scenario.SweepAxis("cluster.pools[0].batching.max_seqs", seqs), new Scenario.SweepAxis("seed", seeds)));
        String resource = BenchScenarios.SWEEP_POINT;
        // Untimed warm-up: the whole sweep once, through the same path as the timed runs (points
        // run, summaries written) on all threads. Otherwise the JIT is still compiling during the
        // timed runs, and the single-threaded one, going first, would pay for more of it; and its
        // compiler threads take the idle core in the 1-thread run but compete with the workers in
        // the parallel one. With only 100 points run outside the sweep runner, C2 was still busy on
        // a quarter of the machine during both timed runs.
        int parallel = Math.min(threads, grid.size());
        // Every sweep writes into its own folder, and all are deleted at the end: deleting one
        // sweep's 1,000 folders between two timed ones left the file system's deferred work to the
        // next (on ext4 in a VM, a parallel sweep after a deletion ran 1.4-1.8 s instead of 0.9-1.25 s).
        Path parent = tempDir();
        try {
            status("warming up case d (" + grid.size() + " points, untimed)");
            sweepOnce(loader, grid, resource, parallel, parent.resolve("warm-up"));
            ParallelCapacity.warmUp();
            List<Row> rows = new ArrayList<>();
            double[] speedUps = new double[SWEEP_ROUNDS];
            double[] capacity = new double[SWEEP_ROUNDS];
            for (int round = 0; round < SWEEP_ROUNDS; round++) {
                status("measuring this machine's parallel capacity (a compute loop on 1 and " + parallel + " threads)");
                capacity[round] = ParallelCapacity.measure(parallel);
                double[] wall = new double[2];
                int[] counts = {1, parallel};
                for (int k = 0; k < 2; k++) {
                    int t = counts[k];
                    String name = "d-" + t + "t" + (round == 0 ? "" : "#" + (round + 1));
                    status("running case " + name + " (" + grid.size() + " points on " + t + " thread" + (t == 1 ? "" : "s") + ")");
                    SweepRun run = sweepOnce(loader, grid, resource, t, parent.resolve(name));
                    Row row = print(out, run.row(name, resource + " x " + grid.size()));
                    rows.add(row);
                    wall[k] = row.wallSeconds();
                }
                speedUps[round] = wall[0] / wall[1];
            }
            Arrays.sort(speedUps);
            Arrays.sort(capacity);
            return new Sweep(rows, parallel, speedUps, capacity);
        } finally {
            AtomicFiles.deleteTreeQuietly(parent);
        }
    }

    /** One timed sweep's measurements, before it is named. */
    private record SweepRun(long requests, long events, double setup, double wall, int inFlight, long[] heap,
            long allocated, long gcs) {
        Row row(String name, String what) {
            return new Row(name, what, requests, events, setup, wall, inFlight, heap[0], heap[1], allocated, gcs);
        }
    }

    /** Loads the grid's points and runs them through a {@link SweepRunner} on {@code t} threads into {@code dir}. */
    private SweepRun sweepOnce(ScenarioLoader loader, SweepGrid grid, String resource, int t, Path dir) {
        resetPeaks();
        long allocated = allocatedBytes();
        long gcs = gcCount();
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
        return new SweepRun(requests.get(), events.get(), setup, wall, (int) inFlight.get(), peaks(),
                allocatedBytes() - allocated, gcCount() - gcs);
    }

    // ------------------------------------------------------------------ memory

    /** A full GC, then every heap pool's peak set to its current usage (the live data carried in). */
    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /**
     * {sum of the heap pools' peak usage, the old generation's peak usage}, bytes. A pool's peak is
     * recorded at collections, so the current usage counts too (a run with no GC since the reset).
     */
    static long[] peaks() {
        long sum = 0;
        long old = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() != MemoryType.HEAP || p.getPeakUsage() == null) {
                continue;
            }
            long used = Math.max(p.getPeakUsage().getUsed(), p.getUsage().getUsed());
            sum += used;
            String n = p.getName();
            if (n.contains("Old") || n.contains("Tenured")) {
                old = Math.max(old, used);
            }
        }
        return new long[] {sum, old};
    }

    /** Bytes allocated so far by every thread (HotSpot's counter), or 0 where it is not supported. */
    static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
            return t.getTotalThreadAllocatedBytes();
        }
        return 0;
    }

    /** Collections so far, all collectors (a concurrent cycle counts once per pause bean). */
    static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, g.getCollectionCount());
        }
        return n;
    }

    // ------------------------------------------------------------------ output

    private static String machine() {
        Runtime rt = Runtime.getRuntime();
        List<String> gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList();
        return String.format(Locale.ROOT, "machine: %d processors · Java %s (%s) · max heap %s MB · GC %s · %s %s",
                rt.availableProcessors(), Runtime.version(), System.getProperty("java.vendor"), mb(rt.maxMemory()),
                String.join(", ", gcs), System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    private static String header() {
        return String.format(Locale.ROOT, "%-6s %12s %14s %8s %8s %12s %12s %10s %9s %8s %10s", "case", "requests", "events",
                "setup s", "wall s", "req/s", "events/s", "in flight", "heap MB", "old MB", "alloc MB");
    }

    private static Row print(PrintWriter out, Row r) {
        out.println(String.format(Locale.ROOT, "%-6s %,12d %,14d %8.2f %8.2f %,12.0f %,12.0f %,10d %9s %8s %10s", r.name(),
                r.requests(), r.events(), r.setupSeconds(), r.wallSeconds(), r.requestsPerSecond(), r.eventsPerSecond(),
                r.peakInFlight(), mb(r.peakHeapBytes()), mb(r.peakOldBytes()), mb(r.allocatedBytes())));
        out.flush();
        return r;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,d", Math.round(bytes / 1048576.0));
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private void status(String message) {
        if (System.console() != null) {
            System.err.println("bench: " + message);
        }
    }

    private Path writeJson(List<Row> rows, Sweep sweep, Double heapRatio) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("machine", machine());
        root.put("processors", Runtime.getRuntime().availableProcessors());
        root.put("java", Runtime.version().toString());
        root.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        root.put("scale", scale);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("case", r.name());
            m.put("scenario", r.scenario());
            m.put("requests", r.requests());
            m.put("events", r.events());
            m.put("setup_seconds", r.setupSeconds());
            m.put("wall_seconds", r.wallSeconds());
            m.put("requests_per_second", r.requestsPerSecond());
            m.put("events_per_second", r.eventsPerSecond());
            m.put("peak_in_flight", r.peakInFlight());
            m.put("peak_heap_bytes", r.peakHeapBytes());
            m.put("peak_old_gen_bytes", r.peakOldBytes());
            m.put("allocated_bytes", r.allocatedBytes());
            m.put("gc_count", r.gcs());
            list.add(m);
        }
        root.put("cases", list);
        if (sweep != null) {
            root.put("sweep_speedup", median(sweep.speedUps()));
            root.put("sweep_speedup_rounds", Arrays.stream(sweep.speedUps()).boxed().toList()); // sorted
            root.put("machine_parallel_capacity", median(sweep.capacity()));
            root.put("machine_parallel_capacity_rounds", Arrays.stream(sweep.capacity()).boxed().toList()); // sorted
        }
        if (heapRatio != null) {
            root.put("heap_check_ratio", heapRatio);
        }
        try {
            write(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new TokenFabException(json + ": cannot write: " + e.getMessage(), e);
        }
        return json;
    }

    private Path writeCsv(List<Row> rows) {
        StringBuilder b = new StringBuilder("case,scenario,requests,events,setup_seconds,wall_seconds,requests_per_second,"
                + "events_per_second,peak_in_flight,peak_heap_bytes,peak_old_gen_bytes,allocated_bytes,gc_count\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.4f,%.4f,%.1f,%.1f,%d,%d,%d,%d,%d%n", r.name(),
                    r.scenario().replace(',', ' '), r.requests(), r.events(), r.setupSeconds(), r.wallSeconds(), r.requestsPerSecond(),
                    r.eventsPerSecond(), r.peakInFlight(), r.peakHeapBytes(), r.peakOldBytes(), r.allocatedBytes(), r.gcs()));
        }
        write(csv, b.toString());
        return csv;
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TokenFabException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tokenfab-bench-sweep");
        } catch (IOException e) {
            throw new TokenFabException("cannot create a temporary folder for the sweep: " + e.getMessage(), e);
        }
    }
}
