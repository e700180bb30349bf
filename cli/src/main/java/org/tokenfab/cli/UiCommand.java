package org.tokenfab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.tokenfab.sim.TokenFabException;

/**
 * {@code tokenfab ui}: the desktop app, or with {@code --screenshot} one of its views rendered
 * headless to a PNG. JavaFX is touched only inside {@link #call()} (through
 * {@code org.tokenfab.ui.UiLauncher}), so other commands never load it and start as fast as before.
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Open the TokenFab desktop app (scenario editor, live charts, dashboard, compare,",
                "sweep, memory wall, replica timeline), or with --screenshot run a scenario headless and",
                "write one view as a 1280x800 PNG (no display needed).", ""},
        footer = {"", "Shortcuts in the app: Ctrl+R run, Esc cancel, Ctrl+O open a file, Ctrl+P pin the last run.",
                "", "Examples:",
                "  tokenfab ui                                   # the window, on the quickstart scenario",
                "  tokenfab ui my.yaml",
                "  xvfb-run ./tokenfab ui                        # no display: a virtual one",
                "  tokenfab ui --screenshot dash.png --view dashboard",
                "  tokenfab ui --screenshot live.png --scenario batching-tradeoff --view live"})
final class UiCommand implements Callable<Integer> {
    /** The views --view takes (kept in step with MainWindow.VIEWS by a test). */
    static final String VIEWS = "scenario, live, dashboard, compare, sweep, roofline, replica";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
            description = "A scenario YAML file, or the name of a bundled scenario. Default: quickstart.")
    String scenario;

    @Option(names = "--scenario", paramLabel = "SCENARIO", description = "Same as the SCENARIO parameter.")
    String scenarioOption;

    @Option(names = "--screenshot", paramLabel = "FILE.png",
            description = "Run the scenario headless (Monocle, software rendering), render --view at 1280x800 and write it to FILE.png; no window is shown.")
    Path screenshot;

    @Option(names = "--view", paramLabel = "VIEW", defaultValue = "dashboard",
            description = "The view for --screenshot: " + VIEWS + ". Default: ${DEFAULT-VALUE}.")
    String view;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/ui",
            description = "Where runs write their folders (DIR/<scenario>[-N]/). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() {
        if (scenario != null && scenarioOption != null && !scenario.equals(scenarioOption)) {
            throw new TokenFabException("give the scenario once: either SCENARIO or --scenario, not both");
        }
        String s = scenario != null ? scenario : scenarioOption;
        if (screenshot != null) {
            org.tokenfab.ui.UiLauncher.screenshot(screenshot, s, view, out);
            spec.commandLine().getOut().println("wrote " + screenshot + " (" + view + ", 1280x800)");
        } else {
            org.tokenfab.ui.UiLauncher.open(s, out);
        }
        return 0;
    }
}
