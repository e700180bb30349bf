package org.tokenfab.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.ui.UiTests;
import org.tokenfab.ui.model.Workspace;

class ScenarioEditorTest {
    private Workspace workspace;
    private ScenarioEditor editor;
    private Stage stage;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void fx() {
        UiTests.startFx();
    }

    @BeforeEach
    void open() throws Exception {
        UiTests.fxRun(() -> {
            workspace = new Workspace(Catalog.builtIn(), Path.of("out"));
            editor = new ScenarioEditor(workspace);
            editor.load("library/quickstart.yaml", ScenarioLibrary.text("quickstart"));
            stage = new Stage();
            stage.setScene(new Scene(editor.root(), 1280, 800));
            stage.show();
        });
    }

    @AfterEach
    void close() throws Exception {
        UiTests.fxRun(stage::close);
    }

    private <T> T node(String id, Class<T> type) throws Exception {
        return UiTests.fx(() -> type.cast(editor.root().lookup(id)));
    }

    private boolean runDisabled() throws Exception {
        return UiTests.fx(() -> editor.root().lookup("#editor-run").isDisabled());
    }

    @Test
    void loadsValidAndFillsTheForm() throws Exception {
        assertThat(UiTests.fx(() -> editor.validProperty().get())).isTrue();
        assertThat(runDisabled()).isFalse();
        assertThat(UiTests.fx(() -> workspace.scenarioProperty().get().name())).isEqualTo("quickstart");
        assertThat(UiTests.fx(() -> editor.field("replicas").value())).isEqualTo("2");
        assertThat(UiTests.fx(() -> editor.field("accelerator").value())).isEqualTo("h100-sxm");
        assertThat(UiTests.fx(() -> editor.field("input_median").value())).isEqualTo("1000");
        assertThat(UiTests.fx(() -> editor.field("input_tokens").control.isDisabled())).as("fixed only").isTrue();
        assertThat(UiTests.fx(() -> editor.field("slo_ttft").control.isDisabled())).as("no classes").isTrue();
        assertThat(node("#pool-count", Label.class).getText()).isEqualTo("pool 1 of 1");
    }

    @Test
    void invalidFormValueShowsTheLoaderMessageUnderItsFieldAndDisablesRun() throws Exception {
        robot.doubleClickOn("#field-replicas").eraseText(3).write("-1").type(KeyCode.ENTER);
        Label error = node("#error-replicas", Label.class);
        assertThat(UiTests.fx(error::isVisible)).isTrue();
        assertThat(UiTests.fx(error::getText)).startsWith("library/quickstart.yaml: cluster.pools[0].replicas: ");
        assertThat(runDisabled()).isTrue();
        assertThat(UiTests.fx(() -> editor.validProperty().get())).isFalse();
        assertThat(UiTests.fx(editor::text)).contains("replicas: -1");
        // Fixing it in the form clears the message and enables Run again.
        UiTests.fxRun(() -> {
            TextField f = (TextField) editor.field("replicas").control;
            f.setText("4");
            f.fireEvent(new javafx.event.ActionEvent());
        });
        assertThat(UiTests.fx(error::isVisible)).isFalse();
        assertThat(runDisabled()).isFalse();
        assertThat(UiTests.fx(editor::text)).contains("replicas: 4");
        assertThat(UiTests.fx(() -> workspace.scenarioProperty().get().cluster().pools().get(0).replicas())).isEqualTo(4);
    }

    @Test
    void yamlEditsAreCheckedAfterADebounceAndRefreshTheForm() throws Exception {
        TextArea yaml = node("#scenario-yaml", TextArea.class);
        String text = ScenarioLibrary.text("quickstart");
        UiTests.fxRun(() -> yaml.setText(text.replace("accelerator: h100-sxm", "accelerator: h100-nope")));
        assertThat(UiTests.await(Duration.ofSeconds(5), () -> editor.field("accelerator").error.isVisible())).isTrue();
        assertThat(UiTests.fx(() -> editor.field("accelerator").error.getText()))
                .contains("cluster.pools[0].accelerator").contains("h100-nope");
        assertThat(runDisabled()).isTrue();
        assertThat(UiTests.fx(() -> editor.field("accelerator").value())).isEqualTo("h100-nope");

        UiTests.fxRun(() -> yaml.setText(text.replace("parallelism: { tp: 1 }", "parallelism: { tp: 2 }")));
        assertThat(UiTests.await(Duration.ofSeconds(5), () -> editor.validProperty().get())).isTrue();
        assertThat(UiTests.fx(() -> editor.field("tp").value())).isEqualTo("2");
        assertThat(UiTests.fx(() -> editor.field("accelerator").error.isVisible())).isFalse();

        // An error no field owns goes above the YAML.
        UiTests.fxRun(() -> yaml.setText(text.replace("name: quickstart", "name: 'bad name!'")));
        assertThat(UiTests.await(Duration.ofSeconds(5), () -> editor.root().lookup("#yaml-error").isVisible())).isTrue();
        assertThat(node("#yaml-error", Label.class).getText()).contains("name");
        assertThat(node("#editor-run", Button.class).isDisabled()).isTrue();
    }

    @Test
    void switchingADistributionRewritesItsMapping() throws Exception {
        UiTests.fxRun(() -> {
            @SuppressWarnings("unchecked")
            var box = (javafx.scene.control.ComboBox<String>) editor.field("output_dist").control;
            box.setValue("fixed");
        });
        assertThat(UiTests.fx(editor::text)).contains("dist: fixed").contains("tokens: 200");
        assertThat(UiTests.fx(() -> editor.validProperty().get())).isTrue();
        assertThat(UiTests.fx(() -> editor.field("output_tokens").control.isDisabled())).isFalse();
    }

    @Test
    void multiPoolScenariosEditOnePoolAtATime() throws Exception {
        UiTests.fxRun(() -> editor.load("library/heterogeneous-fleet.yaml", ScenarioLibrary.text("heterogeneous-fleet")));
        assertThat(node("#pool-count", Label.class).getText()).isEqualTo("pool 1 of 2");
        assertThat(node("#traffic-target", Label.class).getText()).startsWith("class chat (1 of 2");
        assertThat(UiTests.fx(() -> editor.field("slo_ttft").value())).isEqualTo("500ms");
        assertThat(UiTests.fx(() -> editor.field("slo_ttft").control.isDisabled())).isFalse();
        UiTests.fxRun(() -> {
            @SuppressWarnings("unchecked")
            var pools = (javafx.scene.control.ComboBox<String>) editor.root().lookup("#pool-selector");
            pools.getSelectionModel().select(1);
        });
        assertThat(node("#pool-count", Label.class).getText()).isEqualTo("pool 2 of 2");
        assertThat(UiTests.fx(() -> editor.field("accelerator").value())).isEqualTo("b200");
        assertThat(UiTests.fx(() -> editor.field("model").value())).isEqualTo("llama-3.1-70b");
        UiTests.fxRun(() -> {
            TextField f = (TextField) editor.field("replicas").control;
            f.setText("3");
            f.fireEvent(new javafx.event.ActionEvent());
        });
        assertThat(UiTests.fx(() -> workspace.scenarioProperty().get().cluster().pools().get(1).replicas())).isEqualTo(3);
        assertThat(UiTests.fx(() -> workspace.scenarioProperty().get().cluster().pools().get(0).replicas())).isEqualTo(2);
    }
}
