package org.tokenfab.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.ui.dashboard.Figures;
import org.tokenfab.ui.model.RunRecord;
import org.tokenfab.ui.model.Workspace;

/** The main window end to end: run from the toolbar, dashboard against summary.json, cancel. */
class MainWindowTest {
    @TempDir
    Path out;
    private Workspace workspace;
    private MainWindow window;
    private Stage stage;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void fx() {
        UiTests.startFx();
    }

    @BeforeEach
    void open() throws Exception {
        UiTests.fxRun(() -> {
            workspace = new Workspace(Catalog.builtIn(), out);
            window = new MainWindow(workspace, null);
            stage = new Stage();
            stage.setScene(new Scene(window.root(), 1280, 800));
            stage.show();
            stage.toFront();
        });
    }

    @AfterEach
    void close() throws Exception {
        UiTests.fxRun(() -> {
            window.shutdown();
            stage.close();
        });
    }

    private String text(String id) throws Exception {
        return UiTests.fx(() -> ((Label) window.root().lookup(id)).getText());
    }

    @Test
    void runShowsTheDashboardWithTheFiguresOfSummaryJson() throws Exception {
        UiTests.fxRun(() -> window.editor().load("library/quickstart.yaml", UiTests.quickstart(300)));
        robot.clickOn("#toolbar-run");
        assertThat(UiTests.await(Duration.ofSeconds(60), () -> workspace.lastRunProperty().get() != null)).isTrue();
        RunRecord run = UiTests.fx(() -> workspace.lastRunProperty().get());
        assertThat(UiTests.fx(window::selectedView)).isEqualTo("dashboard");
        assertThat(run.outDir()).isEqualTo(out.resolve("quickstart"));

        JsonNode json = new ObjectMapper().readTree(Files.readString(run.summaryJson()));
        assertThat(json.at("/requests/completed").asLong()).isEqualTo(300);
        assertThat(text("#completed")).isEqualTo(Figures.count(json.at("/requests/completed").asLong()));
        assertThat(text("#rejected")).isEqualTo(Figures.count(json.at("/requests/rejected").asLong()));
        assertThat(text("#ttft-p50")).isEqualTo(Figures.ms(json.at("/latency_ms/ttft/p50").asDouble()));
        assertThat(text("#ttft-p99")).isEqualTo(Figures.ms(json.at("/latency_ms/ttft/p99").asDouble()));
        assertThat(text("#tpot-p99")).isEqualTo(Figures.ms(json.at("/latency_ms/tpot/p99").asDouble()));
        assertThat(text("#e2e-p99")).isEqualTo(Figures.ms(json.at("/latency_ms/e2e/p99").asDouble()));
        assertThat(text("#output-tps")).isEqualTo(Figures.perSecond(json.at("/throughput/output_tokens_per_s").asDouble(), "tok"));
        assertThat(text("#goodput")).isEqualTo(Figures.perSecond(json.at("/goodput_rps").asDouble(), "req"));
        assertThat(text("#facility-power")).isEqualTo(Figures.power(json.at("/power_w/facility_mean").asDouble()));
        assertThat(text("#tokens-per-joule")).isEqualTo(Figures.perJoule(json.at("/tokens_per_joule/output_facility").asDouble()));
        assertThat(text("#status-message")).startsWith("Finished quickstart");

        // The live view received the run's rows; a second run (Ctrl+R) gets its own folder.
        assertThat(UiTests.fx(() -> window.live().series().rowsSeen())).isPositive();
        robot.push(KeyCode.CONTROL, KeyCode.R);
        assertThat(UiTests.await(Duration.ofSeconds(60), () -> workspace.lastRunProperty().get() != run)).isTrue();
        assertThat(UiTests.fx(() -> workspace.lastRunProperty().get().outDir())).isEqualTo(out.resolve("quickstart-2"));
    }

    @Test
    void cancelStopsTheRunAndLeavesTheDashboardAlone() throws Exception {
        UiTests.fxRun(() -> window.editor().load("library/quickstart.yaml", UiTests.quickstart(300_000)));
        robot.clickOn("#toolbar-run");
        assertThat(UiTests.await(Duration.ofSeconds(10), () -> window.live().series().rowsSeen() > 0)).isTrue();
        assertThat(UiTests.fx(window::selectedView)).isEqualTo("live");
        robot.clickOn("#status-cancel");
        assertThat(UiTests.await(Duration.ofSeconds(30), () -> textNow("#status-message").contains("cancelled"))).isTrue();
        assertThat(UiTests.fx(() -> workspace.lastRunProperty().get())).isNull();
        assertThat(UiTests.fx(() -> window.dashboard().shown())).isNull();
        assertThat(UiTests.fx(window::selectedView)).isEqualTo("live");

        // Esc cancels too.
        robot.clickOn("#toolbar-run");
        assertThat(UiTests.await(Duration.ofSeconds(10), () -> textNow("#status-message").startsWith("Running"))).isTrue();
        robot.clickOn("#tab-live").type(KeyCode.ESCAPE);
        assertThat(UiTests.await(Duration.ofSeconds(30), () -> textNow("#status-message").contains("cancelled"))).isTrue();
        assertThat(UiTests.fx(() -> workspace.lastRunProperty().get())).isNull();
    }

    private String textNow(String id) {
        return ((Label) window.root().lookup(id)).getText();
    }

    @Test
    void requestViewSelectsTabsAndUnknownViewsAreReported() throws Exception {
        for (String view : MainWindow.VIEWS) {
            UiTests.fxRun(() -> workspace.requestView(view));
            assertThat(UiTests.fx(window::selectedView)).isEqualTo(view);
        }
        UiTests.fxRun(() -> workspace.requestView("nope"));
        assertThat(text("#status-message")).contains("No view named 'nope'");
    }

    @Test
    void openTakesABundledNameAsTypedOrAsTheEditorShowsIt() throws Exception {
        // `tokenfab ui` with no scenario opens the default by name; the editor then names it library/NAME.yaml.
        for (String name : new String[] {"quickstart", "library/batching-tradeoff.yaml", "memory-wall.yaml"}) {
            UiTests.fxRun(() -> window.open(name));
            assertThat(text("#status-message")).startsWith("Opened library/");
            assertThat(UiTests.fx(() -> workspace.scenarioProperty().get() != null)).isTrue();
        }
        UiTests.fxRun(() -> window.open("no-such-scenario"));
        assertThat(text("#status-message")).startsWith("Cannot open no-such-scenario");
    }
}
