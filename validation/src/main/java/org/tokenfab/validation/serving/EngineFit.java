package org.tokenfab.validation.serving;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.cost.EngineProfile;
import org.tokenfab.hardware.cost.EngineProfiles;

/**
 * Fits each non-vLLM engine profile (kernel-time and host-time scales) to the calibration split of
 * that engine's bundled serving cases: the even-numbered points of every case whose
 * {@code engine_profile} names it. The odd points are never seen here; {@code tokenfab validate
 * serving} judges the profile on them. The objective is the mean squared log error of every
 * compared figure (TTFT and TPOT of static batches, throughput of offline runs), minimised by a
 * coarse grid and then a golden-section refinement of each scale. Deterministic: same cases, same
 * result. Writes {@code engines-v1.yaml}.
 */
public final class EngineFit {
    /** Where the bundled profiles live in a source checkout. */
    public static final String DEFAULT_OUTPUT = "hardware-models/src/main/resources/org/tokenfab/hardware/calibration/engines-v1.yaml";

    private static final double[] KERNEL_GRID = {0.5, 0.7, 1.0, 1.4, 2.0, 2.8};
    private static final double[] HOST_GRID = {0, 1, 3, 9};

    /** One fitted engine: its scales and its in-sample error. */
    public record Fit(String engine, double kernelScale, double hostScale, int points, double rmsLogError, int evaluations) {
    }

    private EngineFit() {
    }

    /** Fits every engine the bundled cases name (other than vLLM) and writes the profiles to {@code out}. */
    public static List<Fit> run(Path out, PrintWriter log) throws IOException {
        List<ServingCase> all = ServingCases.bundled();
        Map<String, List<ServingCase>> byEngine = new LinkedHashMap<>();
        for (ServingCase c : all) {
            if (!c.engineProfile().equals(EngineProfile.VLLM.id())) {
                byEngine.computeIfAbsent(c.engineProfile(), k -> new ArrayList<>()).add(calibrationSplit(c));
            }
        }
        List<Fit> fits = new ArrayList<>();
        for (var e : byEngine.entrySet()) {
            log.println("fitting " + e.getKey() + " on " + e.getValue().stream().mapToInt(EngineFit::points).sum()
                    + " calibration points ...");
            log.flush();
            Fit f = fit(e.getKey(), e.getValue());
            log.printf(Locale.ROOT, "  kernel_scale %.3f, host_scale %.3f, in-sample RMS log error %.3f (%d runs)%n",
                    f.kernelScale(), f.hostScale(), f.rmsLogError(), f.evaluations());
            fits.add(f);
        }
        write(out, fits);
        return fits;
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
                c.scenarioText(), p, t, c.engineProfile());
    }

    private static int points(ServingCase c) {
        return c.points().size() + c.throughputPoints().size();
    }

    private static Fit fit(String engine, List<ServingCase> cases) {
        Catalog catalog = Catalog.builtIn();
        EngineProfile base = EngineProfiles.builtIn().get(engine);
        int[] evaluations = {0};
        Objective objective = (k, h) -> {
            evaluations[0]++;
            EngineProfile candidate = base.withScales(k, h);
            List<CaseOutcome> out = ServingValidation.outcomes(cases, catalog,
                    id -> id.equals(engine) ? candidate : EngineProfiles.builtIn().get(id));
            double sum = 0;
            int n = 0;
            for (CaseOutcome o : out) {
                if (o.measured() > 0 && o.predicted() > 0) {
                    double d = Math.log(o.predicted() / o.measured());
                    sum += d * d;
                    n++;
                }
            }
            return n == 0 ? Double.MAX_VALUE : sum / n;
        };
        double bestK = 1, bestH = 1, best = Double.MAX_VALUE;
        for (double k : KERNEL_GRID) {
            for (double h : HOST_GRID) {
                double v = objective.at(k, h);
                if (v < best) {
                    best = v;
                    bestK = k;
                    bestH = h;
                }
            }
        }
        // Refine each scale in turn, twice, within the neighbouring grid cells.
        for (int round = 0; round < 2; round++) {
            final double h0 = bestH;
            bestK = golden(k -> objective.at(k, h0), bestK / 1.45, bestK * 1.45);
            final double k0 = bestK;
            bestH = golden(h -> objective.at(k0, h), Math.max(0, bestH - 2), bestH + 2);
        }
        best = objective.at(bestK, bestH);
        int n = cases.stream().mapToInt(EngineFit::points).sum();
        return new Fit(engine, round3(bestK), round3(bestH), n, Math.sqrt(best), evaluations[0]);
    }

    @FunctionalInterface
    private interface Objective {
        double at(double kernelScale, double hostScale);
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
                # TokenFab engine profiles: how other serving engines' iterations differ from vLLM's, whose kernels
                # and host overheads the kernel calibration measured. Written by `tokenfab calibrate engines`
                # (org.tokenfab.validation.serving.EngineFit) from the calibration split (even-numbered points) of
                # each engine's bundled validation cases; `tokenfab validate serving` judges them on the odd points.
                # Do not edit by hand. vllm is 1 and 1 by construction and is not fitted.
                format: tokenfab-engine-profiles-1
                engines:
                  vllm:
                    name: "vLLM (V1 engine)"
                    kernel_scale: 1.0
                    host_scale: 1.0
                    source: "by construction"
                """);
        for (Fit f : fits) {
            y.append(String.format(Locale.ROOT, """
                      %s:
                        name: "%s"
                        kernel_scale: %.3f
                        host_scale: %.3f
                        source: "fitted by tokenfab calibrate engines on %d calibration points (even-numbered points of its cases); in-sample RMS log error %.3f"
                    """, f.engine(), NAMES.getOrDefault(f.engine(), f.engine()), f.kernelScale(), f.hostScale(), f.points(),
                    f.rmsLogError()));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, y, StandardCharsets.UTF_8);
    }
}
