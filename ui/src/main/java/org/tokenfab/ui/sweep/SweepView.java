package org.tokenfab.ui.sweep;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.sweep.Pareto;
import org.tokenfab.ui.model.RunRecord;
import org.tokenfab.ui.model.Workspace;

/**
 * Sweeps: edit the axes (YAML path, comma-separated values; prefilled from the scenario's
 * {@code sweep:} section), run every point in the background on all cores, then read the Pareto
 * chart of the chosen view with its frontier highlighted. Clicking a point asks the main window to
 * run that configuration. The FX thread never waits for the sweep.
 */
public final class SweepView {
    /** Axis labels, with units, of the metrics the Pareto views use. */
    private static final Map<String, String> LABELS = Map.of(
            "output_tokens_per_s_per_accelerator", "throughput: output tokens/s per accelerator",
            "tokens_per_s_per_user", "interactivity: tokens/s per user",
            "usd_per_million_output_tokens", "$ per million output tokens",
            "ttft_p99_ms", "TTFT p99, ms",
            "output_tokens_per_facility_joule", "output tokens/J (facility)",
            "tpot_p99_ms", "TPOT p99, ms");

    /** One editable axis row. */
    public static final class AxisRow {
        private final StringProperty path = new SimpleStringProperty(this, "path", "");
        private final StringProperty values = new SimpleStringProperty(this, "values", "");

        public AxisRow(String path, String values) {
            this.path.set(path);
            this.values.set(values);
        }

        public StringProperty pathProperty() {
            return path;
        }

        public StringProperty valuesProperty() {
            return values;
        }

        SweepModel.Axis axis() {
            return new SweepModel.Axis(path.get(), values.get());
        }
    }

    private final Workspace workspace;
    private final BorderPane root = new BorderPane();
    private final TableView<AxisRow> axes = new TableView<>();
    private final Button run = new Button("Run sweep");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final Label title = new Label();
    private final ComboBox<Pareto.View> view = new ComboBox<>(FXCollections.observableArrayList(Pareto.VIEWS));
    private final NumberAxis xAxis = new NumberAxis(), yAxis = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
    private final ReadOnlyObjectWrapper<SweepModel.Result> result = new ReadOnlyObjectWrapper<>(this, "result");
    private SweepModel model;
    /** The model whose sweep {@link #result} holds (a later failed sweep does not replace it). */
    private SweepModel resultModel;
    private boolean running;

    public SweepView(Workspace workspace) {
        this.workspace = workspace;
        TableColumn<AxisRow, String> path = new TableColumn<>("YAML path");
        path.setCellValueFactory(c -> c.getValue().pathProperty());
        path.setCellFactory(TextFieldTableCell.forTableColumn());
        path.setPrefWidth(260);
        TableColumn<AxisRow, String> values = new TableColumn<>("values (comma-separated)");
        values.setCellValueFactory(c -> c.getValue().valuesProperty());
        values.setCellFactory(TextFieldTableCell.forTableColumn());
        values.setPrefWidth(360);
        axes.getColumns().add(path);
        axes.getColumns().add(values);
        axes.setEditable(true);
        axes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        axes.setPrefHeight(130);
        axes.setPlaceholder(new Label("no axes: add one, e.g. cluster.pools[0].replicas = 1, 2, 4"));
        Button add = new Button("Add axis");
        add.setOnAction(e -> axes.getItems().add(new AxisRow("cluster.pools[0].replicas", "1, 2, 4")));
        Button remove = new Button("Remove axis");
        remove.setOnAction(e -> axes.getItems().remove(axes.getSelectionModel().getSelectedItem()));
        remove.disableProperty().bind(axes.getSelectionModel().selectedItemProperty().isNull());
        run.setOnAction(e -> runSweep());
        cancel.setOnAction(e -> {
            if (model != null) {
                model.cancel();
                status.setText("cancelling…");
            }
        });
        cancel.setDisable(true);
        progress.setPrefWidth(200);
        view.setValue(Pareto.VIEWS.get(0));
        view.setConverter(new StringConverter<>() {
            @Override
            public String toString(Pareto.View v) {
                return v == null ? "" : v.title();
            }

            @Override
            public Pareto.View fromString(String s) {
                return null;
            }
        });
        view.valueProperty().addListener((o, a, b) -> draw());
        result.addListener((o, a, b) -> draw());
        title.setStyle("-fx-font-weight: bold;");
        status.setWrapText(true);
        HBox buttons = new HBox(8, add, remove, run, cancel, progress);
        buttons.setAlignment(Pos.CENTER_LEFT);
        HBox viewRow = new HBox(8, new Label("Pareto view"), view);
        viewRow.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, title, axes, buttons, status, viewRow);
        top.setPadding(new Insets(8));
        chart.setAnimated(false);
        chart.setTitle("Pareto chart (click a point to run it)");
        xAxis.setForceZeroInRange(false);
        yAxis.setForceZeroInRange(false);
        VBox.setVgrow(chart, Priority.ALWAYS);
        root.setTop(top);
        root.setCenter(chart);

        workspace.scenarioProperty().addListener((o, a, b) -> loadScenario());
        workspace.lastRunProperty().addListener((o, a, b) -> {
            if (workspace.scenarioProperty().get() == null) {
                loadScenario();
            }
        });
        loadScenario();
    }

    /** The view's node, to put in a tab or snapshot. */
    public Parent root() {
        return root;
    }

    /** The axis rows (editable). */
    public List<AxisRow> axes() {
        return axes.getItems();
    }

    /** The last finished sweep (null before one finished). */
    public ReadOnlyObjectProperty<SweepModel.Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** What the sweep runs on: the editor's scenario, else the last run's. */
    private Scenario scenario() {
        Scenario s = workspace.scenarioProperty().get();
        RunRecord last = workspace.lastRunProperty().get();
        return s != null ? s : last != null ? last.scenario() : null;
    }

    private void loadScenario() {
        if (running) {
            return;
        }
        Scenario s = scenario();
        title.setText(s == null ? "No scenario yet: load one in the editor to sweep it." : "Sweep " + s.name()
                + (s.sweep().isEmpty() ? " (its YAML has no sweep: section; add axes below)" : " (axes from its sweep: section)"));
        List<SweepModel.Axis> from = SweepModel.axesOf(s);
        if (!from.isEmpty() || axes.getItems().isEmpty()) {
            axes.getItems().setAll(from.stream().map(a -> new AxisRow(a.path(), a.values())).toList());
        }
        run.setDisable(s == null);
    }

    /** Starts the sweep on a background thread; returns at once. */
    public void runSweep() {
        Scenario s = scenario();
        // The editor's own YAML first (it has every edit); otherwise find the text the scenario came from.
        String edited = workspace.scenarioTextProperty().get();
        String text = edited != null ? edited : SweepModel.textOf(s, workspace.lastRunProperty().get());
        if (s == null || text == null) {
            status.setText(s == null ? "No scenario to sweep." : "The YAML of " + s.name()
                    + " is not known (not from the library, a file or the last run); run it once first.");
            return;
        }
        List<SweepModel.Axis> list = axes.getItems().stream().map(AxisRow::axis).toList();
        SweepModel m = new SweepModel(workspace.catalog(), s, text);
        model = m;
        running = true;
        int threads = Runtime.getRuntime().availableProcessors();
        run.setDisable(true);
        cancel.setDisable(false);
        progress.setProgress(-1);
        status.setText("checking the points…");
        Thread t = new Thread(() -> {
            try {
                SweepModel.Result r = m.run(list, workspace.outputRoot(), threads, (done, toRun) -> Platform.runLater(() -> {
                    progress.setProgress((double) done / toRun);
                    status.setText(String.format(Locale.ROOT, "%d of %d points done (%d threads)", done, toRun, threads));
                }));
                Platform.runLater(() -> finished(m, r, null));
            } catch (RuntimeException | Error e) {
                Platform.runLater(() -> finished(m, null, e));
            }
        }, "tokenfab-sweep-" + s.name());
        t.setDaemon(true);
        t.start();
    }

    private void finished(SweepModel m, SweepModel.Result r, Throwable error) {
        running = false;
        run.setDisable(false);
        cancel.setDisable(true);
        if (error != null) {
            progress.setProgress(0);
            status.setText((m.cancelled() ? "" : "The sweep failed: ") + error.getMessage());
            return;
        }
        progress.setProgress(1);
        resultModel = m;
        status.setText(String.format(Locale.ROOT, "%d points (%d run now, %d kept from an earlier run) in %s",
                r.rows().size(), r.ran(), r.kept(), r.dir()));
        result.set(r);
    }

    /** Asks the main window to run point {@code index} of the last sweep. */
    public void open(int index) {
        SweepModel.Result r = result.get();
        if (r != null && resultModel != null) {
            workspace.requestRun(resultModel.request(r, index));
        }
    }

    private void draw() {
        SweepModel.Result r = result.get();
        Pareto.View v = view.getValue();
        chart.getData().clear();
        if (r == null || v == null) {
            return;
        }
        xAxis.setLabel(LABELS.getOrDefault(v.x(), v.x()) + (v.maximizeX() ? " (more is better)" : " (less is better)"));
        yAxis.setLabel(LABELS.getOrDefault(v.y(), v.y()) + (v.maximizeY() ? " (more better)" : " (less better)"));
        List<SweepModel.Point> points = r.points(v);
        XYChart.Series<Number, Number> all = new XYChart.Series<>(), front = new XYChart.Series<>();
        all.setName("sweep points");
        front.setName("Pareto frontier");
        for (SweepModel.Point p : points) {
            all.getData().add(new XYChart.Data<>(p.x(), p.y(), p));
        }
        for (int i : r.frontier(v)) {
            points.stream().filter(p -> p.index() == i).findFirst()
                    .ifPresent(p -> front.getData().add(new XYChart.Data<>(p.x(), p.y(), p)));
        }
        chart.getData().add(all);
        chart.getData().add(front);
        all.getNode().setStyle("-fx-stroke: transparent;");
        front.getNode().setStyle("-fx-stroke-width: 3px;");
        for (XYChart.Data<Number, Number> d : front.getData()) {
            d.getNode().setStyle("-fx-background-radius: 7px; -fx-padding: 7px;");
        }
        for (XYChart.Series<Number, Number> s : List.of(all, front)) {
            for (XYChart.Data<Number, Number> d : s.getData()) {
                SweepModel.Point p = (SweepModel.Point) d.getExtraValue();
                d.getNode().setCursor(Cursor.HAND);
                d.getNode().setOnMouseClicked(e -> open(p.index()));
                Tooltip.install(d.getNode(), new Tooltip(String.format(Locale.ROOT, "point %d: %s%n%s = %.4g%n%s = %.4g%s%nclick to run it",
                        p.index(), p.description(), v.x(), p.x(), v.y(), p.y(), p.frontier() ? "\non the Pareto frontier" : "")));
            }
        }
    }
}
