package org.tokenfab.ui;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javafx.application.Platform;

import org.tokenfab.scenario.load.ScenarioLibrary;

/** Shared by this package's tests: the FX platform, FX-thread calls, polling, small scenarios. */
public final class UiTests {
    private UiTests() {
    }

    /**
     * Starts the platform once per JVM (headless Monocle under surefire). Platform.startup rather
     * than TestFX's FxToolkit, because other packages' tests start it the same way and the first
     * one wins, in whatever order surefire runs the classes.
     */
    public static synchronized void startFx() {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // started by another test class
        }
        Platform.setImplicitExit(false);
    }

    public static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    public static void fxRun(Runnable work) throws Exception {
        fx(() -> {
            work.run();
            return null;
        });
    }

    /** Polls {@code condition} on the FX thread until it holds or {@code timeout} passes. */
    public static boolean await(Duration timeout, BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (fx(condition::getAsBoolean)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** The quickstart scenario with {@code requests} requests instead of 3,000. */
    public static String quickstart(long requests) {
        String text = ScenarioLibrary.text("quickstart");
        String small = text.replace("requests: 3000", "requests: " + requests);
        if (small.equals(text)) {
            throw new IllegalStateException("quickstart no longer says requests: 3000");
        }
        return small;
    }
}
