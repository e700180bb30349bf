package org.tokenfab.validation.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.sim.TokenFabException;

class KernelPowerDataTest {
    private final Catalog catalog = Catalog.builtIn();

    @Test
    void gemmActivityFollowsFromShapeLatencyAndPeaks() {
        List<KernelSample> h200 = KernelPowerData.load(catalog.accelerator("h200"));
        // First row of the H200 GEMM table: bf16 32768 x 16384 x 16384 in 25.5238 ms at 694.665 W.
        KernelSample first = h200.get(0);
        assertThat(first.family()).isEqualTo(KernelFamily.GEMM);
        assertThat(first.shape()).isEqualTo("m32768 n16384 k16384");
        assertThat(first.measuredW()).isEqualTo(694.665);
        double flops = 2.0 * 32768 * 16384 * 16384;
        assertThat(first.computeUtilisation()).isCloseTo(flops / (0.0255238 * 989e12), within(1e-9));
        double bytes = (32768.0 * 16384 + 16384.0 * 16384) * 2 + 2.0 * 32768 * 16384;
        assertThat(first.memoryUtilisation()).isCloseTo(bytes / (0.0255238 * 4.8e12), within(1e-9));
        assertThat(first.steadyState()).isTrue();
    }

    @Test
    void measurementWindowFollowsTheCollectorsLoop() {
        // >= 0.1 ms per iteration: aim at 1 s; at least 6 and at most 3000 iterations.
        assertThat(KernelPowerData.measurementWindow(0.153)).isCloseTo(7 * 0.153, within(1e-12));
        assertThat(KernelPowerData.measurementWindow(0.5)).isCloseTo(6 * 0.5, within(1e-12));
        assertThat(KernelPowerData.measurementWindow(2e-4)).isCloseTo(3000 * 2e-4, within(1e-12));
        // under 0.1 ms: aim at 0.3 s, still at most 3000 iterations
        assertThat(KernelPowerData.measurementWindow(1e-5)).isCloseTo(3000 * 1e-5, within(1e-12));
    }

    @Test
    void shortLoopsAndEagerLaunchesAreExcludedWithTheReason() {
        List<KernelSample> b200 = KernelPowerData.load(catalog.accelerator("b200"));
        assertThat(b200).anyMatch(s -> s.exclusionReason().equals("timed loop shorter than 1 s"));
        assertThat(b200.stream().filter(s -> s.dtype().equals("fp8_block") && s.family() == KernelFamily.GEMM))
                .allMatch(s -> !s.steadyState() && s.exclusionReason().startsWith("eager"));
        assertThat(b200.stream().filter(KernelSample::steadyState)).allMatch(s -> s.exclusionReason().isEmpty());
    }

    @Test
    void readingsOfShortLoopsFallShortOfSteadyStateAtEqualActivity() {
        // The evidence behind KernelSample.steadyState(): H200 bf16 GEMMs at u_c > 0.5.
        List<KernelSample> busy = KernelPowerData.load(catalog.accelerator("h200")).stream()
                .filter(s -> s.family() == KernelFamily.GEMM && s.dtype().equals("bfloat16") && s.computeUtilisation() > 0.5)
                .toList();
        double shortLoops = meanPower(busy, 0, 0.3);
        double medium = meanPower(busy, 0.6, 1.0);
        double steady = meanPower(busy, 1.0, 100);
        assertThat(shortLoops).isLessThan(300);
        assertThat(medium).isBetween(shortLoops, steady);
        assertThat(steady).isGreaterThan(650);
    }

    @Test
    void eagerFp8BlockReadingsAreBimodalAtEqualActivity() {
        List<KernelSample> fp8Block = KernelPowerData.load(catalog.accelerator("h200")).stream()
                .filter(s -> s.family() == KernelFamily.GEMM && s.dtype().equals("fp8_block")
                        && s.windowSeconds() >= 1 && s.computeUtilisation() > 0.4)
                .toList();
        double m16k = median(fp8Block.stream().filter(s -> s.shape().startsWith("m16384 ")).toList());
        double m32k = median(fp8Block.stream().filter(s -> s.shape().startsWith("m32768 ")).toList());
        assertThat(m16k).isGreaterThan(680);
        assertThat(m32k).isLessThan(460);
    }

    private static double meanPower(List<KernelSample> rows, double fromSeconds, double toSeconds) {
        return rows.stream().filter(s -> s.windowSeconds() >= fromSeconds && s.windowSeconds() < toSeconds)
                .mapToDouble(KernelSample::measuredW).average().orElseThrow();
    }

    private static double median(List<KernelSample> rows) {
        double[] w = rows.stream().mapToDouble(KernelSample::measuredW).sorted().toArray();
        return w.length % 2 == 1 ? w[w.length / 2] : 0.5 * (w[w.length / 2 - 1] + w[w.length / 2]);
    }

    @Test
    void theCalibrationSplitIsAFixedRoughHalf() {
        List<KernelSample> gb200 = KernelPowerData.load(catalog.accelerator("gb200"));
        long calibration = gb200.stream().filter(PowerCalibration::calibrationFold).count();
        assertThat((double) calibration / gb200.size()).isBetween(0.45, 0.55);
        assertThat(gb200.stream().filter(PowerCalibration::calibrationFold).count()).isEqualTo(calibration);
    }

    @Test
    void onlyGpusWithPowerTablesLoad() {
        assertThatThrownBy(() -> KernelPowerData.load(catalog.accelerator("h100-sxm")))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("h100-sxm").hasMessageContaining("b200");
    }
}
