package org.tokenfab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.bench.BenchScenarios;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.scenario.run.Progress;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.ScenarioRun;
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
            int peakInFlight, long peakHeapBytes, long peakOldBytes, long allocatedBytes, long gcs, double jitSeconds) {
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
        SweepBench.Outcome sweep = null;
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
                    sweep = new SweepBench(scale, threads, noFold, this::status).run(loader, r -> print(out, r));
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
            out.println(sweep.summary());
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
        JvmCounters.resetPeaks();
        long allocated = JvmCounters.allocatedBytes();
        long gcs = JvmCounters.gcCount();
        long jit = JvmCounters.compileMillis();
        long start = System.nanoTime();
        Scenario s = BenchScenarios.load(loader, resource, sets);
        ScenarioRun run = new ScenarioRun(s).foldDecodeSteps(!noFold);
        double setup = (System.nanoTime() - start) / 1e9;
        RunResult r = run.run(Progress.NONE);
        long[] heap = JvmCounters.peaks();
        return new Row(name, resource, r.arrived(), r.events(), setup, r.wallSeconds(), r.peakInFlight(), heap[0], heap[1],
                JvmCounters.allocatedBytes() - allocated, JvmCounters.gcCount() - gcs, (JvmCounters.compileMillis() - jit) / 1e3);
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
        return String.format(Locale.ROOT, "%-6s %12s %14s %8s %8s %12s %12s %10s %9s %8s %10s %6s", "case", "requests", "events",
                "setup s", "wall s", "req/s", "events/s", "in flight", "heap MB", "old MB", "alloc MB", "JIT s");
    }

    static Row print(PrintWriter out, Row r) {
        out.println(String.format(Locale.ROOT, "%-6s %,12d %,14d %8.2f %8.2f %,12.0f %,12.0f %,10d %9s %8s %10s %6.2f", r.name(),
                r.requests(), r.events(), r.setupSeconds(), r.wallSeconds(), r.requestsPerSecond(), r.eventsPerSecond(),
                r.peakInFlight(), mb(r.peakHeapBytes()), mb(r.peakOldBytes()), mb(r.allocatedBytes()), r.jitSeconds()));
        out.flush();
        return r;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,d", Math.round(bytes / 1048576.0));
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    void status(String message) {
        if (System.console() != null) {
            System.err.println("bench: " + message);
        }
    }

    private Path writeJson(List<Row> rows, SweepBench.Outcome sweep, Double heapRatio) {
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
            m.put("jit_compile_seconds", r.jitSeconds());
            list.add(m);
        }
        root.put("cases", list);
        if (sweep != null) {
            root.put("sweep_speedup", SweepBench.median(sweep.speedUps()));
            root.put("sweep_speedup_rounds", Arrays.stream(sweep.speedUps()).boxed().toList()); // sorted
            root.put("machine_parallel_capacity", SweepBench.median(sweep.capacity()));
            root.put("machine_parallel_capacity_rounds", Arrays.stream(sweep.capacity()).boxed().toList()); // sorted
            root.put("sweep_warm_ups", sweep.warmUps());
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
                + "events_per_second,peak_in_flight,peak_heap_bytes,peak_old_gen_bytes,allocated_bytes,gc_count,jit_compile_seconds\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.4f,%.4f,%.1f,%.1f,%d,%d,%d,%d,%d,%.3f%n", r.name(),
                    r.scenario().replace(',', ' '), r.requests(), r.events(), r.setupSeconds(), r.wallSeconds(), r.requestsPerSecond(),
                    r.eventsPerSecond(), r.peakInFlight(), r.peakHeapBytes(), r.peakOldBytes(), r.allocatedBytes(), r.gcs(),
                    r.jitSeconds()));
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
}
