package org.tokenfab.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The bundled accelerator catalog against the shared reference. Expected values are copied here
 * with their citation (the reference files live outside the repository, so users' clones lack them).
 */
class AcceleratorCatalogTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    /** Ids issue 3 asks for, in index order. */
    private static final List<String> IDS = List.of("h100-sxm", "h200", "b200", "b300", "gb200", "gb300", "vr200",
            "rubin-cpx", "rubin-ultra", "mi300x", "mi325x", "mi355x", "tpu-v5e", "tpu-v6e", "tpu7x-ironwood",
            "inferentia2", "trainium2", "trainium3", "groq-lpu", "groq3-lpx", "cerebras-wse3", "gaudi3", "a100-80gb", "rtx-4090", "rtx-pro-6000",
            "a100-40gb");

    /** Parts the project treats as pre-release or new: never high confidence. */
    private static final List<String> PRE_RELEASE = List.of("vr200", "rubin-cpx", "rubin-ultra", "groq3-lpx",
            "trainium3", "tpu7x-ironwood");

    private static AcceleratorSpec acc(String id) {
        return CATALOG.accelerator(id);
    }

    @Test
    void everyListedIdLoads() {
        assertThat(CATALOG.acceleratorIds()).containsExactlyElementsOf(IDS);
        IDS.forEach(id -> assertThat(CatalogIds.isValid(id)).as(id).isTrue());
    }

    @Test
    void everyNumberHasASourceAndAConfidenceAndNothingElseDoes() {
        for (String id : IDS) {
            AcceleratorSpec a = acc(id);
            assertThat(a.provenance().keySet()).as(id).isEqualTo(a.numbers().keySet());
            assertThat(a.numbers().keySet()).as(id).containsAll(AcceleratorSpec.requiredFields());
            a.provenance().forEach((field, p) -> {
                assertThat(p.source()).as(id + " " + field).isNotBlank();
                assertThat(p.confidence()).as(id + " " + field).isNotNull();
            });
            a.numbers().forEach((field, v) -> assertThat(v).as(id + " " + field).isFinite().isGreaterThanOrEqualTo(0));
        }
    }

    @Test
    void preReleasePartsAreNeverHighConfidence() {
        for (String id : PRE_RELEASE) {
            acc(id).provenance().forEach((field, p) ->
                    assertThat(p.confidence()).as(id + " " + field).isNotEqualTo(Confidence.HIGH));
        }
        assertThat(acc("vr200").provenanceOf("dense_peak_tflops.fp4").confidence()).isEqualTo(Confidence.LOW_PRELIMINARY);
        assertThat(acc("h100-sxm").weakestConfidence()).isEqualTo(Confidence.LOW_PRELIMINARY); // the idle estimate
    }

    /** Estimates must say so: every low-preliminary number without a reference value explains itself. */
    @Test
    void estimatesSayHowTheyWereMade() {
        for (String id : IDS) {
            acc(id).provenance().forEach((field, p) -> {
                if (p.source().startsWith("TokenFab estimate")) {
                    assertThat(p.confidence()).as(id + " " + field).isEqualTo(Confidence.LOW_PRELIMINARY);
                    assertThat(p.source().length()).as(id + " " + field + " explains the method").isGreaterThan(60);
                }
            });
        }
    }

    /** hardware-specs.md 1a/1b/1c: FP8 dense = 2 x BF16 dense on these parts (within rounding of the table). */
    @Test
    void fp8IsTwiceBf16WhereTheReferenceSaysSo() {
        for (String id : List.of("h100-sxm", "h200", "b200", "b300", "gb200", "gb300", "mi300x", "mi325x", "mi355x",
                "tpu7x-ironwood")) {
            AcceleratorSpec a = acc(id);
            assertThat(a.densePeakTflops().get(Precision.FP8))
                    .as(id).isCloseTo(2 * a.densePeakTflops().get(Precision.BF16), within(2.0));
        }
        // ... and not on these, where the reference gives other ratios (Gaudi 3 and Inferentia2 1:1; Trainium2 1.95).
        assertThat(acc("gaudi3").densePeakTflops().get(Precision.FP8)).isEqualTo(1835.0);
        assertThat(acc("inferentia2").densePeakTflops().get(Precision.FP8)).isEqualTo(190.0);
        assertThat(acc("trainium2").densePeakTflops().get(Precision.FP8)).isEqualTo(1299.0);
    }

    @Test
    void fp4OnlyWhereTheReferenceHasIt() {
        Set<String> withFp4 = new TreeSet<>();
        IDS.stream().filter(id -> acc(id).supports(Precision.FP4)).forEach(withFp4::add);
        assertThat(withFp4).containsExactlyInAnyOrder("b200", "b300", "gb200", "gb300", "vr200", "rubin-cpx",
                "rubin-ultra", "mi355x", "trainium3", "rtx-pro-6000");
        // Blackwell: FP4 = 2 x FP8; Blackwell Ultra raised only FP4, to 3 x FP8 (hardware-specs.md 1a notes [S4][S6]).
        assertThat(acc("b200").densePeakTflops().get(Precision.FP4)).isEqualTo(9000.0);
        assertThat(acc("gb300").densePeakTflops().get(Precision.FP4)).isEqualTo(3 * acc("gb300").densePeakTflops().get(Precision.FP8));
    }

    /** The 2x sparse datasheet headlines must never appear as peaks. */
    @Test
    void noSparseHeadlines() {
        assertThat(acc("h100-sxm").densePeakTflops().get(Precision.BF16)).isNotEqualTo(1979.0);
        assertThat(acc("h100-sxm").densePeakTflops().get(Precision.FP8)).isNotEqualTo(3958.0);
        assertThat(acc("b200").densePeakTflops().get(Precision.FP4)).isNotEqualTo(18000.0);
        assertThat(acc("trainium2").densePeakTflops().get(Precision.FP8)).isNotEqualTo(2563.0);
        assertThat(acc("cerebras-wse3").densePeakTflops().get(Precision.FP16)).isLessThan(125000.0);
        assertThat(acc("vr200").densePeakTflops().get(Precision.FP4)).isLessThan(50000.0);
    }

    /**
     * Spot checks against hardware_profiles.csv (shared reference): memory GB, bandwidth TB/s, BF16, FP8
     * dense TFLOPS (NaN = none), bidirectional scale-up GB/s, domain, TDP W.
     */
    @Test
    void valuesMatchHardwareProfilesCsv() {
        record Row(String id, double memGb, double bwTbS, double bf16, double fp8, double upBidir, int domain, double tdp) {
        }
        double none = Double.NaN;
        List<Row> rows = List.of(
                new Row("h100-sxm", 80, 3.35, 989, 1979, 900, 8, 700),       // row "H100 SXM" [S1;S2;S3]
                new Row("h200", 141, 4.8, 989, 1979, 900, 8, 700),           // row "H200 SXM" [S2;S3]
                new Row("b200", 180, 8.0, 2250, 4500, 1800, 8, 1000),        // row "B200 (HGX/DGX)" [S2;S4;S5]
                new Row("b300", 268, 8.0, 2250, 4500, 1800, 8, 1100),        // row "B300 (HGX)" [S2;S4;S6]
                new Row("gb200", 186, 8.0, 2500, 5000, 1800, 72, 1200),      // row "GB200 NVL72 (per GPU)"
                new Row("gb300", 279, 8.0, 2500, 5000, 1800, 72, 1400),      // row "GB300 NVL72 (per GPU)"
                new Row("mi300x", 192, 5.3, 1307, 2615, 896, 8, 750),        // row "AMD MI300X" [S2;S22]
                new Row("mi325x", 256, 6.0, 1307, 2615, 896, 8, 1000),       // row "AMD MI325X"
                new Row("mi355x", 288, 8.0, 2516, 5033, 1075, 8, 1400),      // row "AMD MI355X" [S2;S23]
                new Row("tpu-v5e", 16, 0.819, 197, none, 400, 256, none),    // row "Google TPU v5e" [S15]
                new Row("tpu-v6e", 32, 1.638, 918, none, 800, 256, none),    // row "Google TPU v6e Trillium" [S16]
                new Row("tpu7x-ironwood", 206.2, 7.37, 2307, 4614, 1200, 9216, none), // 192 GiB [S17]
                new Row("trainium2", 103.08, 2.9, 667, 1299, 1280, 64, none), // 96 GiB [S19]
                new Row("trainium3", 154.62, 4.9, 671, 2517, 2560, 144, none), // 144 GiB [S20]
                new Row("groq3-lpx", 0.5, 150, none, 1230, 2500, 256, none), // row "Groq 3 LPU (LP30)" [S14]
                new Row("gaudi3", 128, 3.67, 1835, 1835, 1050, 8, 900));     // row "Intel Gaudi 3"; 21 of 24 ports
        for (Row r : rows) {
            AcceleratorSpec a = acc(r.id());
            assertThat(a.memoryGb()).as(r.id()).isEqualTo(r.memGb());
            assertThat(a.memoryBandwidthTbS()).as(r.id()).isEqualTo(r.bwTbS());
            if (!Double.isNaN(r.bf16())) {
                assertThat(a.densePeakTflops().get(Precision.BF16)).as(r.id()).isEqualTo(r.bf16());
            }
            if (!Double.isNaN(r.fp8())) {
                assertThat(a.densePeakTflops().get(Precision.FP8)).as(r.id()).isEqualTo(r.fp8());
            } else {
                assertThat(a.supports(Precision.FP8)).as(r.id()).isFalse();
            }
            assertThat(a.scaleUpBandwidthBidirGbS()).as(r.id()).isEqualTo(r.upBidir());
            assertThat(a.scaleUpDomainSize()).as(r.id()).isEqualTo(r.domain());
            if (!Double.isNaN(r.tdp())) {
                assertThat(a.tdpW()).as(r.id()).isEqualTo(r.tdp());
            } else { // no published TDP: an estimate, and it says so
                assertThat(a.provenanceOf("tdp_w").confidence()).as(r.id()).isEqualTo(Confidence.LOW_PRELIMINARY);
            }
        }
        // INT8 is TOPS; hardware_profiles.csv H100 1979, TPU v6e 1836.
        assertThat(acc("h100-sxm").densePeakTflops().get(Precision.INT8)).isEqualTo(1979.0);
        assertThat(acc("tpu-v6e").densePeakTflops().get(Precision.INT8)).isEqualTo(1836.0);
        // A100 from AIConfigurator's a100_sxm.yaml: 2.039 TB/s, 312 TF BF16, 400 W, NVLink 300 GB/s each way.
        assertThat(acc("a100-80gb").memoryBandwidthTbS()).isEqualTo(2.039);
        assertThat(acc("a100-80gb").densePeakTflops().get(Precision.BF16)).isEqualTo(312.0);
        assertThat(acc("a100-80gb").scaleUpBytesPerSecondPerDirection()).isEqualTo(300e9);
    }

    @Test
    void sramOnlyChipsKeepWeightsInTheirSram() {
        for (String id : IDS) {
            AcceleratorSpec a = acc(id);
            boolean expected = Set.of("groq-lpu", "groq3-lpx", "cerebras-wse3").contains(id);
            assertThat(a.sramOnly()).as(id).isEqualTo(expected);
            if (expected) {
                assertThat(a.memoryKind()).isEqualTo(MemoryKind.SRAM);
                assertThat(a.memoryGb() * 1000).as(id + ": memory is the on-chip SRAM").isEqualTo(a.onChipSramMb());
            } else {
                assertThat(a.memoryKind()).as(id).isNotEqualTo(MemoryKind.SRAM);
            }
        }
        assertThat(acc("groq-lpu").memoryBandwidthTbS()).isEqualTo(80.0); // hardware-specs.md 1c [S13]
        assertThat(acc("cerebras-wse3").memoryBandwidthTbS()).isEqualTo(21000.0); // 21 PB/s [S21]
    }

    @Test
    void idleIsBelowTdpForEveryPart() {
        for (String id : IDS) {
            AcceleratorSpec a = acc(id);
            assertThat(a.idleW()).as(id).isGreaterThan(0).isLessThan(0.2 * a.tdpW());
        }
        // SplitwiseSim's constants (serving/splitwise/README.md): H100 75 W, A100 63 W.
        assertThat(acc("h100-sxm").idleW()).isEqualTo(75.0);
        assertThat(acc("a100-80gb").idleW()).isEqualTo(63.0);
    }

    @Test
    void optionalNumbersAreNaNAndNotListedWhenUnknown() {
        AcceleratorSpec cpx = acc("rubin-cpx");
        assertThat(cpx.scaleUpDomainSize()).isEqualTo(1); // no scale-up fabric (PCIe Gen6), hardware-specs.md 1a
        assertThat(cpx.scaleUpBandwidthBidirGbS()).isNaN();
        assertThat(cpx.scaleOutGbitS()).isNaN();
        assertThat(cpx.onChipSramMb()).isNaN();
        assertThat(cpx.has(AcceleratorSpec.FIELD_SCALE_UP_BANDWIDTH)).isFalse();
        assertThat(cpx.numbers()).doesNotContainKeys(AcceleratorSpec.FIELD_SCALE_UP_BANDWIDTH,
                AcceleratorSpec.FIELD_SCALE_OUT, AcceleratorSpec.FIELD_ON_CHIP_SRAM, AcceleratorPrice.FIELD_HYPERSCALER);
        assertThat(cpx.price().isKnown()).isFalse();
        assertThat(acc("h100-sxm").onChipSramMb()).isEqualTo(50.0); // L2, hardware-specs.md 1a
        assertThat(acc("h100-sxm").scaleOutBytesPerSecond()).isEqualTo(50e9); // 400 Gb/s
    }

    @Test
    void pricesComeFromInferenceXTiers() {
        // inferencex_gpu_specs_tco.csv: hyperscaler, neocloud, 3-year rental $/GPU-hour.
        Map<String, double[]> tiers = Map.of(
                "h100-sxm", new double[] {1.3, 1.69, 1.3},
                "h200", new double[] {1.41, 1.74, 1.6},
                "b200", new double[] {1.95, 2.34, 2.9},
                "b300", new double[] {2.34, 2.808, 3.48},
                "gb200", new double[] {2.21, 2.75, 3.3},
                "gb300", new double[] {2.652, 3.3, 3.96},
                "mi300x", new double[] {1.12, 1.4, 1.55},
                "mi325x", new double[] {1.28, 1.59, 1.8},
                "mi355x", new double[] {1.48, 1.9, 2.1});
        tiers.forEach((id, t) -> {
            AcceleratorPrice p = acc(id).price();
            assertThat(p.usdPerHourHyperscaler()).as(id).isEqualTo(t[0]);
            assertThat(p.usdPerHourNeocloud()).as(id).isEqualTo(t[1]);
            assertThat(p.usdPerHourRental3yr()).as(id).isEqualTo(t[2]);
        });
        // B300/GB300 are InferenceX's 1.2x placeholder: low confidence.
        assertThat(acc("gb300").provenanceOf(AcceleratorPrice.FIELD_HYPERSCALER).confidence())
                .isEqualTo(Confidence.LOW_PRELIMINARY);
        assertThat(acc("gaudi3").price().purchaseUsd()).isEqualTo(15625.0); // $125k 8-card kit [S24]
        assertThat(acc("tpu-v6e").price().isKnown()).isFalse();
    }

    @Test
    void linkBandwidthAccessorsNameTheirDirection() {
        // hardware-specs.md Part 3: B_link (unidirectional) = 450 GB/s H100, 900 B200/GB200, 1,800 Rubin.
        assertThat(acc("h100-sxm").scaleUpBytesPerSecondPerDirection()).isEqualTo(450e9);
        assertThat(acc("gb200").scaleUpBytesPerSecondPerDirection()).isEqualTo(900e9);
        assertThat(acc("vr200").scaleUpBytesPerSecondPerDirection()).isEqualTo(1800e9);
        assertThat(acc("mi300x").scaleUpBytesPerSecondPerDirection()).isEqualTo(448e9);
    }

    /** Validation hardware says so in its name and notes, and is costed at its own PCIe link. */
    @Test
    void validationHardwareIsMarkedAndDense() {
        for (String id : List.of("rtx-4090", "rtx-pro-6000", "a100-40gb")) {
            assertThat(acc(id).name()).as(id).endsWith("(validation hardware)");
        }
        AcceleratorSpec rtx4090 = acc("rtx-4090");
        assertThat(rtx4090.densePeakTflops()).containsEntry(Precision.BF16, 165.2).containsEntry(Precision.FP8, 330.3);
        assertThat(rtx4090.scaleUpDomainSize()).isEqualTo(1);
        assertThat(rtx4090.memoryBandwidthTbS()).isEqualTo(1.008);
        AcceleratorSpec pro = acc("rtx-pro-6000");
        assertThat(pro.densePeakTflops()).containsEntry(Precision.FP4, 2000.0); // NVIDIA's 4,000 is sparse
        assertThat(pro.scaleUpBytesPerSecondPerDirection()).isEqualTo(64e9); // PCIe 5.0 x16, no NVLink
        assertThat(pro.memoryGb()).isEqualTo(96);
        AcceleratorSpec a40 = acc("a100-40gb");
        assertThat(a40.memoryBandwidthTbS()).isEqualTo(1.555);
        assertThat(a40.densePeakTflops()).isEqualTo(acc("a100-80gb").densePeakTflops());
    }
}
