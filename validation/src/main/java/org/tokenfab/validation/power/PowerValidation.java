package org.tokenfab.validation.power;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.power.PowerCatalog;
import org.tokenfab.hardware.power.PowerModel;
import org.tokenfab.validation.BoundCheck;
import org.tokenfab.validation.ReportTable;
import org.tokenfab.validation.SuiteReport;

/**
 * The {@code power} validation suite: the bundled power calibration against measured power.
 *
 * <ul>
 *   <li>Kernel power (H200, B200, GB200; AIConfigurator vLLM 0.22.0): per op family and split, and
 *       over all steady-state held-out readings of a GPU (bounded). Readings that cannot show
 *       steady-state power (timed loop under 1 s, eager launches) are listed as excluded.
 *   <li>ML.ENERGY v3 (H100, vLLM 0.11.1): average GPU power and GPU energy per output token per
 *       run, calibration models and held-out models (bounded). Energy per token is predicted power
 *       × GPUs ÷ measured throughput, so its error equals the power error run by run; it becomes an
 *       independent check only when the simulator predicts the throughput too (the serving suite).
 *   <li>Transfer (informational): H200's kernel-calibrated coefficients on the H100 runs, a test of
 *       whether microbenchmark power carries over to serving on the same GPU die.
 * </ul>
 * The bound is issue 9's: within 15%, read as a MAPE of at most 15% on each bounded line.
 *
 * <p>Run: {@code java -cp cli/target/tokenfab.jar org.tokenfab.validation.power.PowerValidation}
 * (after {@code ./mvnw -q -pl cli -am package -DskipTests}); {@link #run()} is the entry point for
 * {@code tokenfab validate power}.
 */
public final class PowerValidation {
    /** Issue 9: power and energy per token within 15%. */
    public static final double BOUND = 0.15;
    static final String KERNELS = "AIConfigurator kernel power, vLLM 0.22.0";
    static final String SERVING = "ML.ENERGY v3 serving runs, vLLM 0.11.1";

    private PowerValidation() {
    }

    static final List<String> HEADER = List.of("gpu", "metric", "cases", "split", "n", "MAPE %", "median APE %",
            "p90 APE %", "bias %", "bound %", "status");

    /** Prints the suite's tables; exits 1 if a bound is missed. */
    public static void main(String[] args) {
        SuiteReport report = run();
        System.out.println(report.title());
        report.tables().forEach(t -> System.out.println(t.text()));
        for (BoundCheck c : report.checks()) {
            System.out.printf(Locale.ROOT, "%s %s: %.1f%% (bound %.0f%%)%n", c.passed() ? "held  " : "FAILED", c.what(),
                    c.value(), c.bound());
        }
        report.notes().forEach(n -> System.out.println("note: " + n));
        if (!report.passed()) {
            System.exit(1);
        }
    }

    /** The {@code power} suite on the bundled catalog and calibration, in the shape of {@code tokenfab validate}. */
    public static SuiteReport run() {
        PowerCatalog power = PowerCatalog.builtIn();
        List<CaseResult> cases = cases(Catalog.builtIn(), power);
        List<ReportTable> tables = new ArrayList<>();
        for (String dataset : List.of(KERNELS, SERVING)) {
            tables.add(new ReportTable(dataset, HEADER, cases.stream().filter(c -> c.dataset().equals(dataset))
                    .map(CaseResult::cells).toList()));
        }
        List<BoundCheck> checks = cases.stream().filter(c -> !Double.isNaN(c.boundMape()))
                .map(c -> new BoundCheck(c.accelerator() + " " + c.metric() + ", " + c.group() + ", held-out MAPE %",
                        100 * c.errors().mape(), 100 * c.boundMape()))
                .toList();
        List<String> intro = List.of("The bundled power calibration (" + power.version() + ") against measured GPU"
                + " power: AIConfigurator's kernel power tables (H200, B200, GB200) and ML.ENERGY's serving runs (H100)."
                + " Calibration and held-out cases are fitted and judged apart; only held-out lines carry issue 9's"
                + " bound (MAPE <= 15%).");
        List<String> notes = List.of(
                "Kernel activity: FLOPs and minimum bytes from each kernel's shape over its measured latency"
                        + " (utilisations above 1, cache reuse the count ignores, are taken as 1). Excluded lines are"
                        + " readings that cannot show steady-state power: timed loops under 1 s, eager launches.",
                "ML.ENERGY activity: a roofline estimate per run with assumed prompt lengths (200 tokens"
                        + " lm-arena-chat, 300 gpqa). Energy per token uses the measured throughput, so its error equals"
                        + " the power error; the serving suite tests predicted throughput.",
                "Prefill attention and MoE kernels are never fitted; H200's are the worst lines (see the tables)."
                        + " Their misses look like measurement artefacts that no column of the tables flags row by"
                        + " row. On Hopper and Blackwell, NVML returns power averaged over the last second, so a"
                        + " reading of a loop of about 1 s mixes in the second before the loop (case setup, JIT"
                        + " compilation). At equal latency, H200 fp8 MoE reads either 135-145 W or 690 W, and bf16"
                        + " prefill power falls as u_c rises past 0.6 on both GPUs.");
        return new SuiteReport("power", "Accelerator power and energy per token", intro, tables, checks, notes);
    }

    /** Every line of the suite, in report order. */
    static List<CaseResult> cases(Catalog catalog, PowerCatalog power) {
        List<CaseResult> cases = new ArrayList<>();
        for (String id : PowerCalibration.KERNEL_GPUS) {
            kernelCases(catalog.accelerator(id), power, cases);
        }
        servingCases(catalog, power, cases);
        return cases;
    }

    private static void kernelCases(AcceleratorSpec spec, PowerCatalog power, List<CaseResult> cases) {
        PowerModel model = power.modelFor(spec);
        List<KernelSample> samples = KernelPowerData.load(spec);
        ToDoubleFunction<KernelSample> predict = s -> model.watts(Math.min(1, s.computeUtilisation()),
                Math.min(1, s.memoryUtilisation()));
        Predicate<KernelSample> calibration = s -> PowerCalibration.FIT_FAMILIES.contains(s.family())
                && PowerCalibration.calibrationFold(s);
        for (KernelFamily family : KernelPowerData.FAMILIES.get(spec.id())) {
            List<KernelSample> steady = samples.stream().filter(s -> s.family() == family && s.steadyState()).toList();
            if (PowerCalibration.FIT_FAMILIES.contains(family)) {
                cases.add(kernelCase(spec, family.label(), CaseResult.Split.CALIBRATION,
                        steady.stream().filter(calibration).toList(), predict, Double.NaN));
            }
            cases.add(kernelCase(spec, family.label(), CaseResult.Split.HELD_OUT,
                    steady.stream().filter(calibration.negate()).toList(), predict, Double.NaN));
        }
        cases.add(kernelCase(spec, "all families", CaseResult.Split.HELD_OUT,
                samples.stream().filter(KernelSample::steadyState).filter(calibration.negate()).toList(), predict, BOUND));
        for (String reason : List.of("timed loop shorter than 1 s", "eager launches (no CUDA graph)")) {
            List<KernelSample> excluded = samples.stream().filter(s -> s.exclusionReason().equals(reason)).toList();
            if (!excluded.isEmpty()) {
                cases.add(kernelCase(spec, reason, CaseResult.Split.EXCLUDED, excluded, predict, Double.NaN));
            }
        }
    }

    private static CaseResult kernelCase(AcceleratorSpec spec, String group, CaseResult.Split split,
            List<KernelSample> rows, ToDoubleFunction<KernelSample> predict, double bound) {
        double[] predicted = rows.stream().mapToDouble(predict).toArray();
        double[] measured = rows.stream().mapToDouble(KernelSample::measuredW).toArray();
        return new CaseResult(KERNELS, spec.id(), "GPU power", group, split, ErrorStats.of(predicted, measured), bound);
    }

    private static void servingCases(Catalog catalog, PowerCatalog power, List<CaseResult> cases) {
        AcceleratorSpec h100 = catalog.accelerator("h100-sxm");
        List<ServingRun> runs = MlEnergyData.load(h100);
        PowerModel model = power.modelFor(h100);
        for (boolean calibration : new boolean[] {true, false}) {
            List<ServingRun> rows = runs.stream()
                    .filter(r -> PowerCalibration.CALIBRATION_MODELS.contains(r.model()) == calibration).toList();
            CaseResult.Split split = calibration ? CaseResult.Split.CALIBRATION : CaseResult.Split.HELD_OUT;
            String group = calibration ? "4 models (Llama 3.1 8B/70B, Qwen3 8B/32B)"
                    : "3 models (Llama 3.3 70B, Qwen3 14B, 405B FP8)";
            double bound = calibration ? Double.NaN : BOUND;
            double[] watts = rows.stream().mapToDouble(r -> watts(model, r)).toArray();
            cases.add(new CaseResult(SERVING, h100.id(), "GPU power", group, split,
                    ErrorStats.of(watts, rows.stream().mapToDouble(ServingRun::measuredGpuW).toArray()), bound));
            double[] joules = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                joules[i] = rows.get(i).joulesPerToken(watts[i]);
            }
            cases.add(new CaseResult(SERVING, h100.id(), "energy per output token", group, split,
                    ErrorStats.of(joules, rows.stream().mapToDouble(ServingRun::measuredJoulesPerToken).toArray()),
                    bound));
        }
        // Transfer: H200's kernel coefficients (same GH100 die, same idle and TDP in the catalog) on H100 runs.
        PowerModel transfer = new PowerModel(power.parametersFor(catalog.accelerator("h200"))
                .withTdp(h100.tdpW()));
        double[] predicted = runs.stream().mapToDouble(r -> watts(transfer, r)).toArray();
        cases.add(new CaseResult(SERVING, h100.id(), "GPU power", "all 7 models, with h200's kernel fit",
                CaseResult.Split.HELD_OUT,
                ErrorStats.of(predicted, runs.stream().mapToDouble(ServingRun::measuredGpuW).toArray()), Double.NaN));
    }

    private static double watts(PowerModel model, ServingRun r) {
        return model.watts(Math.min(1, r.computeUtilisation()), Math.min(1, r.memoryUtilisation()));
    }
}
