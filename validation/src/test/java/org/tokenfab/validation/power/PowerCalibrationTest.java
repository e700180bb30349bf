package org.tokenfab.validation.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Confidence;
import org.tokenfab.hardware.power.PowerCatalog;
import org.tokenfab.hardware.power.PowerModel;
import org.tokenfab.hardware.power.PowerParameters;

class PowerCalibrationTest {
    private static PowerCalibration.Result result;

    @BeforeAll
    static void calibrateOnce() {
        result = PowerCalibration.calibrate(Catalog.builtIn());
    }

    @Test
    void rerunningTheFitReproducesTheBundledResourceByteForByte() throws IOException {
        String bundled;
        try (InputStream in = PowerCatalog.class.getClassLoader().getResourceAsStream(PowerCatalog.BUILT_IN)) {
            assertThat(in).as(PowerCatalog.BUILT_IN).isNotNull();
            bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // If this fails after a data or catalog change, rerun PowerCalibration (see its javadoc) and commit.
        assertThat(result.yaml()).isEqualTo(bundled);
        assertThat(result.version()).isEqualTo(PowerCatalog.builtIn().version());
    }

    @Test
    void leastSquaresRecoversKnownCoefficientsThroughTheTdpClamp() {
        SplittableRandom rng = new SplittableRandom(3);
        List<PowerFit.Point> points = new ArrayList<>();
        PowerFit.Coefficients truth = new PowerFit.Coefficients(250, 600, 150);
        for (int i = 0; i < 300; i++) {
            double uc = rng.nextDouble();
            double um = rng.nextDouble();
            points.add(new PowerFit.Point(uc, um, truth.watts(80, 700, uc, um), 1));
        }
        PowerFit.Coefficients fit = PowerFit.fit(points, 80, 700);
        assertThat(fit.activeW()).isCloseTo(250, within(1e-3));
        assertThat(fit.computeW()).isCloseTo(600, within(1e-3));
        assertThat(fit.memoryW()).isCloseTo(150, within(1e-3));
        PowerFit.Coefficients fixed = PowerFit.fit(points, 80, 700, 150);
        assertThat(fixed.memoryW()).isEqualTo(150);
        assertThat(fixed.computeW()).isCloseTo(600, within(1e-3));
    }

    @Test
    void gb200BorrowsB200sMemoryPowerForWantOfMemoryBoundReadings() {
        PowerParameters gb200 = result.of("gb200").parameters();
        assertThat(gb200.memoryW()).isEqualTo(result.of("b200").parameters().memoryW());
        assertThat(gb200.provenance().get(PowerParameters.FIELD_MEMORY).source()).startsWith("b200's fitted value");
        assertThat(gb200.provenance().get(PowerParameters.FIELD_MEMORY).confidence())
                .isEqualTo(Confidence.LOW_PRELIMINARY);
        assertThat(Long.parseLong(result.of("gb200").fit().get("memory_bound_points")))
                .isLessThan(PowerCalibration.MIN_MEMORY_BOUND_POINTS);
    }

    @Test
    void splitwiseCapTableGivesTheClockExponent() {
        AcceleratorSpec h100 = Catalog.builtIn().accelerator("h100-sxm");
        Dvfs dvfs = Dvfs.fromSplitwise(h100);
        assertThat(dvfs.prefillSlowdown()).isCloseTo(1.30, within(1e-3));
        assertThat(dvfs.decodeSlowdown()).isCloseTo(1.00, within(1e-3));
        assertThat(dvfs.capFraction()).isCloseTo(7140.0 / 10200, within(1e-12));
        assertThat(dvfs.memoryClockSensitivity()).isZero();
        double f = 1 / dvfs.prefillSlowdown();
        assertThat(h100.idleW() + (h100.tdpW() - h100.idleW()) * Math.pow(f, dvfs.clockExponent()))
                .isCloseTo(dvfs.capFraction() * h100.tdpW(), within(1e-9));
        assertThat(dvfs.clockExponent()).isBetween(1.0, 3.0);
    }

    @Test
    void heldOutServingErrorBarelyMovesWithTheAssumedPromptLength() {
        AcceleratorSpec h100 = Catalog.builtIn().accelerator("h100-sxm");
        Dvfs dvfs = Dvfs.fromSplitwise(h100);
        for (int[] prompts : new int[][] {{100, 150}, {200, 300}, {400, 600}, {800, 800}}) {
            List<ServingRun> runs = MlEnergyData.load(h100, prompts[0], prompts[1]);
            PowerModel m = new PowerModel(PowerCalibration.fitH100(h100, dvfs, runs).parameters());
            List<ServingRun> heldOut = runs.stream()
                    .filter(r -> !PowerCalibration.CALIBRATION_MODELS.contains(r.model())).toList();
            double[] predicted = heldOut.stream()
                    .mapToDouble(r -> m.watts(Math.min(1, r.computeUtilisation()), Math.min(1, r.memoryUtilisation())))
                    .toArray();
            double[] measured = heldOut.stream().mapToDouble(ServingRun::measuredGpuW).toArray();
            assertThat(ErrorStats.of(predicted, measured).mape()).as("prompts %d/%d", prompts[0], prompts[1])
                    .isBetween(0.04, 0.09);
        }
    }

    @Test
    void catalogIdleIsBelowEveryKernelReading() {
        // A kernel reading is an average over a benchmark loop, so the GPU's idle power cannot exceed it.
        for (String id : PowerCalibration.KERNEL_GPUS) {
            AcceleratorSpec spec = Catalog.builtIn().accelerator(id);
            double lowest = KernelPowerData.load(spec).stream().mapToDouble(KernelSample::measuredW).min().orElseThrow();
            assertThat(spec.idleW()).as(id).isLessThan(lowest);
        }
    }
}
