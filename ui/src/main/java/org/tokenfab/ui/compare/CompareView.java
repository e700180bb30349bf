package org.tokenfab.ui.compare;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.ui.model.RunRecord;
import org.tokenfab.ui.model.Workspace;

/**
 * Pinned runs side by side: a metric table with each run's difference from the first pinned run
 * (green better, red worse), the TTFT distributions overlaid and output tokens/s over time. With
 * nothing pinned it previews the last run and says how to pin.
 */
public final class CompareView {
    private static final String BETTER = "-fx-text-fill: #1a7f37; -fx-font-weight: bold;";
    private static final String WORSE = "-fx-text-fill: #cf222e; -fx-font-weight: bold;";

    private final Workspace workspace;
    private final BorderPane root = new BorderPane();
    private final ListView<RunRecord> runs = new ListView<>();
    private final TableView<CompareModel.Row> table = new TableView<>();
    private final NumberAxis cdfX = new NumberAxis(), cdfY = new NumberAxis(0, 1, 0.1);
    private final NumberAxis tputX = new NumberAxis(), tputY = new NumberAxis();
    private final LineChart<Number, Number> cdf = new LineChart<>(cdfX, cdfY);
    private final LineChart<Number, Number> throughput = new LineChart<>(tputX, tputY);
    private final Label hint = new Label();
    private List<CompareModel.Row> rows = List.of();

    public CompareView(Workspace workspace) {
        this.workspace = workspace;
        runs.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(RunRecord r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.label());
            }
        });
        runs.setItems(workspace.pinned());
        runs.setPrefWidth(200);
        Button unpin = new Button("Unpin selected");
        unpin.setOnAction(e -> {
            RunRecord r = runs.getSelectionModel().getSelectedItem();
            if (r != null) {
                workspace.pinned().remove(r);
            }
        });
        unpin.disableProperty().bind(runs.getSelectionModel().selectedItemProperty().isNull());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> workspace.pinned().clear());
        Label pinnedLabel = new Label("Pinned runs (first = baseline)");
        VBox left = new VBox(6, pinnedLabel, runs, new HBox(6, unpin, clear));
        VBox.setVgrow(runs, Priority.ALWAYS);
        left.setPadding(new Insets(8));

        cdfX.setLabel("TTFT, ms");
        cdfY.setLabel("share of requests ≤ x");
        cdf.setTitle("TTFT distribution");
        tputX.setLabel("simulated time, s");
        tputY.setLabel("output tokens/s");
        throughput.setTitle("Output tokens/s over time");
        for (LineChart<Number, Number> c : List.of(cdf, throughput)) {
            c.setAnimated(false);
            c.setCreateSymbols(false);
            HBox.setHgrow(c, Priority.ALWAYS);
        }
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("no runs to compare"));
        hint.setWrapText(true);
        hint.setStyle("-fx-font-style: italic;");
        HBox charts = new HBox(4, cdf, throughput);
        charts.setPrefHeight(340);
        VBox.setVgrow(charts, Priority.ALWAYS);
        table.setPrefHeight(24 * (CompareModel.METRICS.size() + 1) + 12);
        table.setMinHeight(120);
        VBox centre = new VBox(6, hint, table, charts);
        centre.setPadding(new Insets(8));
        centre.setAlignment(Pos.TOP_LEFT);
        SplitPane split = new SplitPane(left, centre);
        split.setDividerPositions(0.2);
        root.setCenter(split);

        workspace.pinned().addListener((ListChangeListener<RunRecord>) c -> refresh());
        workspace.lastRunProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    /** The view's node, to put in a tab or snapshot. */
    public Parent root() {
        return root;
    }

    /** The rows last shown. */
    public List<CompareModel.Row> rows() {
        return rows;
    }

    /** The runs compared: the pinned ones, or the last run alone as a preview when none is pinned. */
    private List<RunRecord> compared() {
        if (!workspace.pinned().isEmpty()) {
            return List.copyOf(workspace.pinned());
        }
        RunRecord last = workspace.lastRunProperty().get();
        return last == null ? List.of() : List.of(last);
    }

    private void refresh() {
        List<RunRecord> list = compared();
        int pinned = workspace.pinned().size();
        hint.setText(pinned >= 2 ? "Differences are against " + list.get(0).label() + "; green is better, red worse."
                : (pinned == 0 && !list.isEmpty() ? "Showing the last run (not pinned). " : "")
                        + "Pin runs with Ctrl+P / the Pin button to compare them side by side (two or more).");
        rows = CompareModel.table(list.stream().map(RunRecord::result).toList());
        table.getColumns().clear();
        TableColumn<CompareModel.Row, String> metric = new TableColumn<>("metric");
        metric.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().metric().label()));
        metric.setPrefWidth(190);
        table.getColumns().add(metric);
        for (int i = 0; i < list.size(); i++) {
            int run = i;
            TableColumn<CompareModel.Row, CompareModel.Cell> value = new TableColumn<>(list.get(i).label());
            value.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().cells().get(run)));
            value.setCellFactory(c -> cell(false));
            table.getColumns().add(value);
            if (i > 0) {
                TableColumn<CompareModel.Row, CompareModel.Cell> diff = new TableColumn<>("vs " + list.get(0).label());
                diff.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().cells().get(run)));
                diff.setCellFactory(c -> cell(true));
                table.getColumns().add(diff);
            }
        }
        table.getItems().setAll(rows);
        List<XYChart.Series<Number, Number>> cdfs = new ArrayList<>(), tputs = new ArrayList<>();
        for (RunRecord r : list) {
            cdfs.add(series(CompareModel.ttftCdf(r)));
            tputs.add(series(CompareModel.throughput(r)));
        }
        cdf.getData().setAll(cdfs);
        throughput.getData().setAll(tputs);
    }

    private static TableCell<CompareModel.Row, CompareModel.Cell> cell(boolean diff) {
        return new TableCell<>() {
            @Override
            protected void updateItem(CompareModel.Cell c, boolean empty) {
                super.updateItem(c, empty);
                if (empty || c == null) {
                    setText(null);
                    setStyle("");
                    return;
                }
                setText(diff ? c.diffText() : CompareModel.format(c.value()));
                setStyle(!diff ? "" : switch (c.verdict()) {
                    case BETTER -> BETTER;
                    case WORSE -> WORSE;
                    default -> "";
                });
            }
        };
    }

    private static XYChart.Series<Number, Number> series(CompareModel.Curve c) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(c.label());
        for (int i = 0; i < c.x().length; i++) {
            s.getData().add(new XYChart.Data<>(c.x()[i], c.y()[i]));
        }
        return s;
    }
}
