package org.tokenfab.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.ui.compare.CompareView;
import org.tokenfab.ui.dashboard.DashboardView;
import org.tokenfab.ui.editor.ScenarioEditor;
import org.tokenfab.ui.live.LiveView;
import org.tokenfab.ui.model.RunRecord;
import org.tokenfab.ui.model.Workspace;
import org.tokenfab.ui.replica.ReplicaView;
import org.tokenfab.ui.roofline.RooflineView;
import org.tokenfab.ui.sweep.SweepView;

/**
 * The window's content: a menu bar and a toolbar, one tab per view, and a status bar with the
 * run's progress, a Cancel button and the last message. It answers the workspace's requests (run
 * this, show that) and owns the {@link RunController}. It builds a node tree only, no Stage, so the
 * desktop app and the headless screenshot render the very same thing.
 */
public final class MainWindow {
    /** View names, in tab order, as {@link Workspace#requestView} and {@code --view} take them. */
    public static final List<String> VIEWS = List.of("scenario", "live", "dashboard", "compare", "sweep", "roofline",
            "replica");

    /** Opens a URI with the desktop (HostServices.showDocument in the app); absent when headless. */
    @FunctionalInterface
    public interface Desktop {
        void show(String uri);
    }

    private final Workspace workspace;
    private final Desktop desktop;
    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final Map<String, Tab> byView = new LinkedHashMap<>();
    private final ScenarioEditor editor;
    private final LiveView live = new LiveView();
    private final DashboardView dashboard;
    private final RunController runs;

    /** @param desktop how to open reports and folders, or null where there is no desktop */
    public MainWindow(Workspace workspace, Desktop desktop) {
        this.workspace = workspace;
        this.desktop = desktop;
        this.editor = new ScenarioEditor(workspace);
        this.dashboard = new DashboardView(workspace, this::openPath);
        this.runs = new RunController(workspace, live, this::showView);
        addTab("scenario", "Scenario", editor.root());
        addTab("live", "Live", live.root());
        addTab("dashboard", "Dashboard", dashboard.root());
        addTab("compare", "Compare", new CompareView(workspace).root());
        addTab("sweep", "Sweep", new SweepView(workspace).root());
        addTab("roofline", "Memory wall", new RooflineView(workspace).root());
        addTab("replica", "Replica", new ReplicaView(workspace).root());
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("main-tabs");
        workspace.onRunRequest(runs::start);
        workspace.onViewRequest(this::showView);
        root.setTop(new VBox(menuBar(), toolBar()));
        root.setCenter(tabs);
        root.setBottom(statusBar());
        root.setPrefSize(1280, 800);
        root.setId("main-window");
    }

    private void addTab(String view, String title, Parent content) {
        Tab tab = new Tab(title, content);
        tab.setId("tab-" + view);
        tabs.getTabs().add(tab);
        byView.put(view, tab);
    }

    public Parent root() {
        return root;
    }

    public ScenarioEditor editor() {
        return editor;
    }

    public LiveView live() {
        return live;
    }

    public DashboardView dashboard() {
        return dashboard;
    }

    /** Selects a view by name (see {@link #VIEWS}); unknown names are reported in the status. */
    public void showView(String view) {
        Tab tab = byView.get(view);
        if (tab == null) {
            runs.say("No view named '" + view + "'; views: " + String.join(", ", VIEWS));
            return;
        }
        tabs.getSelectionModel().select(tab);
    }

    /** The selected view's name. */
    public String selectedView() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t == null ? null : t.getId().substring("tab-".length());
    }

    /** Runs the editor's scenario if it is valid, else says why and shows the editor. */
    public void run() {
        editor.runRequest().ifPresentOrElse(workspace::requestRun, () -> {
            runs.say("The scenario is not valid; the Scenario tab shows where.");
            showView("scenario");
        });
    }

    /** Starts a run directly; see {@link RunController#start}. */
    public CompletableFuture<RunRecord> run(Workspace.RunRequest request) {
        return runs.start(request);
    }

    public void cancel() {
        runs.cancel();
    }

    /** Stops a run going on (the window is closing). */
    public void shutdown() {
        runs.cancel();
    }

    /** Pins the last run for the Compare view. */
    public void pin() {
        RunRecord last = workspace.lastRunProperty().get();
        if (last == null) {
            runs.say("No finished run to pin yet.");
            return;
        }
        workspace.pin(last);
        runs.say("Pinned " + last.label() + " (" + workspace.pinned().size() + " pinned; see Compare).");
    }

    /**
     * Opens {@code nameOrPath} in the editor: an existing file, else a bundled scenario. A problem
     * (no such file or scenario) goes to the status line.
     */
    public void open(String nameOrPath) {
        try {
            Path file = Path.of(nameOrPath);
            if (Files.isRegularFile(file)) {
                editor.load(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            } else {
                // A bundled name, also as the editor shows it ("library/NAME.yaml").
                String name = nameOrPath.startsWith("library/") ? nameOrPath.substring("library/".length()) : nameOrPath;
                name = name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name;
                editor.load("library/" + name + ".yaml", ScenarioLibrary.text(name));
            }
            runs.say("Opened " + editor.source() + ".");
            showView("scenario");
        } catch (IOException | RuntimeException e) {
            runs.say("Cannot open " + nameOrPath + ": " + e.getMessage());
        }
    }

    private void openFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open scenario");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Scenario YAML", "*.yaml", "*.yml"),
                new FileChooser.ExtensionFilter("All files", "*"));
        var window = root.getScene() == null ? null : root.getScene().getWindow();
        var file = chooser.showOpenDialog(window);
        if (file != null) {
            open(file.getPath());
        }
    }

    /** Opens a report or folder with the desktop, or says where it is when that cannot be done. */
    void openPath(Path path) {
        if (!Files.exists(path)) {
            runs.say(path + " does not exist (yet).");
            return;
        }
        if (desktop == null) {
            runs.say("No desktop to open it with here; it is at " + path.toAbsolutePath());
            return;
        }
        try {
            desktop.show(path.toAbsolutePath().toUri().toString());
            runs.say("Opened " + path.toAbsolutePath());
        } catch (RuntimeException e) {
            runs.say("Cannot open " + path.toAbsolutePath() + " (" + e.getMessage() + "); open it yourself.");
        }
    }

    private void openLast(boolean report) {
        RunRecord last = workspace.lastRunProperty().get();
        if (last == null) {
            runs.say("No finished run yet.");
        } else {
            openPath(report ? last.report() : last.outDir());
        }
    }

    private MenuBar menuBar() {
        Menu file = new Menu("File");
        Menu library = new Menu("Open library scenario");
        library.getItems().addAll(libraryItems());
        MenuItem openFile = item("Open file\u2026", "Shortcut+O", this::openFile);
        MenuItem quit = item("Quit", "Shortcut+Q", () -> {
            if (root.getScene() != null && root.getScene().getWindow() != null) {
                root.getScene().getWindow().hide();
            }
        });
        file.getItems().addAll(library, openFile, new SeparatorMenuItem(), item("Open report", null, () -> openLast(true)),
                item("Open output folder", null, () -> openLast(false)), new SeparatorMenuItem(), quit);
        Menu run = new Menu("Run");
        MenuItem runItem = item("Run", "Shortcut+R", this::run);
        MenuItem cancel = item("Cancel", "Esc", this::cancel);
        runItem.disableProperty().bind(runs.runningProperty().or(editor.validProperty().not()));
        cancel.disableProperty().bind(runs.runningProperty().not());
        run.getItems().addAll(runItem, cancel, item("Pin run", "Shortcut+P", this::pin));
        Menu view = new Menu("View");
        byView.forEach((name, tab) -> view.getItems().add(item(tab.getText(), null, () -> showView(name))));
        return new MenuBar(file, run, view);
    }

    private List<MenuItem> libraryItems() {
        return ScenarioLibrary.names().stream().map(n -> item(n, null, () -> open(n))).toList();
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (accelerator != null) {
            m.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    private ToolBar toolBar() {
        MenuButton library = new MenuButton("Library");
        library.getItems().addAll(libraryItems());
        library.setTooltip(new Tooltip("Open a bundled scenario"));
        Button open = button("Open file\u2026", "toolbar-open", "Open a scenario YAML file (Ctrl+O)", this::openFile);
        Button run = button("\u25b6 Run", "toolbar-run", "Run the scenario (Ctrl+R)", this::run);
        run.disableProperty().bind(runs.runningProperty().or(editor.validProperty().not()));
        Button cancel = button("\u25a0 Cancel", "toolbar-cancel", "Cancel the run (Esc)", this::cancel);
        cancel.disableProperty().bind(runs.runningProperty().not());
        Button pin = button("Pin run", "toolbar-pin", "Pin the last run for Compare (Ctrl+P)", this::pin);
        Button report = button("Open report", "toolbar-report", "Open the last run's report.html", () -> openLast(true));
        Button folder = button("Open output folder", "toolbar-folder", "Open the last run's output folder",
                () -> openLast(false));
        return new ToolBar(library, open, run, cancel, pin, report, folder);
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private Node statusBar() {
        ProgressBar bar = new ProgressBar();
        bar.setId("status-progress");
        bar.progressProperty().bind(runs.progressProperty());
        bar.setPrefWidth(200);
        Button cancel = button("Cancel", "status-cancel", "Cancel the run (Esc)", this::cancel);
        cancel.disableProperty().bind(runs.runningProperty().not());
        Label message = new Label();
        message.setId("status-message");
        message.textProperty().bind(runs.messageProperty());
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        HBox bar2 = new HBox(8, bar, cancel, message);
        bar2.setAlignment(Pos.CENTER_LEFT);
        bar2.setPadding(new Insets(4, 8, 4, 8));
        bar2.setStyle("-fx-border-color: #ccc transparent transparent transparent;");
        return bar2;
    }
}
