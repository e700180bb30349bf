package org.tokenfab.validation.serving;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.cost.EngineProfile;
import org.tokenfab.hardware.cost.EngineProfiles;
import org.tokenfab.hardware.cost.LaunchFloor;

/**
 * Fits each non-vLLM engine profile (kernel, collective and host-time scales; launch floors per
 * accelerator for engines without CUDA graphs) to the calibration split of
 * that engine's bundled serving cases: the even-numbered points of every case whose
 * {@code engine_profile} names it. The odd points are never seen here; {@code tokenfab validate
 * serving} judges the profile on them. The objective is the mean absolute log error of every
 * compared figure (TTFT and TPOT of static batches, throughput of offline runs): absolute, not
 * squared, so that a model whose kernel paths no profile can express (an outlier) does not pull
 * the profile away from the others, as the per-point bounds judge them; minimised by a
 * coarse grid and then a simplex search over all parameters. Deterministic: same cases, same
 * result. Writes {@code engines-v1.yaml}.
 */
public final class EngineFit {
    /** Where the bundled profiles live in a source checkout. */
    public static final String DEFAULT_OUTPUT = "hardware-models/src/main/resources/org/tokenfab/hardware/calibration/engines-v1.yaml";

    private static final double[] KERNEL_GRID = {0.5, 0.7, 1.0, 1.4, 2.0, 2.8};
    private static final double[] HOST_GRID = {0, 1, 3, 9};
    /** Collectives' time per byte against their latency's (the kernel scale), on the grid. */
    private static final double[] BANDWIDTH_GRID = {1, 3, 9};
    /** Widest launch floor searched, ns per layer (the Splitwise stack's is a few hundred us). */
    private static final double MAX_FLOOR_NANOS_PER_LAYER = 2_000_000;
    /** Widest per-sequence part searched, ns per layer per sequence (a kernel launch is a few us). */
    private static final double MAX_FLOOR_NANOS_PER_LAYER_PER_SEQUENCE = 50_000;
    /** Where the simplex search starts a host scale or floor the grid left at 0 (it works in logarithms). */
    private static final double MIN_HOST_SCALE = 0.01;
    private static final double MIN_FLOOR_NANOS_PER_LAYER = 1_000;
    private static final double MIN_FLOOR_NANOS_PER_LAYER_PER_SEQUENCE = 100;
    /** Objective evaluations of the simplex search per fitted parameter (each a run of every calibration point). */
    private static final int SIMPLEX_EVALUATIONS_PER_PARAMETER = 40;

    /**
     * Engines that launch kernels from Python without CUDA graphs, and so get a launch floor per
     * accelerator. The Splitwise stack is one: its measured TPOT of Llama-2-70B is the same at TP4
     * and TP8 on both DGX systems (A100 45.0 and 44.9 ms, H100 29.6 and 29.7 ms at batch 1) while
     * the GPU work halves, which only a host-bound step explains. TensorRT-LLM runs a C++ runtime
     * with CUDA graphs.
     */
    private static final Set<String> LAUNCH_BOUND = Set.of("splitwise-2023");

    /** One fitted engine: its profile and its in-sample mean absolute log error. */
    public record Fit(EngineProfile profile, int points, double meanAbsLogError, int evaluations) {
    }

    private EngineFit() {
    }

    /** Fits every engine the bundled cases name (other than vLLM) and writes the profiles to {@code out}. */
    public static List<Fit> run(Path out, PrintWriter log) throws IOException {
        List<ServingCase> all = ServingCases.bundled();
        Map<String, List<ServingCase>> byEngine = new LinkedHashMap<>();
        for (ServingCase c : all) {
            if (!c.engineProfile().equals(EngineProfile.VLLM.id()) && c.fitsEngineProfile()) {
                byEngine.computeIfAbsent(c.engineProfile(), k -> new ArrayList<>()).add(calibrationSplit(c));
            }
        }
        List<Fit> fits = new ArrayList<>();
        for (var e : byEngine.entrySet()) {
            log.println("fitting " + e.getKey() + " on " + e.getValue().stream().mapToInt(EngineFit::points).sum()
                    + " calibration points ...");
            log.flush();
            Fit f = fit(e.getKey(), e.getValue());
            EngineProfile p = f.profile();
            log.printf(Locale.ROOT, "  kernel_scale %.3f, comm_latency_scale %.3f, comm_bandwidth_scale %.3f, host_scale %.3f%s,"
                    + " in-sample mean absolute log error %.3f (%d runs)%n", p.kernelScale(), p.commLatencyScale(), p.commBandwidthScale(),
                    p.hostScale(), details(p), f.meanAbsLogError(), f.evaluations());
            fits.add(f);
        }
        write(out, fits);
        return fits;
    }

    private static String details(EngineProfile p) {
        StringBuilder b = new StringBuilder();
        for (var e : new TreeMap<>(p.kernelScaleByPrecision()).entrySet()) {
            b.append(String.format(Locale.ROOT, ", kernel_scale %s %.3f", e.getKey(), e.getValue()));
        }
        for (var e : new TreeMap<>(p.kernelScaleByAccelerator()).entrySet()) {
            b.append(String.format(Locale.ROOT, ", kernel_scale on %s %.3f", e.getKey(), e.getValue()));
        }
        for (var e : new TreeMap<>(p.launchFloors()).entrySet()) {
            LaunchFloor f = e.getValue();
            b.append(String.format(Locale.ROOT, ", launch floor on %s %.1f + %.2f/sequence (+ %.1f prefilling) us/layer", e.getKey(),
                    f.perLayerNanos() / 1_000, f.perLayerPerSequenceNanos() / 1_000, f.prefillPerLayerNanos() / 1_000));
        }
        return b.toString();
    }

    /** The case with only its even-numbered points (the calibration split). */
    static ServingCase calibrationSplit(ServingCase c) {
        List<ServingCase.Point> p = new ArrayList<>();
        for (int i = 0; i < c.points().size(); i += 2) {
            p.add(c.points().get(i));
        }
        List<ServingCase.ThroughputPoint> t = new ArrayList<>();
        for (int i = 0; i < c.throughputPoints().size(); i += 2) {
            t.add(c.throughputPoints().get(i));
        }
        return new ServingCase(c.file(), c.name(), c.kind(), c.source(), c.engine(), c.hardware(), true, c.trace(),
                c.scenarioText(), p, t, c.engineProfile(), true);
    }

    private static int points(ServingCase c) {
        return c.points().size() + c.throughputPoints().size();
    }

    /** The accelerators of the cases' scenarios (their first pool's {@code accelerator:}), sorted. */
    private static List<String> accelerators(List<ServingCase> cases) {
        Set<String> ids = new TreeSet<>();
        for (ServingCase c : cases) {
            c.scenarioText().lines().map(String::strip).filter(l -> l.startsWith("- accelerator:")).findFirst()
                    .ifPresent(l -> ids.add(l.substring("- accelerator:".length()).strip()));
        }
        return List.copyOf(ids);
    }

    /**
     * Minimises the mean absolute log error: launch floors first (golden section from vLLM's scales,
     * for launch-bound engines), then a coarse grid of kernel and host scale (collectives at the
     * kernel scale), then a Nelder–Mead simplex over every parameter from the grid's best (a kernel
     * scale per weight precision or per accelerator: {@link KernelKeys}).
     */
    private static Fit fit(String engine, List<ServingCase> cases) {
        Catalog catalog = Catalog.builtIn();
        EngineProfile base = EngineProfiles.builtIn().get(engine);
        int[] evaluations = {0};
        Objective objective = candidate -> {
            evaluations[0]++;
            List<CaseOutcome> out = ServingValidation.outcomes(cases, catalog,
                    id -> id.equals(engine) ? candidate : EngineProfiles.builtIn().get(id));
            double sum = 0;
            int n = 0;
            for (CaseOutcome o : out) {
                if (o.measured() > 0 && o.predicted() > 0) {
                    sum += Math.abs(Math.log(o.predicted() / o.measured()));
                    n++;
                }
            }
            return n == 0 ? Double.MAX_VALUE : sum / n;
        };
        EngineProfile p = new EngineProfile(engine, base.name(), 1, 1, 1, base.source());
        List<String> accelerators = LAUNCH_BOUND.contains(engine) ? accelerators(cases) : List.of();
        for (String a : accelerators) {
            p = p.withLaunchFloor(a, LaunchFloor.NONE);
        }
        // Each floor's part in turn (every step, per sequence, prefill), one accelerator at a time.
        for (String a : accelerators) {
            EngineProfile q = p;
            p = p.withLaunchFloor(a, LaunchFloor.perLayer(golden(f -> objective.at(q.withLaunchFloor(a, LaunchFloor.perLayer(f))), 0,
                    MAX_FLOOR_NANOS_PER_LAYER)));
        }
        for (String a : accelerators) {
            EngineProfile q = p;
            LaunchFloor f0 = q.launchFloors().get(a);
            double perSequence = golden(f -> objective.at(q.withLaunchFloor(a, new LaunchFloor(f0.perLayerNanos(), f, 0))), 0,
                    MAX_FLOOR_NANOS_PER_LAYER_PER_SEQUENCE);
            EngineProfile r = q.withLaunchFloor(a, new LaunchFloor(f0.perLayerNanos(), perSequence, 0));
            double prefill = golden(f -> objective.at(r.withLaunchFloor(a, new LaunchFloor(f0.perLayerNanos(), perSequence, f))), 0,
                    MAX_FLOOR_NANOS_PER_LAYER);
            p = r.withLaunchFloor(a, new LaunchFloor(f0.perLayerNanos(), perSequence, prefill));
        }
        double bestValue = Double.MAX_VALUE;
        EngineProfile bestGrid = p;
        for (double k : KERNEL_GRID) {
            for (double h : HOST_GRID) {
                for (double b : BANDWIDTH_GRID) {
                    EngineProfile q = p.withScales(k, k, k * b, h);
                    double v = objective.at(q);
                    if (v < bestValue) {
                        bestValue = v;
                        bestGrid = q;
                    }
                }
            }
        }
        p = bestGrid;
        // Then all parameters at once, in logarithms (scales and floors stay positive; a host
        // scale can approach 0), from the grid's best.
        Layout layout = new Layout(KernelKeys.of(cases), accelerators);
        EngineProfile from = p;
        double[] start = layout.encode(from);
        double[] step = new double[start.length];
        Arrays.fill(step, 0.3);
        double[] best = NelderMead.minimise(v -> objective.at(layout.decode(from, v)), start, step,
                SIMPLEX_EVALUATIONS_PER_PARAMETER * start.length);
        p = rounded(layout.decode(from, best));
        double error = objective.at(p);
        int n = cases.stream().mapToInt(EngineFit::points).sum();
        return new Fit(p, n, error, evaluations[0]);
    }

    /**
     * The weight precisions of the cases' offline points, sorted, when there are several (each then
     * gets its own kernel scale), else none.
     */
    private static List<String> precisions(List<ServingCase> cases) {
        Set<String> p = new TreeSet<>();
        for (ServingCase c : cases) {
            for (ServingCase.ThroughputPoint t : c.throughputPoints()) {
                p.add(t.precision());
            }
        }
        return p.size() < 2 ? List.of() : List.copyOf(p);
    }

    /**
     * Where each fitted parameter sits in the simplex's vector, all as logarithms: the collectives'
     * latency and bandwidth scales, the host scale, the kernel scales (one, or one per precision, or
     * one per accelerator: {@link KernelKeys}), the launch floors (every step, per sequence, prefill:
     * three per launch-bound accelerator).
     */
    private record Layout(KernelKeys kernelKeys, List<String> accelerators) {
        /** Where the kernel scales start (after the two collective scales and the host scale). */
        private static final int KERNELS = 3;

        double[] encode(EngineProfile p) {
            int kernels = kernelKeys.count();
            double[] v = new double[KERNELS + kernels + 3 * accelerators.size()];
            v[0] = Math.log(p.commLatencyScale());
            v[1] = Math.log(p.commBandwidthScale());
            v[2] = Math.log(Math.max(p.hostScale(), MIN_HOST_SCALE));
            for (int i = 0; i < kernels; i++) {
                v[KERNELS + i] = Math.log(kernelKeys.scale(p, i));
            }
            for (int i = 0; i < accelerators.size(); i++) {
                LaunchFloor f = p.launchFloors().get(accelerators.get(i));
                int at = KERNELS + kernels + 3 * i;
                v[at] = Math.log(Math.max(f.perLayerNanos(), MIN_FLOOR_NANOS_PER_LAYER));
                v[at + 1] = Math.log(Math.max(f.perLayerPerSequenceNanos(), MIN_FLOOR_NANOS_PER_LAYER_PER_SEQUENCE));
                v[at + 2] = Math.log(Math.max(f.prefillPerLayerNanos(), MIN_FLOOR_NANOS_PER_LAYER));
            }
            return v;
        }

        /** The profile {@code v} encodes; with per-key kernel scales, the default is their geometric mean. */
        EngineProfile decode(EngineProfile base, double[] v) {
            int kernels = kernelKeys.count();
            double logKernel = 0;
            for (int i = 0; i < kernels; i++) {
                logKernel += v[KERNELS + i] / kernels;
            }
            EngineProfile p = base.withScales(Math.exp(logKernel), Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2]));
            for (int i = 0; i < kernels; i++) {
                p = kernelKeys.with(p, i, Math.exp(v[KERNELS + i]));
            }
            for (int i = 0; i < accelerators.size(); i++) {
                int at = KERNELS + kernels + 3 * i;
                p = p.withLaunchFloor(accelerators.get(i), new LaunchFloor(Math.exp(v[at]), Math.exp(v[at + 1]), Math.exp(v[at + 2])));
            }
            return p;
        }
    }

    /**
     * What an engine's kernel scales are keyed by: its cases' weight precisions when they use
     * several (an engine's libraries differ per precision), else their accelerators when they ran on
     * several (each GPU's calibration is another vLLM release and kernel library, so the engine's
     * kernels compare differently with it), else nothing (one scale).
     *
     * @param precisions   the precisions, each with its own scale (empty unless several)
     * @param accelerators the accelerators, each with its own scale (empty unless several and one precision)
     */
    record KernelKeys(List<String> precisions, List<String> accelerators) {
        static KernelKeys of(List<ServingCase> cases) {
            List<String> p = EngineFit.precisions(cases);
            if (!p.isEmpty()) {
                return new KernelKeys(p, List.of());
            }
            List<String> a = EngineFit.accelerators(cases);
            return new KernelKeys(List.of(), a.size() < 2 ? List.of() : a);
        }

        int count() {
            return Math.max(1, precisions.size() + accelerators.size());
        }

        double scale(EngineProfile p, int i) {
            if (!precisions.isEmpty()) {
                return p.kernelScaleByPrecision().getOrDefault(precisions.get(i), p.kernelScale());
            }
            if (!accelerators.isEmpty()) {
                return p.kernelScaleByAccelerator().getOrDefault(accelerators.get(i), p.kernelScale());
            }
            return p.kernelScale();
        }

        EngineProfile with(EngineProfile p, int i, double scale) {
            if (!precisions.isEmpty()) {
                return p.withKernelScale(precisions.get(i), scale);
            }
            if (!accelerators.isEmpty()) {
                return p.withAcceleratorKernelScale(accelerators.get(i), scale);
            }
            return p;
        }
    }

    /** Scales to 3 decimals, floors to 0.1 us: what the file keeps, so the reported error is the file's. */
    private static EngineProfile rounded(EngineProfile p) {
        EngineProfile r = p.withScales(round3(p.kernelScale()), round3(p.commLatencyScale()), round3(p.commBandwidthScale()),
                round3(p.hostScale()));
        for (var e : p.kernelScaleByPrecision().entrySet()) {
            r = r.withKernelScale(e.getKey(), round3(e.getValue()));
        }
        for (var e : p.kernelScaleByAccelerator().entrySet()) {
            r = r.withAcceleratorKernelScale(e.getKey(), round3(e.getValue()));
        }
        for (var e : p.launchFloors().entrySet()) {
            LaunchFloor f = e.getValue();
            r = r.withLaunchFloor(e.getKey(), new LaunchFloor(Math.round(f.perLayerNanos() / 100.0) * 100.0,
                    Math.round(f.perLayerPerSequenceNanos() / 10.0) * 10.0, Math.round(f.prefillPerLayerNanos() / 100.0) * 100.0));
        }
        return r;
    }

    @FunctionalInterface
    private interface Objective {
        double at(EngineProfile candidate);
    }

    /** Golden-section minimum of a unimodal function on [lo, hi], 8 evaluations. */
    private static double golden(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
        double g = (Math.sqrt(5) - 1) / 2;
        double a = lo, b = hi;
        double c = b - g * (b - a), d = a + g * (b - a);
        double fc = f.applyAsDouble(c), fd = f.applyAsDouble(d);
        for (int i = 0; i < 6; i++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - g * (b - a);
                fc = f.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + g * (b - a);
                fd = f.applyAsDouble(d);
            }
        }
        return fc < fd ? c : d;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static final Map<String, String> NAMES = Map.of("trtllm", "TensorRT-LLM (trtllm-bench, v1.0 and release/1.2)",
            "splitwise-2023", "the Splitwise authors' 2023 serving stack (not vLLM)");

    static void write(Path out, List<Fit> fits) throws IOException {
        StringBuilder y = new StringBuilder("""
                # TokenFab engine profiles: how other serving engines' iterations differ from vLLM's, whose kernels,
                # collectives and host overheads the kernel calibration measured:
                #   t_step = max(kernel_scale x kernels + collectives, launch floor) + host_scale x host
                # with each collective's latency times comm_latency_scale and its time per byte times comm_bandwidth_scale,
                # kernel_scale per weight precision or per accelerator where an engine's cases use several,
                # and the launch floor (engines that launch kernels from Python without CUDA graphs) per accelerator:
                #   layers x (step + per_sequence x sequences + prefill if the step prefills), in us per layer.
                # Written by `tokenfab calibrate engines` (org.tokenfab.validation.serving.EngineFit) from the
                # calibration split (even-numbered points) of each engine's bundled validation cases;
                # `tokenfab validate serving` judges them on the odd points.
                # Do not edit by hand. vllm is all 1 without a floor by construction and is not fitted.
                format: tokenfab-engine-profiles-3
                engines:
                  vllm:
                    name: "vLLM (V1 engine)"
                    kernel_scale: 1.0
                    comm_latency_scale: 1.0
                    comm_bandwidth_scale: 1.0
                    host_scale: 1.0
                    source: "by construction"
                """);
        for (Fit f : fits) {
            EngineProfile p = f.profile();
            y.append(String.format(Locale.ROOT, """
                      %s:
                        name: "%s"
                        kernel_scale: %.3f
                        comm_latency_scale: %.3f
                        comm_bandwidth_scale: %.3f
                        host_scale: %.3f
                    """, p.id(), NAMES.getOrDefault(p.id(), p.id()), p.kernelScale(), p.commLatencyScale(), p.commBandwidthScale(),
                    p.hostScale()));
            if (!p.kernelScaleByPrecision().isEmpty()) {
                y.append("    # kernel_scale above serves precisions not listed here (not measured: the geometric mean of these)\n");
                y.append("    kernel_scale_by_precision:\n");
                for (var e : new TreeMap<>(p.kernelScaleByPrecision()).entrySet()) {
                    y.append(String.format(Locale.ROOT, "      %s: %.3f%n", e.getKey(), e.getValue()));
                }
            }
            if (!p.kernelScaleByAccelerator().isEmpty()) {
                y.append("    # kernel_scale above serves accelerators not listed here (not measured: the geometric mean of these)\n");
                y.append("    kernel_scale_by_accelerator:\n");
                for (var e : new TreeMap<>(p.kernelScaleByAccelerator()).entrySet()) {
                    y.append(String.format(Locale.ROOT, "      %s: %.3f%n", e.getKey(), e.getValue()));
                }
            }
            if (p.launchBound()) {
                y.append("    launch_floor_us_per_layer:\n");
                for (var e : new TreeMap<>(p.launchFloors()).entrySet()) {
                    LaunchFloor floor = e.getValue();
                    y.append(String.format(Locale.ROOT, "      %s: {step: %.1f, per_sequence: %.2f, prefill: %.1f}%n", e.getKey(),
                            floor.perLayerNanos() / 1_000, floor.perLayerPerSequenceNanos() / 1_000, floor.prefillPerLayerNanos() / 1_000));
                }
            }
            y.append(String.format(Locale.ROOT,
                    "    source: \"fitted by tokenfab calibrate engines on %d calibration points (even-numbered points of its cases); in-sample mean absolute log error %.3f\"%n",
                    f.points(), f.meanAbsLogError()));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, y, StandardCharsets.UTF_8);
    }
}
