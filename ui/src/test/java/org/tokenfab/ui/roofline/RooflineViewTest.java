package org.tokenfab.ui.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.ui.model.RunRecord;
import org.tokenfab.ui.model.Workspace;

class RooflineViewTest {
    @BeforeAll
    static void fx() {
        ViewTestSupport.startFx();
    }

    @Test
    void rendersWithoutAndWithARun() throws Exception {
        RunRecord run = ViewTestSupport.run("quick", "requests=300");
        ViewTestSupport.onFx(() -> {
            Workspace w = new Workspace(Catalog.builtIn(), Path.of("out"));
            RooflineView view = new RooflineView(w);
            assertEquals("h100-sxm", view.chart().config().accelerator());
            assertTrue(view.chart().achieved().isEmpty());
            assertTrue(ViewTestSupport.inkedPixels(view.root(), 1100, 700) > 10_000);
            w.lastRunProperty().set(run);
            assertFalse(view.chart().achieved().isEmpty(), "reacts to a new last run");
            w.scenarioProperty().set(ViewTestSupport.quickstart("cluster.pools[0].parallelism={tp: 2}"));
            assertEquals(2, view.chart().config().tp(), "follows the scenario");
            assertTrue(ViewTestSupport.inkedPixels(view.root(), 1100, 700) > 10_000);
            w.scenarioProperty().set(ViewTestSupport.quickstart("precision={weights: fp4, compute: bf16}"));
            assertEquals(org.tokenfab.hardware.Precision.FP4, view.chart().config().weights(), "weights from the scenario");
            assertEquals(org.tokenfab.hardware.Precision.BF16, view.chart().config().compute(), "compute from the scenario");
            assertTrue(ViewTestSupport.inkedPixels(view.root(), 1100, 700) > 10_000);
            return null;
        });
    }
}
