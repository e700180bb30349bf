package org.tokenfab.ui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.sim.TokenFabException;
import org.tokenfab.ui.model.Workspace;

/**
 * A form over the fields people change most, beside the scenario's YAML, kept in step both ways:
 * a form edit rewrites the YAML through its tree ({@link YamlTree}); a YAML edit is re-parsed 300 ms
 * after the last keystroke and refreshes the form. Every change is checked by {@link ScenarioLoader};
 * a failure shows the loader's message under the field whose path it names (else above the YAML)
 * and disables Run. A valid scenario goes to {@link Workspace#scenarioProperty()}. With several
 * pools the form edits one at a time (a selector says which); the YAML stays the authority.
 */
public final class ScenarioEditor {
    private final Workspace workspace;
    private final ScenarioLoader loader;
    private final TextArea yaml = new TextArea();
    private final Label yamlError = new Label();
    private final Label status = new Label();
    private final Button run = new Button("Run");
    private final ComboBox<String> pool = new ComboBox<>();
    private final Label poolCount = new Label();
    private final Label traffic = new Label();
    private final List<FormField> fields = new ArrayList<>();
    private final PauseTransition debounce = new PauseTransition(Duration.millis(300));
    private final BooleanProperty valid = new SimpleBooleanProperty(this, "valid", false);
    private final SplitPane root = new SplitPane();
    private String source = "untitled.yaml";
    private Scenario scenario;
    private int poolIndex;
    /** True while the editor itself writes the text or the controls, so their listeners stay quiet. */
    private boolean updating;

    public ScenarioEditor(Workspace workspace) {
        this.workspace = workspace;
        this.loader = new ScenarioLoader(workspace.catalog());
        EditorFields.addTo(fields, workspace.catalog());
        for (FormField f : fields) {
            if (f.control instanceof TextField t) {
                t.setOnAction(e -> commit(f));
                t.focusedProperty().addListener((o, was, now) -> {
                    if (!now) {
                        commit(f);
                    }
                });
            } else if (f.control instanceof ComboBox<?> c) {
                c.setOnAction(e -> commit(f));
                if (c.isEditable()) {
                    c.getEditor().setOnAction(e -> commit(f));
                }
            }
        }
        yaml.setId("scenario-yaml");
        yaml.setStyle("-fx-font-family: 'monospace'; -fx-font-size: 12px;");
        yaml.textProperty().addListener((o, was, now) -> {
            if (!updating) {
                debounce.playFromStart();
            }
        });
        debounce.setOnFinished(e -> reparse());
        yamlError.setId("yaml-error");
        yamlError.setWrapText(true);
        yamlError.setStyle("-fx-text-fill: #b00020;");
        showYamlError(null);
        status.setId("scenario-status");
        run.setId("editor-run");
        run.disableProperty().bind(valid.not());
        run.setOnAction(e -> run());
        run.setTooltip(new Tooltip("Run this scenario (Ctrl+R)"));
        pool.setId("pool-selector");
        pool.setOnAction(e -> {
            if (!updating && pool.getSelectionModel().getSelectedIndex() >= 0) {
                poolIndex = pool.getSelectionModel().getSelectedIndex();
                refreshForm(YamlTree.parse(yaml.getText()));
            }
        });
        poolCount.setId("pool-count");
        traffic.setId("traffic-target");
        traffic.setWrapText(true);
        traffic.setMaxWidth(300);
        root.getItems().addAll(form(), yamlPane());
        root.setDividerPositions(0.4);
        root.setId("scenario-view");
    }

    private Parent form() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        grid.setPadding(new Insets(8));
        int row = 0;
        grid.add(new Label("Pool"), 0, row);
        grid.add(new HBox(6, pool, poolCount), 1, row++);
        grid.add(new Label("Traffic"), 0, row);
        grid.add(traffic, 1, row++);
        for (FormField f : fields) {
            Label l = new Label(f.label);
            l.setLabelFor(f.control);
            grid.add(l, 0, row);
            grid.add(new VBox(2, f.control, f.error), 1, row++);
        }
        Tooltip.install(grid, new Tooltip("Form edits rewrite the YAML from its tree: comments and flow style"
                + " ({ tp: 1 }) are lost. Edit the YAML directly to keep them."));
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        HBox top = new HBox(10, run, status);
        top.setPadding(new Insets(8));
        BorderPane pane = new BorderPane(scroll);
        pane.setTop(top);
        pane.setMinWidth(320);
        return pane;
    }

    private Parent yamlPane() {
        BorderPane pane = new BorderPane(yaml);
        VBox top = new VBox(4, new Label("Scenario YAML (the authority; checked 300 ms after you stop typing)"), yamlError);
        top.setPadding(new Insets(8));
        pane.setTop(top);
        SplitPane.setResizableWithParent(pane, true);
        return pane;
    }

    public Parent root() {
        return root;
    }

    /** Shows {@code text} (named {@code source} in messages, e.g. a file path) and checks it at once. */
    public void load(String source, String text) {
        this.source = source;
        poolIndex = 0;
        setText(text);
        reparse();
    }

    /** The YAML as it stands. */
    public String text() {
        return yaml.getText();
    }

    /** What messages call the text (a file path, library/NAME.yaml or untitled.yaml). */
    public String source() {
        return source;
    }

    /** True while the text is a scenario the loader accepts. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid;
    }

    /** The scenario to run: the text as it stands, checked now (a pending debounce is flushed). */
    public Optional<Workspace.RunRequest> runRequest() {
        if (debounce.getStatus() == Animation.Status.RUNNING) {
            debounce.stop();
            reparse();
        }
        return valid.get() ? Optional.of(new Workspace.RunRequest(scenario, yaml.getText(), scenario.name())) : Optional.empty();
    }

    /** Asks the main window to run the scenario, if it is valid. */
    public void run() {
        runRequest().ifPresent(workspace::requestRun);
    }

    private void setText(String text) {
        updating = true;
        try {
            yaml.setText(text);
        } finally {
            updating = false;
        }
    }

    /** Checks the text with the loader and refreshes the form from its tree (even when invalid). */
    void reparse() {
        String text = yaml.getText();
        ObjectNode tree = YamlTree.parse(text);
        refreshForm(tree);
        for (FormField f : fields) {
            f.showError(null);
        }
        showYamlError(null);
        try {
            scenario = loader.parse(source, text, List.of());
            valid.set(true);
            status.setText("\u2714 valid: " + scenario.name());
            status.setStyle("-fx-text-fill: #1b5e20;");
            workspace.scenarioTextProperty().set(text); // first: listeners of the scenario read the text
            workspace.scenarioProperty().set(scenario);
        } catch (TokenFabException e) {
            valid.set(false);
            String message = e.getMessage();
            Optional<FormField> field = FormField.pathIn(message, source)
                    .flatMap(p -> FormField.match(p, fields, paths(tree)));
            field.ifPresentOrElse(f -> f.showError(message), () -> showYamlError(message));
            status.setText("\u2716 invalid" + field.map(f -> ": see " + f.label).orElse(": see above the YAML"));
            status.setStyle("-fx-text-fill: #b00020;");
        }
    }

    private void showYamlError(String message) {
        yamlError.setText(message == null ? "" : message);
        yamlError.setVisible(message != null);
        yamlError.setManaged(message != null);
    }

    /** Where the field templates point in this tree (see {@link FormField.Paths}). */
    private FormField.Paths paths(ObjectNode tree) {
        String p = "cluster.pools[" + poolIndex + "]";
        JsonNode classes = tree == null ? null : YamlTree.get(tree, "workload.classes");
        String load = classes != null && classes.isArray() && !classes.isEmpty() ? "workload.classes[0]" : "workload";
        boolean poolModel = tree != null && YamlTree.get(tree, p + ".model") != null;
        return new FormField.Paths(p, load, poolModel ? p + ".model" : "model");
    }

    private void refreshForm(ObjectNode tree) {
        if (tree == null) {
            return; // not YAML yet: keep the form as it was, the loader's message says why
        }
        updating = true;
        try {
            JsonNode pools = YamlTree.get(tree, "cluster.pools");
            int n = pools != null && pools.isArray() ? pools.size() : 0;
            if (poolIndex >= Math.max(1, n)) {
                poolIndex = 0;
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = YamlTree.text(tree, "cluster.pools[" + i + "].name");
                names.add(name.isEmpty() ? (i == 0 ? "main" : "pool" + i) : name);
            }
            pool.getItems().setAll(names);
            pool.getSelectionModel().select(poolIndex);
            pool.setDisable(n <= 1);
            poolCount.setText("pool " + (poolIndex + 1) + " of " + Math.max(n, 1));
            FormField.Paths paths = paths(tree);
            JsonNode classes = YamlTree.get(tree, "workload.classes");
            traffic.setText(paths.load().contains("classes")
                    ? "class " + YamlTree.text(tree, "workload.classes[0].name") + " (1 of " + classes.size()
                            + "; edit the others in the YAML)"
                    : "the workload (one class)");
            for (FormField f : fields) {
                f.setValue(YamlTree.text(tree, paths.resolve(f.template)));
            }
            EditorFields.enable(fields, tree, paths);
        } finally {
            updating = false;
        }
    }

    /** A form edit: write the field's value into the tree, the tree into the text, and check it. */
    private void commit(FormField f) {
        if (updating) {
            return;
        }
        ObjectNode tree = YamlTree.parse(yaml.getText());
        if (tree == null) {
            f.showError("The YAML does not parse; fix it on the right first.");
            return;
        }
        FormField.Paths paths = paths(tree);
        String path = paths.resolve(f.template);
        String value = f.value().strip();
        if (value.equals(YamlTree.text(tree, path))) {
            return; // focus left without a change: leave the text (and its comments) alone
        }
        try {
            EditorFields.apply(tree, f, path, value);
        } catch (IllegalArgumentException e) {
            f.showError(e.getMessage());
            return;
        }
        setText(YamlTree.write(tree));
        debounce.stop();
        reparse();
    }

    /** For tests: the field with this id ({@code replicas}, {@code accelerator}, ...). */
    FormField field(String id) {
        return fields.stream().filter(f -> f.id.equals(id)).findFirst().orElseThrow();
    }
}
