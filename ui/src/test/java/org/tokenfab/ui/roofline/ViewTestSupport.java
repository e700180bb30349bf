package org.tokenfab.ui.roofline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.ui.UiTests;
import org.tokenfab.ui.model.RunRecord;
import org.tokenfab.ui.model.RunTask;

/** Shared by the view tests of the roofline, replica, compare and sweep packages: FX start-up, snapshots, tiny runs. */
public final class ViewTestSupport {
    private static final Map<String, RunRecord> RUNS = new HashMap<>();

    private ViewTestSupport() {
    }

    /** Starts the JavaFX platform once per JVM (headless Monocle under surefire); see {@link UiTests#startFx()}. */
    public static void startFx() {
        UiTests.startFx();
    }

    /** Runs {@code work} on the FX thread and waits for it. */
    public static <T> T onFx(Callable<T> work) throws Exception {
        return UiTests.fx(work);
    }

    /** Puts {@code root} in a scene of the given size, snapshots it and counts the pixels unlike the top-left one. */
    public static int inkedPixels(Parent root, int width, int height) {
        Scene scene = root.getScene() != null ? root.getScene() : new Scene(root, width, height);
        root.applyCss();
        root.layout();
        WritableImage image = scene.snapshot(null);
        PixelReader r = image.getPixelReader();
        int background = r.getArgb(0, 0);
        int inked = 0;
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
                if (r.getArgb(x, y) != background) {
                    inked++;
                }
            }
        }
        return inked;
    }

    /** The quickstart scenario with overrides (a few hundred requests keep it well under a second). */
    public static Scenario quickstart(String... sets) {
        return new ScenarioLoader(Catalog.builtIn()).parse("quickstart", ScenarioLibrary.text("quickstart"), List.of(sets));
    }

    /** A finished tiny run of quickstart with {@code sets}, run once per JVM and shared. */
    public static synchronized RunRecord run(String label, String... sets) throws Exception {
        String key = label + List.of(sets);
        RunRecord r = RUNS.get(key);
        if (r == null) {
            Path out = Files.createTempDirectory("tokenfab-ui-views");
            r = new RunTask(quickstart(sets), ScenarioLibrary.text("quickstart"), label, out).start().result()
                    .get(60, TimeUnit.SECONDS);
            RUNS.put(key, r);
        }
        return r;
    }
}
