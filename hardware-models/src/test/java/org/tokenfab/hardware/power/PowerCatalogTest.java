package org.tokenfab.hardware.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Confidence;
import org.tokenfab.sim.TokenFabException;

class PowerCatalogTest {
    private final PowerCatalog power = PowerCatalog.builtIn();
    private final Catalog catalog = Catalog.builtIn();

    @Test
    void bundledCalibrationCoversTheMeasuredGpus() {
        assertThat(power.calibratedIds()).containsExactly("h100-sxm", "h200", "b200", "gb200");
        assertThat(power.version()).startsWith("power-1-");
        assertThat(power.fitSummary("h100-sxm")).containsKeys("data", "rows_fit", "mape_fit", "mape_held_out");
    }

    @Test
    void calibrationWasFittedUnderTheCatalogsCurrentIdleAndTdp() {
        // A catalog change of either number invalidates the fit: rerun PowerCalibration.
        for (String id : power.calibratedIds()) {
            PowerParameters p = power.calibrated(id).orElseThrow();
            AcceleratorSpec spec = catalog.accelerator(id);
            assertThat(p.tdpW()).as(id + " TDP").isEqualTo(spec.tdpW());
            assertThat(p.idleW()).as(id + " idle").isEqualTo(spec.idleW());
        }
    }

    @Test
    void everyCatalogAcceleratorGetsABoundedModel() {
        for (String id : catalog.acceleratorIds()) {
            AcceleratorSpec spec = catalog.accelerator(id);
            PowerModel m = power.modelFor(spec);
            assertThat(m.tdpW()).as(id).isEqualTo(spec.tdpW());
            assertThat(m.watts(0, 0)).as(id).isGreaterThanOrEqualTo(m.idleW());
            assertThat(m.watts(1, 1)).as(id).isLessThanOrEqualTo(spec.tdpW());
            assertThat(m.watts(0.3, 0.6)).as(id).isGreaterThan(m.idleW());
        }
    }

    @Test
    void priorsScaleTheRelativesDynamicRangeAndSaySoAtLowConfidence() {
        AcceleratorSpec b300 = catalog.accelerator("b300");
        assertThat(power.relativeOf("b300")).isEqualTo("b200");
        assertThat(power.relativeOf("tpu-v6e")).isEqualTo("h100-sxm");
        PowerParameters prior = power.parametersFor(b300);
        PowerParameters b200 = power.calibrated("b200").orElseThrow();
        double relativeRange = b200.tdpW() - b200.idleW();
        double range = b300.tdpW() - prior.idleW();
        assertThat(prior.computeW() / range).isCloseTo(b200.computeW() / relativeRange, within(1e-12));
        assertThat(prior.activeW() / range).isCloseTo(b200.activeW() / relativeRange, within(1e-12));
        assertThat(prior.clockExponent()).isEqualTo(b200.clockExponent());
        assertThat(prior.weakestConfidence()).isEqualTo(Confidence.LOW_PRELIMINARY);
        assertThat(prior.provenance().get(PowerParameters.FIELD_COMPUTE).source()).contains("prior")
                .contains("no power measurements for b300").contains("b200");
    }

    @Test
    void measuredCoefficientsCarryMediumConfidenceAndTheirData() {
        PowerParameters h100 = power.calibrated("h100-sxm").orElseThrow();
        assertThat(h100.provenance().get(PowerParameters.FIELD_COMPUTE).confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(h100.provenance().get(PowerParameters.FIELD_COMPUTE).source()).contains("ML.ENERGY");
        assertThat(power.calibrated("h200").orElseThrow().provenance().get(PowerParameters.FIELD_ACTIVE).source())
                .contains("AIConfigurator");
    }

    @Test
    void theCalibratedH100ReproducesTheSplitwiseCap() {
        // SplitwiseSim: at 70% of TDP, prefill (compute-bound, at TDP) takes 1.30x as long.
        PowerModel h100 = power.modelFor(catalog.accelerator("h100-sxm"));
        PowerCap cap = h100.cap(0.70 * 700);
        assertThat(cap.computeTimeScale()).isCloseTo(1.30, within(0.005));
        CappedStep out = new CappedStep();
        cap.evaluate(10_000_000L, 10_000_000L, 500_000L, 0.6, 0.02, out);
        assertThat((double) out.nanos() / 10_000_000L).isCloseTo(1.30, within(0.02));
    }

    @Test
    void malformedFilesNameTheFileAndTheField() {
        String good = """
                schema_version: 1
                version: t
                accelerators:
                  gpu-a:
                    tdp_w_at_fit: 700
                    idle_w: { value: 75, source: s, confidence: medium }
                    active_w: { value: 300, source: s, confidence: medium }
                    compute_w: { value: 700, source: s, confidence: medium }
                    memory_w: { value: 100, source: s, confidence: medium }
                    clock_exponent: { value: 1.5, source: s, confidence: low-preliminary }
                    memory_clock_sensitivity: { value: 0, source: s, confidence: low-preliminary }
                    min_clock_fraction: { value: 0.2, source: s, confidence: low-preliminary }
                priors:
                  default_relative: gpu-a
                  relatives: {}
                """;
        assertThat(PowerCatalog.read(new StringReader(good), "t.yaml").calibratedIds()).containsExactly("gpu-a");
        assertThatThrownBy(() -> read(good.replace("active_w: { value: 300, source: s, confidence: medium }",
                "active_w: 300")))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("t.yaml")
                .hasMessageContaining("accelerators.gpu-a.active_w").hasMessageContaining("source");
        assertThatThrownBy(() -> read(good.replace("tdp_w_at_fit", "tdp_at_fit")))
                .hasMessageContaining("accelerators.gpu-a.tdp_at_fit").hasMessageContaining("not a known field");
        assertThatThrownBy(() -> read(good.replace("default_relative: gpu-a", "default_relative: gpu-b")))
                .hasMessageContaining("gpu-b").hasMessageContaining("no measured parameters");
        assertThatThrownBy(() -> read(good.replace("schema_version: 1", "schema_version: 2")))
                .hasMessageContaining("schema_version");
        assertThatThrownBy(() -> read(good.replace("value: 300", "value: 700")))
                .hasMessageContaining("accelerators.gpu-a").hasMessageContaining("idle_w + active_w < tdp_w");
        assertThatThrownBy(() -> read(good.replace("confidence: medium }\n    active", "confidence: sure }\n    active")))
                .hasMessageContaining("accelerators.gpu-a.idle_w.confidence");
    }

    private static PowerCatalog read(String yaml) {
        return PowerCatalog.read(new StringReader(yaml), "t.yaml");
    }
}
