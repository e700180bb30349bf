package org.tokenfab.ui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.ui.model.RunRecord;
import org.tokenfab.ui.model.Workspace;
import org.tokenfab.ui.roofline.ViewTestSupport;

class CompareViewTest {
    @BeforeAll
    static void fx() {
        ViewTestSupport.startFx();
    }

    @Test
    void showsTheLastRunThenPinnedRuns() throws Exception {
        RunRecord two = ViewTestSupport.run("two replicas", "requests=300");
        RunRecord one = ViewTestSupport.run("one replica", "requests=300", "cluster.pools[0].replicas=1");
        ViewTestSupport.onFx(() -> {
            Workspace w = new Workspace(Catalog.builtIn(), Path.of("out"));
            w.lastRunProperty().set(one);
            CompareView view = new CompareView(w);
            assertEquals(1, view.rows().get(0).cells().size(), "previews the last run");
            assertTrue(ViewTestSupport.inkedPixels(view.root(), 1200, 800) > 10_000);
            w.pin(two);
            w.pin(one);
            assertEquals(2, view.rows().get(0).cells().size());
            assertTrue(ViewTestSupport.inkedPixels(view.root(), 1200, 800) > 10_000);
            w.pinned().remove(two);
            assertEquals(1, view.rows().get(0).cells().size());
            return null;
        });
    }
}
