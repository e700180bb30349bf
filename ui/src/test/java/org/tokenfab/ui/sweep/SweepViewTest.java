package org.tokenfab.ui.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.ui.model.Workspace;
import org.tokenfab.ui.roofline.ViewTestSupport;

class SweepViewTest {
    @TempDir
    Path out;

    @BeforeAll
    static void fx() {
        ViewTestSupport.startFx();
    }

    @Test
    void runsASweepInTheBackgroundAndOpensAPoint() throws Exception {
        // a library scenario: its text comes from the library, with requests cut by an override
        Scenario wall = new ScenarioLoader(Catalog.builtIn()).parse("memory-wall", ScenarioLibrary.text("memory-wall"),
                List.of("requests=100"));
        CompletableFuture<SweepModel.Result> done = new CompletableFuture<>();
        CompletableFuture<Workspace.RunRequest> requested = new CompletableFuture<>();
        SweepView view = ViewTestSupport.onFx(() -> {
            Workspace w = new Workspace(Catalog.builtIn(), out);
            w.onRunRequest(requested::complete);
            w.scenarioProperty().set(wall);
            SweepView v = new SweepView(w);
            assertEquals("workload.arrivals.users", v.axes().get(0).pathProperty().get(), "axes from the sweep: section");
            assertTrue(ViewTestSupport.inkedPixels(v.root(), 1100, 750) > 5_000);
            v.axes().get(0).valuesProperty().set("2, 8");
            v.resultProperty().addListener((o, a, b) -> done.complete(b));
            v.runSweep();
            return v;
        });
        SweepModel.Result r = done.get(60, TimeUnit.SECONDS);
        assertEquals(2, r.rows().size());
        ViewTestSupport.onFx(() -> {
            assertTrue(ViewTestSupport.inkedPixels(view.root(), 1100, 750) > 10_000);
            view.open(1);
            return null;
        });
        Workspace.RunRequest request = requested.get(5, TimeUnit.SECONDS);
        assertNotNull(request);
        assertTrue(request.label().contains("workload.arrivals.users=8"), request.label());
        assertTrue(request.scenarioText().contains("--set workload.arrivals.users=8"));
    }
}
