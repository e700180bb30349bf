package org.tokenfab.ui.roofline;

import java.util.List;
import java.util.Locale;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Precision;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.ui.model.Workspace;

/**
 * The memory wall explorer: pick an accelerator, model, precisions, tensor parallelism and decode
 * context; see the log-log roofline with decode and prefill points and where the last run landed.
 * Log scales are drawn by plotting log10 values on linear axes whose ticks read as powers of ten.
 */
public final class RooflineView {
    private final Workspace workspace;
    private final BorderPane root = new BorderPane();
    private final ComboBox<String> accelerator = new ComboBox<>();
    private final ComboBox<String> model = new ComboBox<>();
    private final ComboBox<Precision> weights = new ComboBox<>(FXCollections.observableArrayList(Precision.values()));
    private final ComboBox<Precision> compute = new ComboBox<>(FXCollections.observableArrayList(Precision.values()));
    private final ComboBox<Precision> kv = new ComboBox<>(FXCollections.observableArrayList(Precision.values()));
    private final Spinner<Integer> tp = new Spinner<>(1, 72, 1);
    private final ComboBox<Integer> context = new ComboBox<>(FXCollections.observableArrayList(RooflineModel.CONTEXTS));
    private final NumberAxis xAxis = new NumberAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
    private final Label header = new Label();
    private final Label caption = new Label();
    private final Label achievedNote = new Label();
    private boolean updating;
    private RooflineModel.Chart current;

    public RooflineView(Workspace workspace) {
        this.workspace = workspace;
        xAxis.setLabel("arithmetic intensity, FLOP/byte (log scale)");
        yAxis.setLabel("attainable performance, FLOP/s per replica (log scale)");
        for (NumberAxis a : List.of(xAxis, yAxis)) {
            a.setAutoRanging(false);
            a.setTickUnit(1);
            a.setMinorTickVisible(false);
        }
        xAxis.setTickLabelFormatter(decades(v -> trim(RooflineModel.si(v, ""))));
        yAxis.setTickLabelFormatter(decades(v -> trim(RooflineModel.si(v, "FLOP/s"))));
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setTitle("The memory wall");
        context.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null ? "" : RooflineModel.tokens(n) + " tokens";
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        tp.setPrefWidth(70);
        HBox controls = new HBox(8, new Label("accelerator"), accelerator, new Label("model"), model,
                new Label("weights"), weights, new Label("compute"), compute, new Label("KV cache"), kv, new Label("tp"), tp,
                new Label("decode context"), context);
        controls.setPadding(new Insets(8));
        controls.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        for (Label l : List.of(header, caption, achievedNote)) {
            l.setWrapText(true);
        }
        header.setStyle("-fx-font-weight: bold;");
        VBox bottom = new VBox(4, header, caption, achievedNote);
        bottom.setPadding(new Insets(8));
        root.setTop(controls);
        root.setCenter(chart);
        root.setBottom(bottom);

        accelerator.valueProperty().addListener((o, a, b) -> refresh());
        model.valueProperty().addListener((o, a, b) -> refresh());
        weights.valueProperty().addListener((o, a, b) -> refresh());
        compute.valueProperty().addListener((o, a, b) -> refresh());
        kv.valueProperty().addListener((o, a, b) -> refresh());
        tp.valueProperty().addListener((o, a, b) -> refresh());
        context.valueProperty().addListener((o, a, b) -> refresh());
        workspace.scenarioProperty().addListener((o, a, b) -> select(RooflineModel.defaults(b)));
        workspace.lastRunProperty().addListener((o, a, b) -> refresh());
        Scenario s = workspace.scenarioProperty().get();
        if (s == null && workspace.lastRunProperty().get() != null) {
            s = workspace.lastRunProperty().get().scenario();
        }
        select(RooflineModel.defaults(s));
    }

    /** The view's node, to put in a tab or snapshot. */
    public Parent root() {
        return root;
    }

    /** The chart last drawn (null if the configuration could not be drawn). */
    public RooflineModel.Chart chart() {
        return current;
    }

    private Catalog catalog() {
        Scenario s = workspace.scenarioProperty().get();
        return s != null ? s.catalog() : workspace.catalog();
    }

    /** Shows a configuration in the controls, then draws it once. */
    public void select(RooflineModel.Config c) {
        updating = true;
        try {
            Catalog cat = catalog();
            accelerator.setItems(FXCollections.observableArrayList(cat.acceleratorIds()));
            model.setItems(FXCollections.observableArrayList(cat.modelIds()));
            accelerator.setValue(c.accelerator());
            model.setValue(c.model());
            weights.setValue(c.weights());
            compute.setValue(c.compute());
            kv.setValue(c.kv());
            tp.getValueFactory().setValue(c.tp());
            context.setValue(c.context());
        } finally {
            updating = false;
        }
        refresh();
    }

    private void refresh() {
        if (updating || accelerator.getValue() == null || model.getValue() == null || weights.getValue() == null
                || compute.getValue() == null || kv.getValue() == null || context.getValue() == null) {
            return;
        }
        RooflineModel.Chart c;
        try {
            RooflineModel.Config config = new RooflineModel.Config(accelerator.getValue(), model.getValue(),
                    weights.getValue(), compute.getValue(), kv.getValue(), tp.getValue(), context.getValue());
            c = RooflineModel.compute(catalog(), config, workspace.lastRunProperty().get());
        } catch (RuntimeException e) {
            current = null;
            chart.getData().clear();
            header.setText("Cannot draw this roofline: " + e.getMessage());
            AcceleratorSpec acc = catalog().accelerator(accelerator.getValue());
            caption.setText("Precisions with a dense peak on " + acc.id() + ": "
                    + String.join(", ", java.util.Arrays.stream(Precision.values()).filter(acc::supports)
                            .map(Precision::yamlName).toList()));
            achievedNote.setText("");
            return;
        }
        current = c;
        draw(c);
    }

    private void draw(RooflineModel.Chart c) {
        xAxis.setLowerBound(c.minDecadeX());
        xAxis.setUpperBound(c.maxDecadeX());
        yAxis.setLowerBound(c.minDecadeY());
        yAxis.setUpperBound(c.maxDecadeY());
        chart.getData().clear();
        XYChart.Series<Number, Number> roof = series("roof (peak compute, memory bandwidth)", c.roof());
        XYChart.Series<Number, Number> decode = series("decode, batch 1 to 512, " + RooflineModel.tokens(c.config().context())
                + " context", c.decode());
        XYChart.Series<Number, Number> prefill = series("prefill, 16 to 16k prompt tokens", c.prefill());
        // the ridge gets a second point carrying its label (set before the chart makes a default symbol)
        XYChart.Data<Number, Number> label = new XYChart.Data<>(roof.getData().get(1).getXValue(),
                roof.getData().get(1).getYValue());
        label.setNode(ridgeLabel(c));
        roof.getData().add(2, label);
        chart.getData().addAll(List.of(roof, decode, prefill));
        if (!c.achieved().isEmpty()) {
            XYChart.Series<Number, Number> intervals = series("last run, per interval", c.intervals());
            XYChart.Series<Number, Number> achieved = series("last run, whole run per pool", c.achieved());
            chart.getData().addAll(List.of(intervals, achieved));
            intervals.getNode().setStyle("-fx-stroke: transparent;");
            achieved.getNode().setStyle("-fx-stroke: transparent;");
            for (XYChart.Data<Number, Number> d : intervals.getData()) {
                d.getNode().setScaleX(0.6);
                d.getNode().setScaleY(0.6);
                d.getNode().setOpacity(0.6);
            }
        }
        // The roof's ends carry no marker; the ridge gets a labelled one.
        roof.getData().get(0).getNode().setVisible(false);
        roof.getData().get(3).getNode().setVisible(false);
        roof.getData().get(1).getNode().setStyle("-fx-background-color: black, white; -fx-padding: 7px;"
                + " -fx-background-radius: 7px; -fx-background-insets: 0, 2;");
        for (XYChart.Series<Number, Number> s : chart.getData()) {
            List<RooflineModel.Point> points = s == roof ? c.roof() : s == decode ? c.decode() : s == prefill ? c.prefill()
                    : s.getName().contains("interval") ? c.intervals() : c.achieved();
            for (int i = 0; i < s.getData().size(); i++) {
                if (s == roof && i != 1) {
                    continue; // only the ridge of the roof has a tooltip
                }
                RooflineModel.Point p = s == roof ? c.roof().get(1) : points.get(i);
                Node n = s.getData().get(i).getNode();
                if (n != null) {
                    Tooltip.install(n, new Tooltip(String.format(Locale.ROOT, "%s%n%.1f FLOP/byte%n%s (%s of peak), %s-bound",
                            p.label(), p.intensity(), RooflineModel.si(p.flopsPerSecond(), "FLOP/s"),
                            RooflineModel.percent(p.peakShare()), p.memoryBound() ? "memory" : "compute")));
                }
            }
        }
        header.setText(String.format(Locale.ROOT, "%s on %s x%d · weights %s, compute %s, KV %s · peak %s · bandwidth %s",
                c.config().model(), c.config().accelerator(), c.config().tp(), c.config().weights(), c.config().compute(),
                c.config().kv(),
                RooflineModel.si(c.peakFlops(), "FLOP/s"), RooflineModel.si(c.bandwidth(), "B/s")));
        caption.setText(c.caption());
        achievedNote.setText(c.achievedNote());
    }

    /** The ridge's label: a second point at the ridge whose node is text, lifted above the marker. */
    private static Node ridgeLabel(RooflineModel.Chart c) {
        Label text = new Label(String.format(Locale.ROOT, "ridge point: %.0f FLOP/byte", c.ridge()));
        // inline style: the chart gives the node the symbol style class, this overrides its look
        text.setStyle("-fx-font-weight: bold; -fx-background-color: rgba(255,255,255,0.85); -fx-padding: 2px 4px;"
                + " -fx-background-radius: 3px; -fx-text-fill: black;");
        text.setTranslateY(-22);
        text.setMouseTransparent(true);
        return text;
    }

    private static XYChart.Series<Number, Number> series(String name, List<RooflineModel.Point> points) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (RooflineModel.Point p : points) {
            s.getData().add(new XYChart.Data<>(Math.log10(p.intensity()), Math.log10(p.flopsPerSecond())));
        }
        return s;
    }

    /** Ticks at whole decades, labelled with the value 10^tick. */
    private static StringConverter<Number> decades(java.util.function.DoubleFunction<String> format) {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return format.apply(Math.pow(10, n.doubleValue()));
            }

            @Override
            public Number fromString(String s) {
                return null;
            }
        };
    }

    private static String trim(String s) {
        return s.replace(".00 ", " ").replace(".0 ", " ").strip();
    }
}
