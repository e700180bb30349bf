package org.tokenfab.ui.dashboard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.tokenfab.scenario.run.ClassResult;
import org.tokenfab.scenario.run.LatencyCdf;
import org.tokenfab.scenario.run.PoolResult;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.ui.chart.Charts;
import org.tokenfab.ui.model.RunRecord;
import org.tokenfab.ui.model.Workspace;

/**
 * The last finished run ({@link Workspace#lastRunProperty()}): headline figures, SLO attainment per
 * class, the pools, latency CDFs, and buttons to open the HTML report and the output folder. It
 * redraws whenever the last run changes and never otherwise, so a cancelled run leaves it as it was.
 * Each headline value is a label with an id ({@code #ttft-p99}, ...) so tests and screen readers find it.
 */
public final class DashboardView {
    /** Attainment at or above this is green, at or above {@link #AMBER} amber, else red. */
    static final double GREEN = 0.99, AMBER = 0.90;

    private final Consumer<Path> opener;
    private final VBox content = new VBox(10);
    private final ScrollPane root = new ScrollPane(content);
    private final Label title = new Label("No run yet: open a scenario and press Run (Ctrl+R).");
    private final Label subtitle = new Label();
    private final FlowPane headline = new FlowPane(8, 8);
    private final GridPane classes = new GridPane();
    private final TableView<PoolResult> pools = new TableView<>();
    private final LineChart<Number, Number> ttftCdf = Charts.line("TTFT CDF", "TTFT (ms)", "fraction of requests");
    private final LineChart<Number, Number> tpotCdf = Charts.line("TPOT CDF", "TPOT (ms)", "fraction of requests");
    private final LineChart<Number, Number> e2eCdf = Charts.line("End-to-end CDF", "E2E latency (ms)", "fraction of requests");
    private final Button openReport = new Button("Open report");
    private final Button openFolder = new Button("Open folder");
    private RunRecord shown;

    /**
     * @param opener opens a file or folder with the desktop (the main window's; may report failure itself)
     */
    public DashboardView(Workspace workspace, Consumer<Path> opener) {
        this.opener = opener;
        title.setId("dashboard-title");
        title.setStyle("-fx-font-size: 16px; -fx-font-weight: bold;");
        subtitle.setId("dashboard-subtitle");
        subtitle.setWrapText(true);
        openReport.setId("dashboard-open-report");
        openFolder.setId("dashboard-open-folder");
        openReport.setOnAction(e -> open(RunRecord::report));
        openFolder.setOnAction(e -> open(RunRecord::outDir));
        openReport.setMinWidth(Region.USE_PREF_SIZE);
        openFolder.setMinWidth(Region.USE_PREF_SIZE);
        VBox heading = new VBox(2, title, subtitle);
        HBox.setHgrow(heading, Priority.ALWAYS);
        HBox top = new HBox(10, heading, openReport, openFolder);
        top.setAlignment(Pos.CENTER_LEFT);
        classes.setHgap(16);
        classes.setVgap(4);
        classes.setId("dashboard-classes");
        buildPoolTable();
        HBox cdfs = new HBox(6, ttftCdf, tpotCdf, e2eCdf);
        for (LineChart<Number, Number> c : List.of(ttftCdf, tpotCdf, e2eCdf)) {
            HBox.setHgrow(c, Priority.ALWAYS);
            c.setPrefHeight(250);
            c.setPrefWidth(400);
            Charts.fractionAxis(c);
        }
        content.getChildren().addAll(top, headline, section("Workload classes"), classes, section("Pools"), pools,
                cdfs);
        content.setPadding(new Insets(10));
        root.setFitToWidth(true);
        root.setId("dashboard-view");
        workspace.lastRunProperty().addListener((obs, old, run) -> show(run));
        show(workspace.lastRunProperty().get());
    }

    public Parent root() {
        return root;
    }

    /** The run on screen (null before the first). */
    public RunRecord shown() {
        return shown;
    }

    private void open(Function<RunRecord, Path> what) {
        if (shown != null) {
            opener.accept(what.apply(shown));
        }
    }

    private void show(RunRecord run) {
        shown = run;
        openReport.setDisable(run == null);
        openFolder.setDisable(run == null);
        headline.getChildren().clear();
        classes.getChildren().clear();
        pools.getItems().clear();
        if (run == null) {
            return;
        }
        RunResult r = run.result();
        title.setText(run.label());
        subtitle.setText((r.description() == null ? "" : r.description() + " \u00b7 ") + "seed " + r.seed() + " \u00b7 "
                + Figures.number(r.simulatedSeconds(), 1) + " s simulated \u00b7 " + run.outDir());
        tile("completed", "Requests completed", Figures.count(r.completed()));
        tile("rejected", "Rejected", Figures.count(r.rejected()));
        tile("ttft-p50", "TTFT p50", Figures.ms(r.ttft().p50()));
        tile("ttft-p99", "TTFT p99", Figures.ms(r.ttft().p99()));
        tile("tpot-p50", "TPOT p50", Figures.ms(r.tpot().p50()));
        tile("tpot-p99", "TPOT p99", Figures.ms(r.tpot().p99()));
        tile("e2e-p99", "E2E p99", Figures.ms(r.e2e().p99()));
        tile("output-tps", "Output throughput", Figures.perSecond(r.outputTokensPerSecond(), "tok"));
        tile("goodput", "Goodput", Figures.perSecond(r.goodputRps(), "req"));
        tile("facility-power", "Mean facility power", Figures.power(r.facility().facilityMeanW()));
        tile("tokens-per-joule", "Tokens per joule", Figures.perJoule(r.facility().outputTokensPerFacilityJoule()));
        tile("cost-per-mtok", "Cost per M output tokens", Figures.usd(r.facility().usdPerMillionOutputTokens()));
        showClasses(r.classes());
        pools.getItems().setAll(r.pools());
        pools.setPrefHeight(32 + 26 * Math.min(6, Math.max(1, r.pools().size())));
        double[] f = LatencyCdf.fractions();
        Charts.show(ttftCdf, Charts.series("TTFT", run.cdfs().ttft().ms(), f));
        Charts.show(tpotCdf, Charts.series("TPOT", run.cdfs().tpot().ms(), f));
        Charts.show(e2eCdf, Charts.series("E2E", run.cdfs().e2e().ms(), f));
    }

    private void tile(String id, String name, String value) {
        Label v = new Label(value);
        v.setId(id);
        v.setStyle("-fx-font-size: 18px; -fx-font-weight: bold;");
        Label n = new Label(name);
        n.setStyle("-fx-text-fill: #555;");
        VBox box = new VBox(2, n, v);
        box.setPadding(new Insets(6, 10, 6, 10));
        box.setMinWidth(190);
        box.setStyle("-fx-background-color: #f4f6f8; -fx-background-radius: 4; -fx-border-color: #dde2e6; -fx-border-radius: 4;");
        headline.getChildren().add(box);
    }

    private void showClasses(List<ClassResult> list) {
        String[] head = {"class", "completed", "rejected", "TTFT p99", "TPOT p99", "SLO", "SLO attainment", "goodput"};
        for (int c = 0; c < head.length; c++) {
            Label h = new Label(head[c]);
            h.setStyle("-fx-font-weight: bold;");
            classes.add(h, c, 0);
        }
        for (int i = 0; i < list.size(); i++) {
            ClassResult k = list.get(i);
            boolean hasSlo = Double.isFinite(k.ttftSloMs()) || Double.isFinite(k.tpotSloMs());
            List<String> slo = new ArrayList<>();
            if (Double.isFinite(k.ttftSloMs())) {
                slo.add("TTFT \u2264 " + Figures.ms(k.ttftSloMs()));
            }
            if (Double.isFinite(k.tpotSloMs())) {
                slo.add("TPOT \u2264 " + Figures.ms(k.tpotSloMs()));
            }
            Label attainment = new Label(hasSlo ? Figures.percent(k.sloAttainment()) : "no SLO");
            attainment.setId("slo-" + k.name());
            attainment.setPadding(new Insets(0, 6, 0, 6));
            attainment.setStyle("-fx-background-radius: 3; -fx-background-color: " + colour(hasSlo, k.sloAttainment()) + ";");
            String[] cells = {k.name(), Figures.count(k.completed()), Figures.count(k.rejected()), Figures.ms(k.ttft().p99()),
                    Figures.ms(k.tpot().p99()), slo.isEmpty() ? Figures.NONE : String.join(" and ", slo)};
            for (int c = 0; c < cells.length; c++) {
                classes.add(new Label(cells[c]), c, i + 1);
            }
            classes.add(attainment, 6, i + 1);
            classes.add(new Label(Figures.perSecond(k.goodput(), "req")), 7, i + 1);
        }
    }

    /** Green, amber or red by attainment; grey when the class has no SLO to attain. */
    static String colour(boolean hasSlo, double attainment) {
        if (!hasSlo || !Double.isFinite(attainment)) {
            return "#e4e7ea";
        }
        return attainment >= GREEN ? "#b7e4c7" : attainment >= AMBER ? "#ffe08a" : "#f5b5b5";
    }

    private void buildPoolTable() {
        pools.setId("dashboard-pools");
        pools.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        pools.setPlaceholder(new Label("no pools"));
        column("pool", PoolResult::name);
        column("accelerator", PoolResult::accelerator);
        column("model", PoolResult::model);
        column("replicas", p -> Integer.toString(p.replicas()));
        column("tp \u00d7 pp", p -> p.tp() + " \u00d7 " + p.pp());
        column("policy", PoolResult::policy);
        column("requests", p -> Figures.count(p.requests()));
        column("busy", p -> Figures.percent(p.busyFraction()));
        column("KV occupancy", p -> Figures.percent(p.meanKvOccupancy()));
        column("mean running", p -> Figures.number(p.meanRunningRequests(), 1));
        column("MFU", p -> Figures.percent(p.mfu()));
        column("MBU", p -> Figures.percent(p.mbu()));
        column("preemptions", p -> Figures.count(p.preemptions()));
        column("$/hour", p -> Figures.usd(p.costUsdPerHour()));
    }

    private void column(String name, Function<PoolResult, String> value) {
        TableColumn<PoolResult, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setSortable(false);
        pools.getColumns().add(c);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold; -fx-font-size: 13px;");
        return l;
    }

}
