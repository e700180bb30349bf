package org.tokenfab.ui.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Precision;
import org.tokenfab.ui.model.RunRecord;

class RooflineModelTest {
    private static final Catalog CATALOG = Catalog.builtIn();
    private static final RooflineModel.Config H100_8B = new RooflineModel.Config("h100-sxm", "llama-3.1-8b",
            Precision.BF16, Precision.BF16, 1, 4096);

    @Test
    void ridgeIsPeakOverBandwidth() {
        RooflineModel.Chart c = RooflineModel.compute(CATALOG, H100_8B, null);
        assertEquals(c.peakFlops() / c.bandwidth(), c.ridge(), 1e-9 * c.ridge());
        RooflineModel.Point ridge = c.roof().get(1);
        assertEquals(c.ridge(), ridge.intensity(), 1e-9);
        assertEquals(c.peakFlops(), ridge.flopsPerSecond(), 1e-3);
        // the roof: bandwidth slope at the left, flat peak at the right
        assertEquals(c.roof().get(0).intensity() * c.bandwidth(), c.roof().get(0).flopsPerSecond(), 1e-3);
        assertEquals(c.peakFlops(), c.roof().get(2).flopsPerSecond(), 1e-3);
        assertTrue(c.minDecadeX() <= Math.log10(c.ridge()) && Math.log10(c.ridge()) <= c.maxDecadeX());
    }

    @Test
    void decodeIntensityRisesWithBatchAndBatchOneIsMemoryBound() {
        RooflineModel.Chart c = RooflineModel.compute(CATALOG, H100_8B, null);
        assertEquals(RooflineModel.BATCHES.size(), c.decode().size());
        for (int i = 1; i < c.decode().size(); i++) {
            assertTrue(c.decode().get(i).intensity() > c.decode().get(i - 1).intensity(), "batch " + i);
        }
        RooflineModel.Point batch1 = c.decode().get(0);
        assertTrue(batch1.memoryBound());
        assertTrue(batch1.intensity() < c.ridge());
        assertTrue(batch1.peakShare() < 0.05, "batch-1 decode uses a few % of peak, was " + batch1.peakShare());
        assertTrue(c.caption().contains("Decode at batch 1 (4k context) is memory-bound"), c.caption());
        assertTrue(c.caption().contains("Decode at batch 8"), c.caption());
        // a long prefill is compute-bound
        assertFalse(c.prefill().get(c.prefill().size() - 1).memoryBound());
        assertTrue(c.achieved().isEmpty());
        assertTrue(c.achievedNote().startsWith("No run yet"));
    }

    /** W4A16 on an H100: fp4 weights it cannot multiply in, widened to bf16, so bf16's peak over fp4's bytes. */
    @Test
    void weightOnlyQuantisationTakesTheComputePeakAndTheWeightsBytes() {
        RooflineModel.Chart bf16 = RooflineModel.compute(CATALOG, H100_8B, null);
        RooflineModel.Chart w4a16 = RooflineModel.compute(CATALOG, new RooflineModel.Config("h100-sxm", "llama-3.1-8b",
                Precision.FP4, Precision.BF16, Precision.BF16, 1, 4096), null);
        assertEquals(bf16.peakFlops(), w4a16.peakFlops(), 1e-3); // the same roof
        RooflineModel.Point b1 = bf16.decode().get(0);
        RooflineModel.Point q1 = w4a16.decode().get(0);
        // batch-1 decode streams a third of the weight bytes (4.5-bit blocks, the LM head still in BF16:
        // 4.98 GB against 15.0 GB) plus the same 0.54 GB of KV: intensity rises ~2.8x
        double ratio = q1.intensity() / b1.intensity();
        assertTrue(ratio > 2.7 && ratio < 2.9, "intensity ratio " + ratio);
        assertTrue(q1.memoryBound());

        IllegalArgumentException noFp4 = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RooflineModel.compute(CATALOG, new RooflineModel.Config("h100-sxm", "llama-3.1-8b", Precision.FP4,
                        Precision.BF16, 1, 4096), null));
        assertEquals("h100-sxm has no dense fp4 peak in the catalog (weight-only quantisation: keep the narrow weights"
                + " and compute in a format it has)", noFp4.getMessage());
        RuntimeException narrower = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> RooflineModel.compute(CATALOG, new RooflineModel.Config("h100-sxm", "llama-3.1-8b", Precision.BF16,
                        Precision.FP8, Precision.BF16, 1, 4096), null));
        assertTrue(narrower.getMessage().startsWith("compute precision fp8 is narrower than the weights' bf16"),
                narrower.getMessage());
    }

    @Test
    void achievedPointFromMfuAndMbu() {
        double peak = 1e15, bw = 3e12;
        RooflineModel.Point p = RooflineModel.achievedPoint("x", 0.02, 0.6, peak, bw);
        assertEquals(0.02 * peak, p.flopsPerSecond(), 1e-3);
        assertEquals(0.02 * peak / (0.6 * bw), p.intensity(), 1e-9);
        assertEquals(0.02, p.peakShare(), 1e-12);
        assertTrue(p.memoryBound());
        assertNull(RooflineModel.achievedPoint("idle", 0, 0, peak, bw));
    }

    @Test
    void lastRunShownOnItsAcceleratorOnly() throws Exception {
        RunRecord run = ViewTestSupport.run("quick", "requests=300");
        RooflineModel.Chart same = RooflineModel.compute(CATALOG, RooflineModel.defaults(run.scenario()), run);
        assertEquals(1, same.achieved().size(), same.achievedNote());
        assertFalse(same.intervals().isEmpty());
        RooflineModel.Point p = same.achieved().get(0);
        assertEquals(run.result().pools().get(0).mfu(), p.peakShare(), 1e-12);
        assertNotNull(same.achievedNote());

        String other = CATALOG.acceleratorIds().stream().filter(id -> !id.equals("h100-sxm")
                && CATALOG.accelerator(id).supports(Precision.BF16)).findFirst().orElseThrow();
        RooflineModel.Chart elsewhere = RooflineModel.compute(CATALOG,
                new RooflineModel.Config(other, "llama-3.1-8b", Precision.BF16, Precision.BF16, 1, 1024), run);
        assertTrue(elsewhere.achieved().isEmpty());
        assertTrue(elsewhere.achievedNote().contains("h100-sxm"), elsewhere.achievedNote());
    }
}
