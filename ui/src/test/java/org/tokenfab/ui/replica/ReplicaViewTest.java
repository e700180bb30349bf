package org.tokenfab.ui.replica;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.ui.model.RunRecord;
import org.tokenfab.ui.model.Workspace;
import org.tokenfab.ui.roofline.ViewTestSupport;

class ReplicaViewTest {
    @BeforeAll
    static void fx() {
        ViewTestSupport.startFx();
    }

    @Test
    void replaysTheLastRunsSteps() throws Exception {
        RunRecord run = ViewTestSupport.run("quick", "requests=300");
        assertTrue(run.steps().size() > 100);
        ViewTestSupport.onFx(() -> {
            Workspace w = new Workspace(Catalog.builtIn(), Path.of("out"));
            ReplicaView empty = new ReplicaView(w);
            assertNull(empty.window());
            assertTrue(ViewTestSupport.inkedPixels(empty.root(), 1000, 700) > 1_000);
            w.lastRunProperty().set(run);
            ReplicaModel.Window first = empty.window();
            assertNotNull(first, "reacts to a new last run");
            assertFalse(first.bars().isEmpty());
            assertTrue(first.bars().size() <= ReplicaModel.MAX_BARS);

            ReplicaView view = new ReplicaView(w);
            assertNotNull(view.window());
            double later = view.scrubber().getMin() + (view.scrubber().getMax() - view.scrubber().getMin()) * 0.9;
            view.scrubber().setValue(later);
            assertTrue(view.window().fromNs() > first.fromNs(), "the scrubber moves the window");
            assertTrue(ViewTestSupport.inkedPixels(view.root(), 1000, 700) > 10_000);
            return null;
        });
    }
}
