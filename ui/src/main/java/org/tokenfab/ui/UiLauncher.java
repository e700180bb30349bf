package org.tokenfab.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import javafx.application.Application;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.sim.TokenFabException;

/**
 * What {@code tokenfab ui} calls. A plain class on purpose: when the class given to the JVM as main
 * (or, here, the CLI that calls this) extends {@link Application}, the Java launcher insists on
 * JavaFX being on the module path, which a shaded jar cannot provide. Starting JavaFX from a class
 * that does not extend it works from the plain class path.
 *
 * <p>User errors (an unknown view, a bad scenario, no display) are {@link TokenFabException}s with a
 * one-line message, which the CLI prints and turns into exit code 2.
 */
public final class UiLauncher {
    /** Where runs write their folders unless told otherwise. */
    public static final String DEFAULT_OUTPUT_ROOT = "out/ui";

    /**
     * JavaFX warns "Unsupported JavaFX configuration: classes were loaded from 'unnamed module'" when
     * it is on the class path, which is how the shaded jar ships it; the warning goes through the
     * "javafx" logger (java.util.logging by default), so raising that logger's level hides it.
     * A strong reference, because java.util.logging keeps loggers only weakly.
     */
    private static final Logger JAVAFX_LOGGER = Logger.getLogger("javafx");

    private UiLauncher() {
    }

    /** A scenario's YAML and the name messages give it. */
    record Source(String name, String text, Scenario scenario) {
    }

    /**
     * Opens the window on {@code scenario} (a file or a bundled name; null for the default) and
     * returns when it is closed.
     *
     * @throws TokenFabException if the scenario is bad or there is no display to open a window on
     */
    public static void open(String scenario, Path outputRoot) {
        Source source = resolve(scenario);
        if (noDisplay()) {
            throw new TokenFabException(noDisplayMessage("DISPLAY (and WAYLAND_DISPLAY) is not set"));
        }
        quietJavaFxLogger();
        try {
            Application.launch(TokenFabApp.class, "--scenario=" + (scenario == null ? ScenarioLibrary.DEFAULT : scenario),
                    "--out=" + outputRoot);
        } catch (RuntimeException | LinkageError e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
            throw new TokenFabException(noDisplayMessage("the JavaFX toolkit did not start: " + why));
        }
    }

    /**
     * Runs {@code scenario} headless, renders {@code view} at 1280 x 800 and writes it to {@code png}.
     *
     * @param view one of {@link MainWindow#VIEWS}
     * @throws TokenFabException on an unknown view, a bad scenario, a failed run or an unwritable file
     */
    public static void screenshot(Path png, String scenario, String view, Path outputRoot) {
        checkView(view);
        Source source = resolve(scenario);
        Headless.start();
        quietJavaFxLogger();
        Headless.render(source, view, outputRoot, png);
    }

    /** @throws TokenFabException unless {@code view} is one of {@link MainWindow#VIEWS} */
    public static void checkView(String view) {
        if (!MainWindow.VIEWS.contains(view)) {
            throw new TokenFabException("unknown view '" + view + "'; views: " + String.join(", ", MainWindow.VIEWS));
        }
    }

    /** Reads and checks a scenario given as a file path or a bundled name (null: the default). */
    static Source resolve(String nameOrPath) {
        String n = nameOrPath == null ? ScenarioLibrary.DEFAULT : nameOrPath;
        Path file = Path.of(n);
        String name, text;
        if (Files.isRegularFile(file)) {
            name = file.toString();
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new TokenFabException(file + ": cannot read: " + e.getMessage(), e);
            }
        } else {
            String bundled = n.endsWith(".yaml") ? n.substring(0, n.length() - 5) : n;
            if (!ScenarioLibrary.names().contains(bundled)) {
                throw new TokenFabException("'" + n + "' is neither a scenario file nor a bundled scenario; bundled: "
                        + String.join(", ", ScenarioLibrary.names()));
            }
            name = "library/" + bundled + ".yaml";
            text = ScenarioLibrary.text(bundled);
        }
        Scenario s = new ScenarioLoader(Catalog.builtIn()).parse(name, text, List.of());
        return new Source(name, text, s);
    }

    static void quietJavaFxLogger() {
        JAVAFX_LOGGER.setLevel(Level.SEVERE);
    }

    private static boolean noDisplay() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        return linux && blank(System.getenv("DISPLAY")) && blank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String noDisplayMessage(String why) {
        return "no display to open a window on (" + why + "). Render a view headless instead:"
                + " `tokenfab ui --screenshot dashboard.png --view dashboard`, or run the window under a virtual"
                + " display: `xvfb-run ./tokenfab ui` (needs the xvfb and libgtk-3-0 packages).";
    }
}
