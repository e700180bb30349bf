package org.tokenfab.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import javax.imageio.ImageIO;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.Quantities;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.sim.TokenFabException;
import org.tokenfab.ui.editor.YamlTree;
import org.tokenfab.ui.model.RunRecord;
import org.tokenfab.ui.model.Workspace;

/**
 * Screenshots without a display: JavaFX on Monocle's headless platform with the software renderer,
 * the same {@link MainWindow} as the app, filled by real runs through its own run machinery, then
 * {@code scene.snapshot} copied pixel by pixel into a {@link BufferedImage} for ImageIO (public API
 * only, no javafx-swing). No Stage is ever shown.
 */
final class Headless {
    static final int WIDTH = 1280, HEIGHT = 800;

    private Headless() {
    }

    /**
     * Starts the toolkit on the headless platform. The properties must be set before the toolkit
     * reads them, i.e. before it starts; a toolkit already running (tests) is used as it is.
     */
    static void start() {
        setIfAbsent("glass.platform", "Monocle");
        setIfAbsent("monocle.platform", "Headless");
        setIfAbsent("prism.order", "sw");
        setIfAbsent("java.awt.headless", "true");
        UiLauncher.quietJavaFxLogger();
        try {
            CompletableFuture<Void> up = new CompletableFuture<>();
            Platform.startup(() -> up.complete(null));
            up.join();
        } catch (IllegalStateException alreadyRunning) {
            // Toolkit started before (a test, or a second screenshot in one JVM): fine.
        }
        Platform.setImplicitExit(false);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Runs the scenario (twice for compare), selects {@code view}, and writes the PNG. */
    static void render(UiLauncher.Source source, String view, Path outputRoot, Path png) {
        Workspace workspace = new Workspace(Catalog.builtIn(), outputRoot);
        MainWindow window = fx(() -> new MainWindow(workspace, null));
        Scene scene = fx(() -> {
            Scene s = new Scene(window.root(), WIDTH, HEIGHT);
            window.editor().load(source.name(), source.text());
            return s;
        });
        Workspace.RunRequest primary = new Workspace.RunRequest(source.scenario(), source.text(), source.scenario().name());
        await(fx(() -> window.run(primary)));
        if (view.equals("compare")) {
            // Something to compare: the run as baseline, and the same scenario with twice the traffic
            // (or twice the replicas when the traffic has no rate to double) pinned beside it.
            Workspace.RunRequest variant = variation(source);
            fx(() -> {
                window.pin();
                return null;
            });
            await(fx(() -> window.run(variant)));
        }
        BufferedImage image = fx(() -> {
            if (view.equals("compare")) {
                window.pin();
            }
            window.showView(view);
            window.root().applyCss();
            window.root().layout();
            return toImage(scene.snapshot(null));
        });
        write(image, png);
    }

    /** The scenario with its arrival rate doubled, or its first pool's replicas doubled. */
    static Workspace.RunRequest variation(UiLauncher.Source source) {
        ObjectNode tree = YamlTree.parse(source.text());
        if (tree == null) {
            throw new TokenFabException(source.name() + ": cannot make a variation of a document that is not a mapping");
        }
        String rate = YamlTree.text(tree, "workload.arrivals.rate");
        OptionalDouble perSecond = rate.isEmpty() ? OptionalDouble.empty() : Quantities.ratePerSecond(rate);
        String suffix;
        if (perSecond.isPresent()) {
            YamlTree.set(tree, "workload.arrivals.rate", String.format(Locale.ROOT, "%s/s", trim(perSecond.getAsDouble() * 2)));
            suffix = "-2x-rate";
        } else {
            int replicas = source.scenario().cluster().pools().get(0).replicas();
            YamlTree.set(tree, "cluster.pools[0].replicas", Integer.toString(replicas * 2));
            suffix = "-2x-replicas";
        }
        String text = YamlTree.write(tree);
        Scenario s = new ScenarioLoader(Catalog.builtIn()).parse(source.name(), text, List.of());
        return new Workspace.RunRequest(s, text, s.name() + suffix);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Waits for a run; its failure (a TokenFabException) goes to the caller as it is. */
    private static RunRecord await(CompletableFuture<RunRecord> run) {
        try {
            return run.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenFabException("interrupted while the run went on");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TokenFabException t) {
                throw t;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The snapshot's pixels as an ARGB image, copied row-major in one call. */
    static BufferedImage toImage(WritableImage snapshot) {
        int w = (int) snapshot.getWidth(), h = (int) snapshot.getHeight();
        int[] argb = new int[w * h];
        PixelReader reader = snapshot.getPixelReader();
        reader.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, w, h, argb, 0, w);
        return image;
    }

    private static void write(BufferedImage image, Path png) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new TokenFabException(png + ": no PNG writer available");
            }
        } catch (IOException e) {
            throw new TokenFabException(png + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} on the JavaFX thread and returns its result (or rethrows its exception). */
    static <T> T fx(Callable<T> work) {
        if (Platform.isFxApplicationThread()) {
            try {
                return work.call();
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
