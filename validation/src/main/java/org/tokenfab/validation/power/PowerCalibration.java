package org.tokenfab.validation.power;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Confidence;
import org.tokenfab.hardware.Provenance;
import org.tokenfab.hardware.power.PowerParameters;
import org.tokenfab.sim.TokenFabException;

/**
 * The power calibration: fits every measured accelerator's power model and writes
 * {@code power-calibration.yaml}, the resource {@link org.tokenfab.hardware.power.PowerCatalog}
 * reads. Deterministic: the same data and catalog give the same file, byte for byte.
 *
 * <p>Run from the reactor root (writes the bundled resource unless given another path; the CLI's
 * shaded jar contains this module):
 * <pre>
 *   ./mvnw -q -pl cli -am package -DskipTests
 *   java -cp cli/target/tokenfab.jar org.tokenfab.validation.power.PowerCalibration [output.yaml]
 * </pre>
 * {@code PowerCalibrationTest} reruns the fit and fails if the bundled file differs from the result.
 *
 * <p>Method, per accelerator (idle and TDP always from the catalog):
 * <ul>
 *   <li>H200, B200, GB200: AIConfigurator's vLLM 0.22.0 kernel power tables. Steady-state
 *       readings only ({@link KernelSample#steadyState()}), GEMM and decode-attention rows of the
 *       calibration half (a fixed hash of each row's family, type and shape); prefill attention and
 *       MoE are never fitted, only validated. Each family weighs equally. The memory coefficient is
 *       fitted only with at least {@value #MIN_MEMORY_BOUND_POINTS} memory-bound points
 *       (u_m ≥ 0.5); otherwise it is the nearest measured relative's (GB200 takes B200's).
 *   <li>H100 SXM: the ML.ENERGY runs of four models (Llama 3.1 8B and 70B, Qwen3 8B and 32B);
 *       the other three models (Llama 3.3 70B, Qwen3 14B, Llama 3.1 405B FP8) are held out.
 *   <li>DVFS, all accelerators: the clock exponent α from SplitwiseSim's power-capped H100 table
 *       (prompt phase 1.30× slower at a cap of 70% of TDP, token phase unchanged), solved with
 *       H100's parameters: idle + (TDP − idle)·(1/1.30)^α = 0.70·TDP; the others borrow it.
 * </ul>
 */
public final class PowerCalibration {
    /** Where the bundled resource lives, relative to the reactor root. */
    public static final Path DEFAULT_OUTPUT =
            Path.of("hardware-models/src/main/resources/org/tokenfab/hardware/power/power-calibration.yaml");
    static final int MIN_MEMORY_BOUND_POINTS = 20;
    static final Set<KernelFamily> FIT_FAMILIES = Set.of(KernelFamily.GEMM, KernelFamily.GENERATION_ATTENTION);
    static final Set<String> CALIBRATION_MODELS = Set.of("meta-llama/Llama-3.1-8B-Instruct",
            "meta-llama/Llama-3.1-70B-Instruct", "Qwen/Qwen3-8B", "Qwen/Qwen3-32B");
    /** Order of the file; a relative must come before the accelerators that borrow from it. */
    static final List<String> KERNEL_GPUS = List.of("h200", "b200", "gb200");
    static final Map<String, String> RELATIVES = Map.of("gb200", "b200");
    /**
     * Lowest SM clock a cap may impose, as a fraction of the clock under TDP. An assumption (no
     * source in the shared reference): data-centre GPUs clock down to a few hundred MHz.
     */
    static final double MIN_CLOCK_FRACTION = 0.2;

    private PowerCalibration() {
    }

    /** Writes the calibration to {@code args[0]}, or to {@link #DEFAULT_OUTPUT}. */
    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : DEFAULT_OUTPUT;
        if (out.toAbsolutePath().getParent() == null || !Files.isDirectory(out.toAbsolutePath().getParent())) {
            throw new TokenFabException("cannot write " + out + ": its directory does not exist (run from the reactor"
                    + " root, or pass the output file)");
        }
        Result result = calibrate(Catalog.builtIn());
        Files.writeString(out, result.yaml(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out + " (" + result.version() + ")");
        for (Fitted f : result.accelerators()) {
            System.out.println("  " + f.summaryLine());
        }
    }

    /** One accelerator's calibrated parameters with the fit's record. */
    record Fitted(PowerParameters parameters, double tdpAtFit, Map<String, String> fit) {
        String summaryLine() {
            PowerParameters p = parameters;
            return String.format(Locale.ROOT, "%-9s idle %6.1f  active %6.1f  compute %7.1f  memory %6.1f  α %.3f  %s",
                    p.acceleratorId(), p.idleW(), p.activeW(), p.computeW(), p.memoryW(), p.clockExponent(), fit);
        }
    }

    /** The whole calibration and its file. */
    record Result(List<Fitted> accelerators, String version, String yaml) {
        Fitted of(String id) {
            return accelerators.stream().filter(f -> f.parameters().acceleratorId().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not calibrated: " + id));
        }
    }

    /** Runs every fit against {@code catalog}'s specs. */
    static Result calibrate(Catalog catalog) {
        Dvfs dvfs = Dvfs.fromSplitwise(catalog.accelerator("h100-sxm"));
        List<Fitted> fitted = new ArrayList<>();
        fitted.add(fitH100(catalog.accelerator("h100-sxm"), dvfs));
        Map<String, PowerParameters> done = new LinkedHashMap<>();
        done.put("h100-sxm", fitted.get(0).parameters());
        for (String id : KERNEL_GPUS) {
            Fitted f = fitKernels(catalog.accelerator(id), dvfs, done);
            fitted.add(f);
            done.put(id, f.parameters());
        }
        return CalibrationFile.render(fitted, dvfs);
    }

    /** Whether a kernel row belongs to the calibration half (else held out); a fixed hash of what it is. */
    static boolean calibrationFold(KernelSample s) {
        CRC32 crc = new CRC32();
        crc.update((s.family().label() + "|" + s.dtype() + "|" + s.shape()).getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 2 == 0;
    }

    static Fitted fitH100(AcceleratorSpec h100, Dvfs dvfs) {
        return fitH100(h100, dvfs, MlEnergyData.load(h100));
    }

    /** The H100 fit on the given runs (the calibration models' runs fit, the others are held out). */
    static Fitted fitH100(AcceleratorSpec h100, Dvfs dvfs, List<ServingRun> runs) {
        List<PowerFit.Point> points = new ArrayList<>();
        for (ServingRun r : runs) {
            if (CALIBRATION_MODELS.contains(r.model())) {
                points.add(new PowerFit.Point(r.computeUtilisation(), r.memoryUtilisation(), r.measuredGpuW(), 1));
            }
        }
        PowerFit.Coefficients c = PowerFit.fit(points, h100.idleW(), h100.tdpW());
        ErrorStats in = servingErrors(runs, c, h100, true);
        ErrorStats out = servingErrors(runs, c, h100, false);
        String data = "ML.ENERGY v3 H100 runs (vLLM 0.11.1; github.com/ml-energy/leaderboard @0cd52da, Apache-2.0), dense"
                + " text models, per-GPU average power vs roofline activity";
        Provenance fittedSource = new Provenance("least squares on " + points.size() + " " + data + " of "
                + String.join(", ", CALIBRATION_MODELS.stream().sorted().toList()) + "; idle from the catalog",
                Confidence.MEDIUM);
        Map<String, String> fit = fitRecord(data, in, out, "held-out models: Llama-3.3-70B, Qwen3-14B, Llama-3.1-405B-FP8");
        return new Fitted(parameters(h100, c, fittedSource, fittedSource, dvfs, true), h100.tdpW(), fit);
    }

    static Fitted fitKernels(AcceleratorSpec spec, Dvfs dvfs, Map<String, PowerParameters> done) {
        List<KernelSample> samples = KernelPowerData.load(spec);
        List<KernelSample> fitRows = samples.stream()
                .filter(s -> s.steadyState() && FIT_FAMILIES.contains(s.family()) && calibrationFold(s)).toList();
        Map<KernelFamily, Integer> perFamily = new EnumMap<>(KernelFamily.class);
        fitRows.forEach(s -> perFamily.merge(s.family(), 1, Integer::sum));
        List<PowerFit.Point> points = new ArrayList<>();
        for (KernelSample s : fitRows) {
            points.add(new PowerFit.Point(s.computeUtilisation(), s.memoryUtilisation(), s.measuredW(),
                    1 / Math.sqrt(perFamily.get(s.family()))));
        }
        long memoryBound = fitRows.stream().filter(s -> s.memoryUtilisation() >= 0.5).count();
        String relative = RELATIVES.get(spec.id());
        boolean fitMemory = memoryBound >= MIN_MEMORY_BOUND_POINTS || relative == null;
        PowerFit.Coefficients c = fitMemory
                ? PowerFit.fit(points, spec.idleW(), spec.tdpW())
                : PowerFit.fit(points, spec.idleW(), spec.tdpW(), done.get(relative).memoryW());
        String data = "AIConfigurator vLLM 0.22.0 kernel power tables for " + spec.id()
                + " (github.com/ai-dynamo/aiconfigurator @095f58a, Apache-2.0)";
        String families = perFamily.entrySet().stream().map(e -> e.getKey().label() + " " + e.getValue())
                .reduce((a, b) -> a + ", " + b).orElse("");
        Provenance fitted = new Provenance("least squares on " + fitRows.size() + " steady-state readings (" + families
                + ", calibration half) of " + data + "; idle from the catalog", Confidence.MEDIUM);
        Provenance memory = fitMemory ? fitted : new Provenance(relative + "'s fitted value: only " + memoryBound
                + " memory-bound (u_m >= 0.5) readings for " + spec.id() + ", fewer than " + MIN_MEMORY_BOUND_POINTS,
                Confidence.LOW_PRELIMINARY);
        List<KernelSample> steady = samples.stream().filter(KernelSample::steadyState)
                .filter(s -> FIT_FAMILIES.contains(s.family())).toList();
        ErrorStats in = kernelErrors(steady.stream().filter(PowerCalibration::calibrationFold).toList(), c, spec);
        ErrorStats out = kernelErrors(steady.stream().filter(s -> !calibrationFold(s)).toList(), c, spec);
        Map<String, String> fit = fitRecord(data, in, out,
                "held out: the other half of the steady-state GEMM and decode-attention readings");
        fit.put("memory_bound_points", Long.toString(memoryBound));
        return new Fitted(parameters(spec, c, fitted, memory, dvfs, false), spec.tdpW(), fit);
    }

    static ErrorStats kernelErrors(List<KernelSample> rows, PowerFit.Coefficients c, AcceleratorSpec spec) {
        double[] predicted = new double[rows.size()];
        double[] measured = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            KernelSample s = rows.get(i);
            predicted[i] = c.watts(spec.idleW(), spec.tdpW(), s.computeUtilisation(), s.memoryUtilisation());
            measured[i] = s.measuredW();
        }
        return ErrorStats.of(predicted, measured);
    }

    static ErrorStats servingErrors(List<ServingRun> runs, PowerFit.Coefficients c, AcceleratorSpec spec,
            boolean calibrationModels) {
        List<ServingRun> rows = runs.stream().filter(r -> CALIBRATION_MODELS.contains(r.model()) == calibrationModels)
                .toList();
        double[] predicted = new double[rows.size()];
        double[] measured = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            predicted[i] = c.watts(spec.idleW(), spec.tdpW(), rows.get(i).computeUtilisation(),
                    rows.get(i).memoryUtilisation());
            measured[i] = rows.get(i).measuredGpuW();
        }
        return ErrorStats.of(predicted, measured);
    }

    private static Map<String, String> fitRecord(String data, ErrorStats in, ErrorStats out, String heldOut) {
        Map<String, String> fit = new LinkedHashMap<>();
        fit.put("data", data);
        fit.put("rows_fit", Integer.toString(in.n()));
        fit.put("mape_fit", percent(in.mape()));
        fit.put("rows_held_out", Integer.toString(out.n()));
        fit.put("mape_held_out", percent(out.mape()));
        fit.put("held_out", heldOut);
        return fit;
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static PowerParameters parameters(AcceleratorSpec spec, PowerFit.Coefficients c, Provenance fitted,
            Provenance memory, Dvfs dvfs, boolean dvfsMeasuredHere) {
        Map<String, Provenance> provenance = new LinkedHashMap<>();
        Provenance idle = spec.provenanceOf(AcceleratorSpec.FIELD_IDLE);
        provenance.put(PowerParameters.FIELD_IDLE, new Provenance("catalog idle_w: " + idle.source(), idle.confidence()));
        provenance.put(PowerParameters.FIELD_ACTIVE, fitted);
        provenance.put(PowerParameters.FIELD_COMPUTE, fitted);
        provenance.put(PowerParameters.FIELD_MEMORY, memory);
        String borrowed = dvfsMeasuredHere ? "" : "h100-sxm's value (no power-capped measurements for " + spec.id() + "): ";
        provenance.put(PowerParameters.FIELD_CLOCK_EXPONENT,
                new Provenance(borrowed + dvfs.exponentSource(), Confidence.LOW_PRELIMINARY));
        provenance.put(PowerParameters.FIELD_MEMORY_CLOCK_SENSITIVITY,
                new Provenance(borrowed + dvfs.sensitivitySource(), Confidence.LOW_PRELIMINARY));
        provenance.put(PowerParameters.FIELD_MIN_CLOCK_FRACTION, new Provenance("assumption, not measured: data-centre"
                + " GPUs lower their SM clock to a few hundred MHz, about a fifth of boost", Confidence.LOW_PRELIMINARY));
        return new PowerParameters(spec.id(), spec.idleW(), c.activeW(), c.computeW(), c.memoryW(), spec.tdpW(),
                dvfs.clockExponent(), dvfs.memoryClockSensitivity(), MIN_CLOCK_FRACTION, provenance);
    }

    static String sha256Prefix(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
