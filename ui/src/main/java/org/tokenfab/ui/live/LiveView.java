package org.tokenfab.ui.live;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;

import org.tokenfab.scenario.run.TimeSeries;
import org.tokenfab.ui.chart.Charts;

/**
 * Nine charts over simulated time, fed while a run goes on: fleet TTFT and TPOT percentiles,
 * output tokens/s, queue, running batch, KV occupancy and busy share per pool, facility power and
 * tokens per joule. The main window hands it rows ({@link #accept}) and asks it to redraw
 * ({@link #refresh}) a few times a second; it redraws only when rows arrived since the last time.
 */
public final class LiveView {
    private final LiveSeries series;
    private final BorderPane root = new BorderPane();
    private final Label header = new Label("No run yet: open a scenario and press Run (Ctrl+R).");
    private final List<LineChart<Number, Number>> charts = new ArrayList<>();
    private final LineChart<Number, Number> ttft, tpot, throughput, queued, running, kv, busy, power, perJoule;
    private long drawnRows = -1;

    public LiveView() {
        this(new LiveSeries());
    }

    public LiveView(LiveSeries series) {
        this.series = series;
        ttft = chart("Time to first token", "TTFT (ms)");
        tpot = chart("Time per output token", "TPOT (ms)");
        throughput = chart("Output throughput", "output tokens/s");
        queued = chart("Queue", "queued requests");
        running = chart("Running batch", "requests");
        kv = chart("KV-cache occupancy", "KV in use (%)");
        busy = chart("Utilisation", "busy (%)");
        power = chart("Facility power", "power (kW)");
        perJoule = chart("Energy efficiency", "output tokens/J");
        Charts.fixedAxis(busy, 100, 25);
        GridPane grid = new GridPane();
        grid.setHgap(4);
        grid.setVgap(4);
        for (int c = 0; c < 3; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / 3);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / 3);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        for (int i = 0; i < charts.size(); i++) {
            grid.add(charts.get(i), i % 3, i / 3);
        }
        header.setId("live-header");
        header.setPadding(new Insets(4, 8, 4, 8));
        root.setTop(header);
        root.setCenter(grid);
        root.setId("live-view");
    }

    private LineChart<Number, Number> chart(String title, String yLabel) {
        LineChart<Number, Number> c = Charts.line(title, "simulated time (s)", yLabel);
        charts.add(c);
        return c;
    }

    public Parent root() {
        return root;
    }

    public LiveSeries series() {
        return series;
    }

    /** Adds one row (on the JavaFX thread); call {@link #refresh()} to draw. */
    public void accept(TimeSeries.Row row) {
        series.add(row);
    }

    /** Clears the charts for a new run called {@code label}. */
    public void start(String label) {
        series.clear();
        drawnRows = -1;
        header.setText("Running " + label + " ...");
        refresh();
    }

    /** Sets the line above the charts (the run's state). */
    public void status(String text) {
        header.setText(text);
    }

    /** Redraws every chart if rows arrived since the last redraw. */
    public void refresh() {
        if (series.rowsSeen() == drawnRows) {
            return;
        }
        drawnRows = series.rowsSeen();
        List<LiveSeries.Point> fleet = series.fleet();
        double last = fleet.isEmpty() ? 0 : fleet.get(fleet.size() - 1).startS();
        // Long runs read better in minutes or hours than in hundreds of thousands of seconds.
        double unit = last > 3 * 3600 ? 3600 : last > 1200 ? 60 : 1;
        String xLabel = "simulated time (" + (unit == 3600 ? "h" : unit == 60 ? "min" : "s") + ")";
        for (LineChart<Number, Number> c : charts) {
            ((NumberAxis) c.getXAxis()).setLabel(xLabel);
        }
        Charts.show(ttft, line("p50", fleet, unit, LiveSeries.Point::ttftP50Ms),
                line("p99", fleet, unit, LiveSeries.Point::ttftP99Ms));
        Charts.show(tpot, line("p50", fleet, unit, LiveSeries.Point::tpotP50Ms),
                line("p99", fleet, unit, LiveSeries.Point::tpotP99Ms));
        Charts.show(throughput, line("fleet", fleet, unit, LiveSeries.Point::outputTokensPerSecond));
        Charts.show(power, line("fleet", fleet, unit, p -> p.facilityPowerW() / 1000));
        Charts.show(perJoule, line("fleet", fleet, unit, LiveSeries.Point::outputTokensPerJoule));
        Charts.show(queued, perPool(unit, LiveSeries.Point::queued));
        Charts.show(running, perPool(unit, LiveSeries.Point::running));
        Charts.show(kv, perPool(unit, p -> p.kvOccupancy() * 100));
        Charts.show(busy, perPool(unit, p -> p.busyFraction() * 100));
    }

    private List<XYChart.Series<Number, Number>> perPool(double unit, ToDoubleFunction<LiveSeries.Point> value) {
        List<XYChart.Series<Number, Number>> out = new ArrayList<>();
        for (String pool : series.poolNames()) {
            out.add(line(pool, series.points(pool), unit, value));
        }
        return out;
    }

    private static XYChart.Series<Number, Number> line(String name, List<LiveSeries.Point> points, double unit,
            ToDoubleFunction<LiveSeries.Point> value) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i).midS() / unit;
            y[i] = value.applyAsDouble(points.get(i));
        }
        return Charts.series(name, x, y);
    }
}
