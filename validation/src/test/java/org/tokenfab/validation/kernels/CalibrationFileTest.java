package org.tokenfab.validation.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.cost.CollectiveParams;
import org.tokenfab.hardware.cost.GemmParams;
import org.tokenfab.hardware.cost.KernelCalibration;

/** The committed calibration resource: it round-trips, and the fit reproduces it. */
class CalibrationFileTest {
    private static final KernelCalibration COMMITTED = KernelCalibration.builtIn();

    @Test
    void writtenCalibrationReadsBackToTheSameNumbers() {
        String yaml = CalibrationWriter.write(COMMITTED);
        KernelCalibration back = KernelCalibration.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "x");
        // 6 significant digits are written.
        assertThat(ReproductionCheck.maxRelativeDifference(back, COMMITTED)).isLessThan(1e-5);
        assertThat(back.mapping()).isEqualTo(COMMITTED.mapping());
    }

    /** A quick reproduction: the all-reduce tables (no correction curves) refit to the committed numbers. */
    @Test
    void collectiveFitsReproduceTheCommittedParameters() {
        KernelData data = KernelData.load();
        for (KernelData.Table<Rows.Collective> t : data.collectives) {
            if (t.family() != Family.ALL_REDUCE) {
                continue;
            }
            CollectiveFit fitter = Calibrator.collectiveFitter(t, Calibrator.reference(Catalog.builtIn().accelerator(t.catalogId())));
            CollectiveParams fresh = fitter.fit(t.rows()).params();
            CollectiveParams committed = COMMITTED.systems().get(t.catalogId()).collectives().get(t.variant()).params();
            assertThat(fresh.exponent()).as(t.key()).isCloseTo(committed.exponent(), org.assertj.core.api.Assertions.withinPercentage(0.01));
            for (int i = 0; i < fresh.points().size(); i++) {
                assertThat(fresh.points().get(i).alphaNanos()).as(t.key())
                        .isCloseTo(committed.points().get(i).alphaNanos(), org.assertj.core.api.Assertions.withinPercentage(0.01));
            }
        }
    }

    /** A quick GEMM reproduction: the A100 table, with its correction curve. */
    @Test
    void a100GemmFitReproducesTheCommittedParameters() {
        KernelData.Table<Rows.Gemm> t = KernelData.load().gemm.stream().filter(g -> g.catalogId().equals("a100-80gb"))
                .findFirst().orElseThrow();
        GemmParams fresh = Calibrator.fit(t, Calibrator.gemmFitter(t, Calibrator.reference(Catalog.builtIn().accelerator("a100-80gb"))))
                .result().params();
        GemmParams committed = COMMITTED.systems().get("a100-80gb").gemm().get("bf16").get(0).params();
        assertThat(fresh.computeEfficiency()).isCloseTo(committed.computeEfficiency(), org.assertj.core.api.Assertions.withinPercentage(0.01));
        assertThat(fresh.floorNanos()).isCloseTo(committed.floorNanos(), org.assertj.core.api.Assertions.withinPercentage(0.01));
        double[] a = fresh.correction().logFactors();
        double[] b = committed.correction().logFactors();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(b[i], org.assertj.core.api.Assertions.within(1e-4));
        }
    }

    /** The whole fit (~25 s) reproduces every committed number. */
    @Test
    @Tag("slow")
    void fullFitReproducesTheCommittedCalibration() {
        Calibrator.Run run = Calibrator.run(KernelData.load(), Catalog.builtIn(), new java.util.LinkedHashMap<>());
        assertThat(ReproductionCheck.maxRelativeDifference(run.calibration(), COMMITTED)).isLessThan(1e-4);
        assertThat(run.calibration().mapping()).isEqualTo(COMMITTED.mapping());
        assertThat(List.copyOf(run.calibration().systems().keySet())).isEqualTo(Calibrator.MEASURED);
    }

    /**
     * The validation hardware is calibrated: own GEMM and attention fits, borrowed collectives; the
     * RTX PRO 6000 has its own bf16 MoE fit (LLMServingSim's Qwen3-30B-A3B profile), the RTX 4090
     * borrows H200's.
     */
    @Test
    void validationHardwareIsCalibrated() {
        for (String id : List.of("rtx-4090", "rtx-pro-6000")) {
            org.tokenfab.hardware.cost.SystemCalibration s = COMMITTED.systems().get(id);
            assertThat(s).as(id).isNotNull();
            assertThat(s.gemm().get("bf16")).as(id).hasSize(1);
            assertThat(s.prefillAttention()).as(id).hasSize(1);
            assertThat(s.decodeAttention()).as(id).hasSize(1);
            assertThat(s.collectives()).as(id).isEmpty();
            assertThat(s.borrowed()).as(id).containsKey("collectives");
        }
        org.tokenfab.hardware.cost.SystemCalibration pro = COMMITTED.systems().get("rtx-pro-6000");
        assertThat(pro.borrowed()).containsEntry("collectives", "b200").doesNotContainKey("moe");
        assertThat(pro.moe().keySet()).containsExactly("bf16");
        assertThat(pro.moe().get("bf16")).singleElement().satisfies(f -> {
            assertThat(f.source().system()).isEqualTo("rtx_pro_6000");
            assertThat(f.source().data()).isEqualTo("llmservingsim/data/rtx_pro_6000/moe/vllm/0.19.0/moe_perf.csv");
            assertThat(f.source().medianApe()).isLessThanOrEqualTo(KernelValidation.MEDIAN_BOUND);
        });
        assertThat(COMMITTED.systems().get("rtx-4090").borrowed()).containsEntry("moe", "h200");
        assertThat(COMMITTED.mapping().get("a100-40gb").use()).isEqualTo("a100-80gb");
        // Validation hardware is never the nearest-relative stand-in of another accelerator.
        assertThat(COMMITTED.mapping().values()).noneMatch(m -> m.use().startsWith("rtx-"));
    }
}
