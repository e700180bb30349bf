package org.tokenfab.hardware.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Precision;
import org.tokenfab.sim.TokenFabException;

class KernelCalibrationTest {
    private static final KernelCalibration CAL = KernelCalibration.builtIn();
    private static final Catalog CATALOG = Catalog.builtIn();

    @Test
    void bundledCalibrationRecordsItsProvenance() {
        assertThat(CAL.name()).isEqualTo("kernels-v1");
        assertThat(CAL.generated()).containsKeys("command", "tokenfab_version", "date", "run_seconds");
        assertThat(CAL.sources()).anyMatch(s -> s.contains("aiconfigurator") && s.contains("095f58a"));
        assertThat(CAL.systems()).containsOnlyKeys("h100-sxm", "h200", "b200", "gb200", "a100-80gb", "rtx-4090",
                "rtx-pro-6000");
        // Each source's engine version is recorded per table.
        assertThat(CAL.systems().get("h200").gemm().get("bf16")).extracting(f -> f.source().engine())
                .containsExactlyInAnyOrder("vllm 0.22.0", "vllm 0.24.0");
        assertThat(CAL.systems().get("a100-80gb").gemm().get("bf16").get(0).source().engine()).isEqualTo("vllm 0.14.0");
    }

    @Test
    void everyCatalogAcceleratorResolvesAndSaysHow() {
        for (String id : CATALOG.acceleratorIds()) {
            AcceleratorSpec a = CATALOG.accelerator(id);
            AcceleratorCalibration c = CAL.forAccelerator(a);
            if (CAL.systems().containsKey(id)) {
                assertThat(c.measured()).isTrue();
                assertThat(c.note()).isEqualTo(id + ": measured");
            } else {
                assertThat(c.measured()).isFalse();
                assertThat(c.note()).as(id).startsWith(id + " -> ").contains("no measurements");
            }
            assertThat(c.gemmTable(Precision.BF16)).isNotNull();
        }
        assertThat(CAL.forAccelerator(CATALOG.accelerator("b300")).basisId()).isEqualTo("b200");
        assertThat(CAL.forAccelerator(CATALOG.accelerator("gb300")).basisId()).isEqualTo("gb200");
    }

    @Test
    void measuredAcceleratorsBorrowWhatTheyLack() {
        AcceleratorCalibration gb200 = CAL.forAccelerator(CATALOG.accelerator("gb200"));
        assertThat(gb200.borrowedNotes()).anyMatch(n -> n.startsWith("prefill_attention from b200"));
        assertThat(gb200.prefillAttentionTable().source().system()).isEqualTo("b200_sxm");
        AcceleratorCalibration h100 = CAL.forAccelerator(CATALOG.accelerator("h100-sxm"));
        assertThat(h100.moeTable(Precision.FP8).source().system()).isEqualTo("h200_sxm");
        // The newest engine version is used when several were measured.
        AcceleratorCalibration h200 = CAL.forAccelerator(CATALOG.accelerator("h200"));
        assertThat(h200.gemmTable(Precision.BF16).source().engine()).isEqualTo("vllm 0.24.0");
        // FP8 uses the per-tensor table; INT8 falls back to it; FP4 on Blackwell has its own.
        assertThat(h200.gemmTable(Precision.FP8).source().variant()).isEqualTo("fp8");
        assertThat(h200.gemmTable(Precision.INT8).source().variant()).isEqualTo("fp8");
        assertThat(CAL.forAccelerator(CATALOG.accelerator("b200")).gemmTable(Precision.FP4).source().variant()).isEqualTo("fp4");
    }

    @Test
    void unmeasuredAcceleratorsUseTheirOwnPeaksAndLinks() {
        AcceleratorSpec b300 = CATALOG.accelerator("b300");
        AcceleratorCalibration c = CAL.forAccelerator(b300);
        assertThat(c.bandwidth()).isEqualTo(b300.memoryBandwidthBytesPerSecond());
        assertThat(c.peakFlops(Precision.FP4)).isEqualTo(b300.densePeakFlops(Precision.FP4));
        assertThat(c.linkBandwidth()).isEqualTo(b300.scaleUpBytesPerSecondPerDirection());
    }

    @Test
    void malformedFilesAreNamedWithTheFieldPath() {
        String yaml = "format: tokenfab-kernel-calibration-1\nname: x\ngenerated: {}\nsources: []\nsystems:\n  h100-sxm:\n"
                + "    measured_as: h100_sxm\n    device: d\n";
        assertThatThrownBy(() -> KernelCalibration.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "bad.yaml"))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("bad.yaml: systems.h100-sxm.reference: missing");
        assertThatThrownBy(() -> KernelCalibration.read(new ByteArrayInputStream("format: other\n".getBytes(StandardCharsets.UTF_8)), "f.yaml"))
                .hasMessageContaining("format 'other' is not supported");
    }
}
