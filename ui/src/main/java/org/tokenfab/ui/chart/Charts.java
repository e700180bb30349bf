package org.tokenfab.ui.chart;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * Line charts as TokenFab draws them: both axes say their unit, no symbols (hundreds of points per
 * series would hide the line), animation off (live charts are replaced several times a second and
 * JavaFX's tweening would fall behind), legend only when there is more than one series.
 */
public final class Charts {
    private Charts() {
    }

    /**
     * A line chart titled {@code title}, x axis labelled {@code xLabel}, y axis {@code yLabel}
     * (both with their units, e.g. "simulated time (s)", "TTFT (ms)").
     */
    public static LineChart<Number, Number> line(String title, String xLabel, String yLabel) {
        NumberAxis x = new NumberAxis();
        x.setLabel(xLabel);
        x.setForceZeroInRange(false);
        x.setAnimated(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        y.setAnimated(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setTitle(title);
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setMinSize(120, 120);
        chart.getStyleClass().add("tokenfab-chart");
        return chart;
    }

    /** Fixes the y axis to 0..1 in quarters (a CDF: auto-ranging would stretch it to 1.25). */
    public static void fractionAxis(LineChart<Number, Number> chart) {
        fixedAxis(chart, 1, 0.25);
    }

    /** Fixes the y axis to 0..{@code upper} (a share such as utilisation, %, which cannot exceed it). */
    public static void fixedAxis(LineChart<Number, Number> chart, double upper, double tick) {
        NumberAxis y = (NumberAxis) chart.getYAxis();
        y.setAutoRanging(false);
        y.setLowerBound(0);
        y.setUpperBound(upper);
        y.setTickUnit(tick);
    }

    /**
     * A series from paired arrays, skipping points where either value is not finite (a NaN
     * percentile means "no request completed in that interval": a gap, not a zero).
     */
    public static XYChart.Series<Number, Number> series(String name, double[] x, double[] y) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(x.length);
        for (int i = 0; i < x.length && i < y.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                points.add(new XYChart.Data<>(x[i], y[i]));
            }
        }
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        s.getData().setAll(points);
        return s;
    }

    /**
     * Replaces all of {@code chart}'s series at once (one layout pass instead of one per point),
     * showing the legend only when it tells lines apart.
     */
    @SafeVarargs
    public static void show(LineChart<Number, Number> chart, XYChart.Series<Number, Number>... series) {
        show(chart, List.of(series));
    }

    public static void show(LineChart<Number, Number> chart, List<XYChart.Series<Number, Number>> series) {
        chart.getData().setAll(series);
        chart.setLegendVisible(series.size() > 1);
    }
}
