package org.tokenfab.ui.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;

/**
 * What the views share, touched on the JavaFX thread only: the catalog, the scenario being
 * edited, the last finished run, the runs pinned for comparison, and two requests any view may
 * make of the main window (run this scenario; show that view). Views observe its properties and
 * never talk to each other.
 */
public final class Workspace {
    /** A scenario to run, with its YAML (for the report) and the label the run should carry. */
    public record RunRequest(Scenario scenario, String scenarioText, String label) {
    }

    private final Catalog catalog;
    private final Path outputRoot;
    private final ObjectProperty<Scenario> scenario = new SimpleObjectProperty<>(this, "scenario");
    private final StringProperty scenarioText = new SimpleStringProperty(this, "scenarioText");
    private final ObjectProperty<RunRecord> lastRun = new SimpleObjectProperty<>(this, "lastRun");
    private final ObservableList<RunRecord> pinned = FXCollections.observableArrayList();
    private Consumer<RunRequest> runHandler = r -> { };
    private Consumer<String> viewHandler = v -> { };

    /** @param outputRoot where runs write their folders (one per run) */
    public Workspace(Catalog catalog, Path outputRoot) {
        this.catalog = Objects.requireNonNull(catalog);
        this.outputRoot = Objects.requireNonNull(outputRoot);
    }

    public Catalog catalog() {
        return catalog;
    }

    public Path outputRoot() {
        return outputRoot;
    }

    /** The last scenario that loaded without error from the editor (null before one did). */
    public ObjectProperty<Scenario> scenarioProperty() {
        return scenario;
    }

    /** The YAML of {@link #scenarioProperty()}, as the editor holds it (null before a scenario loaded). */
    public StringProperty scenarioTextProperty() {
        return scenarioText;
    }

    /** The last run that finished (null before one did). */
    public ObjectProperty<RunRecord> lastRunProperty() {
        return lastRun;
    }

    /** Runs pinned for side-by-side comparison, oldest first. */
    public ObservableList<RunRecord> pinned() {
        return pinned;
    }

    /** Pins a run unless it is pinned already. */
    public void pin(RunRecord run) {
        if (run != null && !pinned.contains(run)) {
            pinned.add(run);
        }
    }

    /** Asks the main window to run a scenario (as its Run button does), for example a sweep point. */
    public void requestRun(RunRequest request) {
        runHandler.accept(request);
    }

    /** Asks the main window to show one view: {@code scenario}, {@code live}, {@code dashboard}, {@code compare}, {@code sweep}, {@code roofline} or {@code replica}. */
    public void requestView(String view) {
        viewHandler.accept(view);
    }

    /** Set by the main window. */
    public void onRunRequest(Consumer<RunRequest> handler) {
        this.runHandler = Objects.requireNonNull(handler);
    }

    /** Set by the main window. */
    public void onViewRequest(Consumer<String> handler) {
        this.viewHandler = Objects.requireNonNull(handler);
    }
}
