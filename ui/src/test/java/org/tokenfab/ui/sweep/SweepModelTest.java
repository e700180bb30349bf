package org.tokenfab.ui.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.sweep.Pareto;
import org.tokenfab.sim.TokenFabException;
import org.tokenfab.ui.model.Workspace;
import org.tokenfab.ui.roofline.ViewTestSupport;

class SweepModelTest {
    @TempDir
    Path out;

    @Test
    void twoPointSweepGivesPointsFrontierAndRunRequests() throws Exception {
        String text = ScenarioLibrary.text("quickstart").replace("requests: 3000", "requests: 100");
        Scenario base = new org.tokenfab.scenario.load.ScenarioLoader(Catalog.builtIn()).parse("quickstart", text, List.of());
        SweepModel model = new SweepModel(Catalog.builtIn(), base, text);
        AtomicInteger calls = new AtomicInteger();
        SweepModel.Result r = model.run(List.of(new SweepModel.Axis("cluster.pools[0].replicas", "1, 2")), out, 2,
                (done, toRun) -> calls.incrementAndGet());
        assertEquals(2, calls.get());
        assertEquals(2, r.rows().size());
        assertEquals(2, r.ran());
        assertTrue(Files.isRegularFile(r.dir().resolve("sweep.csv")));
        assertTrue(Files.isRegularFile(r.dir().resolve("pareto.csv")));
        assertEquals(out.resolve("sweep-quickstart"), r.dir());
        Pareto.View view = Pareto.VIEWS.get(0);
        List<SweepModel.Point> points = r.points(view);
        assertEquals(2, points.size());
        assertFalse(r.frontier(view).isEmpty());
        assertTrue(points.stream().anyMatch(SweepModel.Point::frontier));

        Workspace.RunRequest request = model.request(r, 1);
        assertEquals(2, request.scenario().cluster().pools().get(0).replicas());
        assertEquals(1, model.request(r, 0).scenario().cluster().pools().get(0).replicas());
        assertTrue(request.label().contains("cluster.pools[0].replicas=2"), request.label());
        assertTrue(request.scenarioText().contains("--set cluster.pools[0].replicas=2"));
        assertTrue(request.scenarioText().endsWith(text));

        // the same sweep again resumes in its folder; another grid gets a folder of its own
        SweepModel.Result again = new SweepModel(Catalog.builtIn(), base, text)
                .run(List.of(new SweepModel.Axis("cluster.pools[0].replicas", "1, 2")), out, 2, (d, n) -> { });
        assertEquals(2, again.kept());
        assertEquals(r.dir(), again.dir());
        SweepModel.Result other = new SweepModel(Catalog.builtIn(), base, text)
                .run(List.of(new SweepModel.Axis("cluster.pools[0].replicas", "1")), out, 1, (d, n) -> { });
        assertEquals(out.resolve("sweep-quickstart-2"), other.dir());
    }

    @Test
    void axesFromTheScenarioAndBadValuesFailEarly() {
        Scenario wall = new org.tokenfab.scenario.load.ScenarioLoader(Catalog.builtIn())
                .parse("memory-wall", ScenarioLibrary.text("memory-wall"), List.of());
        List<SweepModel.Axis> axes = SweepModel.axesOf(wall);
        assertEquals(1, axes.size());
        assertEquals("workload.arrivals.users", axes.get(0).path());
        assertTrue(axes.get(0).values().startsWith("1, 2, 4"));
        assertEquals(9, SweepModel.grid(axes).size());
        assertEquals(ScenarioLibrary.text("memory-wall"), SweepModel.textOf(wall, null));

        SweepModel model = new SweepModel(Catalog.builtIn(), wall, ScenarioLibrary.text("memory-wall"));
        TokenFabException e = assertThrows(TokenFabException.class,
                () -> model.scenarios(SweepModel.grid(List.of(new SweepModel.Axis("cluster.pools[0].replicas", "1, -3")))));
        assertTrue(e.getMessage().startsWith("sweep point 1"), e.getMessage());
    }
}
