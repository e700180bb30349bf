package org.tokenfab.ui.replica;

import java.util.List;
import java.util.Locale;

import javafx.animation.AnimationTimer;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.tokenfab.ui.model.RunRecord;
import org.tokenfab.ui.model.StepLog;
import org.tokenfab.ui.model.Workspace;

/**
 * Inside a replica: replays the last run's step log (replica 0 of its step pool) over a window of
 * simulated time that a scrubber moves, by hand or with play. Only the steps inside the window are
 * drawn, at most {@link ReplicaModel#MAX_BARS} bars a frame.
 */
public final class ReplicaView {
    /** Window widths offered, ms of simulated time. */
    private static final List<Double> WINDOWS_MS = List.of(50.0, 200.0, 1000.0, 5000.0, 30000.0, 120000.0);
    /** Playback speeds offered: simulated seconds per real second. */
    private static final List<Double> SPEEDS = List.of(0.1, 0.5, 1.0, 5.0, 20.0);

    private final Workspace workspace;
    private final BorderPane root = new BorderPane();
    private final NumberAxis tokensX = timeAxis(), kvX = timeAxis(), queueX = timeAxis();
    private final NumberAxis tokensY = new NumberAxis(), kvY = new NumberAxis(0, 100, 20), queueY = new NumberAxis();
    private final AreaChart<Number, Number> tokens = new AreaChart<>(tokensX, tokensY);
    private final LineChart<Number, Number> kv = new LineChart<>(kvX, kvY);
    private final LineChart<Number, Number> queue = new LineChart<>(queueX, queueY);
    private final Slider scrubber = new Slider(0, 1, 0);
    private final Button play = new Button("Play");
    private final ComboBox<Double> windowMs = new ComboBox<>(FXCollections.observableArrayList(WINDOWS_MS));
    private final ComboBox<Double> speed = new ComboBox<>(FXCollections.observableArrayList(SPEEDS));
    private final Label title = new Label();
    private final Label readout = new Label();
    private final Label note = new Label();
    private final AnimationTimer timer;
    private StepLog log;
    private ReplicaModel.Window window;

    public ReplicaView(Workspace workspace) {
        this.workspace = workspace;
        tokensY.setLabel("tokens / iteration");
        kvY.setLabel("KV blocks used, %");
        queueY.setLabel("requests");
        tokensX.setLabel("");
        kvX.setLabel("");
        queueX.setLabel("simulated time, ms");
        tokens.setTitle("Iteration composition: prefill vs decode tokens");
        for (XYChart<Number, Number> c : List.of(tokens, kv, queue)) {
            c.setAnimated(false);
            c.setPrefHeight(200);
            VBox.setVgrow(c, Priority.ALWAYS);
        }
        tokens.setCreateSymbols(false);
        kv.setCreateSymbols(false);
        queue.setCreateSymbols(true);
        windowMs.setValue(1000.0);
        windowMs.setConverter(converter(v -> v >= 1000 ? String.format(Locale.ROOT, "%.0f s window", v / 1000)
                : String.format(Locale.ROOT, "%.0f ms window", v)));
        speed.setValue(1.0);
        speed.setConverter(converter(v -> String.format(Locale.ROOT, "%s× speed", v < 1 ? Double.toString(v) : String.format(Locale.ROOT, "%.0f", v))));
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        HBox controls = new HBox(8, play, speed, windowMs, new Label("simulated time"), scrubber);
        controls.setAlignment(Pos.CENTER_LEFT);
        title.setStyle("-fx-font-weight: bold;");
        readout.setStyle("-fx-font-family: monospace;");
        readout.setWrapText(true);
        note.setWrapText(true);
        VBox top = new VBox(6, title, controls, readout, note);
        top.setPadding(new Insets(8));
        root.setTop(top);
        root.setCenter(new VBox(0, tokens, kv, queue));

        timer = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (last != 0) {
                    double ms = (now - last) / 1e6 * speed.getValue();
                    double next = Math.min(scrubber.getMax(), scrubber.getValue() + ms);
                    scrubber.setValue(next);
                    if (next >= scrubber.getMax()) {
                        pause();
                    }
                }
                last = now;
            }

            @Override
            public void stop() {
                super.stop();
                last = 0;
            }
        };
        play.setOnAction(e -> {
            if (play.getText().equals("Play")) {
                if (scrubber.getValue() >= scrubber.getMax()) {
                    scrubber.setValue(scrubber.getMin());
                }
                play.setText("Pause");
                timer.start();
            } else {
                pause();
            }
        });
        scrubber.valueProperty().addListener((o, a, b) -> redraw());
        windowMs.valueProperty().addListener((o, a, b) -> redraw());
        workspace.lastRunProperty().addListener((o, a, b) -> load(b));
        load(workspace.lastRunProperty().get());
    }

    /** The view's node, to put in a tab or snapshot. */
    public Parent root() {
        return root;
    }

    /** The window last drawn (null without steps). */
    public ReplicaModel.Window window() {
        return window;
    }

    /** The scrubber: simulated time, ms, at the window's centre. */
    public Slider scrubber() {
        return scrubber;
    }

    private void pause() {
        timer.stop();
        play.setText("Play");
    }

    private void load(RunRecord run) {
        pause();
        log = run == null ? null : run.steps();
        if (log == null || log.size() == 0) {
            title.setText(run == null ? "No run yet: run a scenario to replay one replica's iterations."
                    : "The last run recorded no iterations.");
            window = null;
            readout.setText("");
            note.setText("");
            for (XYChart<Number, Number> c : List.of(tokens, kv, queue)) {
                c.getData().clear();
            }
            play.setDisable(true);
            return;
        }
        play.setDisable(false);
        title.setText(String.format(Locale.ROOT, "%s · replica 0 of pool %s · %,d iterations, %,d KV blocks",
                run.label(), run.stepPool(), log.size(), log.kvBlocks()));
        note.setText(log.dropped() > 0 ? String.format(Locale.ROOT,
                "The step log was capped: the first %,d iterations are shown, %,d later ones were not recorded.",
                log.size(), log.dropped()) : "");
        double startMs = ReplicaModel.startNs(log) / 1e6, endMs = ReplicaModel.endNs(log) / 1e6;
        scrubber.setMin(startMs);
        scrubber.setMax(Math.max(endMs, startMs + 1));
        // start mid-run, where the replica is usually loaded, rather than in the first empty moments
        double first = (startMs + scrubber.getMax()) / 2;
        if (scrubber.getValue() == first) {
            redraw();
        } else {
            scrubber.setValue(first);
        }
    }

    private void redraw() {
        if (log == null || log.size() == 0) {
            return;
        }
        double centre = scrubber.getValue();
        double width = windowMs.getValue();
        long from = (long) ((centre - width / 2) * 1e6), to = (long) ((centre + width / 2) * 1e6);
        window = ReplicaModel.window(log, from, to, ReplicaModel.MAX_BARS);
        XYChart.Series<Number, Number> prefill = new XYChart.Series<>(), total = new XYChart.Series<>();
        XYChart.Series<Number, Number> kvUsed = new XYChart.Series<>(), marker = new XYChart.Series<>();
        XYChart.Series<Number, Number> queued = new XYChart.Series<>(), preempt = new XYChart.Series<>();
        prefill.setName("prefill tokens");
        total.setName("+ decode tokens (1 per decoding sequence), stacked");
        kvUsed.setName("KV blocks used, % of " + log.kvBlocks());
        marker.setName("scrubber");
        queued.setName("queued requests");
        preempt.setName("preemptions");
        for (ReplicaModel.Bar b : window.bars()) {
            double s = b.startNs() / 1e6, e = b.endNs() / 1e6;
            // each bar as a flat top from its start to its end
            prefill.getData().add(new XYChart.Data<>(s, b.prefillPerStep()));
            prefill.getData().add(new XYChart.Data<>(e, b.prefillPerStep()));
            total.getData().add(new XYChart.Data<>(s, b.prefillPerStep() + b.decodePerStep()));
            total.getData().add(new XYChart.Data<>(e, b.prefillPerStep() + b.decodePerStep()));
            kvUsed.getData().add(new XYChart.Data<>(s, b.kvPercent()));
            queued.getData().add(new XYChart.Data<>(s, b.queued()));
            if (b.preemptions() > 0) {
                preempt.getData().add(new XYChart.Data<>(s, b.preemptions()));
            }
        }
        marker.getData().add(new XYChart.Data<>(centre, 0));
        marker.getData().add(new XYChart.Data<>(centre, 100));
        for (NumberAxis a : List.of(tokensX, kvX, queueX)) {
            a.setLowerBound(from / 1e6);
            a.setUpperBound(to / 1e6);
            a.setTickUnit(Math.max(width / 8, 1e-3));
            a.setTickLabelFormatter(new NumberAxis.DefaultFormatter(a) {
                @Override
                public String toString(Number n) {
                    return String.format(Locale.ROOT, width >= 100 ? "%,.0f" : "%,.1f", n.doubleValue());
                }
            });
        }
        tokens.getData().setAll(List.of(total, prefill));
        kv.getData().setAll(List.of(kvUsed, marker));
        queue.getData().setAll(List.of(queued, preempt));
        preempt.getNode().setStyle("-fx-stroke: transparent;");
        for (XYChart.Data<Number, Number> d : queued.getData()) {
            d.getNode().setVisible(false);
        }
        tokens.setTitle(String.format(Locale.ROOT, "Iteration composition: prefill vs decode tokens (%,d iterations%s)",
                window.stepCount(), window.aggregated() ? ", mean per slice of " + window.bars().size() + " slices" : ""));
        showReadout(centre);
    }

    private void showReadout(double centreMs) {
        ReplicaModel.Readout r = ReplicaModel.readout(log, (long) (centreMs * 1e6));
        if (r == null) {
            readout.setText(String.format(Locale.ROOT, "t = %.3f ms: before the first iteration", centreMs));
            return;
        }
        boolean idle = centreMs > r.startMs() + r.durationMs();
        readout.setText(String.format(Locale.ROOT,
                "t = %.3f ms%s  iteration #%,d: start %.3f ms, duration %.3f ms · prefill %d seqs / %,d tokens · "
                        + "decode %d seqs · KV %.1f%% (%,d blocks) · queued %d · preemptions %d",
                centreMs, idle ? " (idle; last iteration)" : "", r.index(), r.startMs(), r.durationMs(), r.prefillSeqs(),
                r.prefillTokens(), r.decodeSeqs(), r.kvPercent(), r.kvUsed(), r.queued(), r.preemptions()));
    }

    private static NumberAxis timeAxis() {
        NumberAxis a = new NumberAxis();
        a.setAutoRanging(false);
        a.setMinorTickVisible(false);
        a.setForceZeroInRange(false);
        return a;
    }

    private static StringConverter<Double> converter(java.util.function.Function<Double, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : f.apply(v);
            }

            @Override
            public Double fromString(String s) {
                return null;
            }
        };
    }
}
