package org.tokenfab.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.util.Duration;

import org.tokenfab.scenario.run.RunCancelledException;
import org.tokenfab.sim.TokenFabException;
import org.tokenfab.ui.dashboard.Figures;
import org.tokenfab.ui.live.LiveView;
import org.tokenfab.ui.model.RunRecord;
import org.tokenfab.ui.model.RunTask;
import org.tokenfab.ui.model.Workspace;

/**
 * Starts runs and watches them from the JavaFX thread. A {@link Timeline} ticks ten times a second:
 * it drains the rows the run published into the live view, copies the progress, and when the run's
 * result is done hands it to the workspace (success), or says "cancelled" or the loader's or
 * engine's one-line message in the status (never a stack trace). Polling rather than callbacks from
 * the simulation thread keeps the engine free of UI work and batches redraws.
 */
final class RunController {
    private final Workspace workspace;
    private final LiveView live;
    private final Consumer<String> showView;
    private final Timeline poll;
    private final StringProperty message = new SimpleStringProperty(this, "message", "Ready.");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running", false);
    private RunTask task;
    private CompletableFuture<RunRecord> done;

    /** @param showView selects a view by name (the main window's tabs) */
    RunController(Workspace workspace, LiveView live, Consumer<String> showView) {
        this.workspace = workspace;
        this.live = live;
        this.showView = showView;
        this.poll = new Timeline(new KeyFrame(Duration.millis(100), e -> tick()));
        poll.setCycleCount(Animation.INDEFINITE);
    }

    /**
     * Starts {@code request} on its own thread and shows the live view. The future completes on
     * the JavaFX thread after the workspace has the record, or exceptionally (cancelled, failed).
     * Refused with a message while another run goes on.
     */
    CompletableFuture<RunRecord> start(Workspace.RunRequest request) {
        if (task != null) {
            message.set("A run is going on (" + task.label() + "); cancel it first (Esc).");
            return CompletableFuture.failedFuture(new TokenFabException("a run is going on"));
        }
        Path dir = freshDir(workspace.outputRoot(), request.label());
        String label = dir.getFileName().toString();
        task = new RunTask(request.scenario(), request.scenarioText(), label, dir);
        done = new CompletableFuture<>();
        live.start(label);
        progress.set(0);
        running.set(true);
        message.set("Running " + label + " \u2192 " + dir);
        showView.accept("live");
        task.start();
        poll.play();
        return done;
    }

    /** Asks the run to stop; the status says "cancelled" when it has. */
    void cancel() {
        if (task != null) {
            task.cancel();
            message.set("Cancelling " + task.label() + " ...");
        }
    }

    /**
     * {@code root/label}, or {@code root/label-2}, {@code -3}, ... if taken, so that no run
     * overwrites another's files in one session or across sessions.
     */
    static Path freshDir(Path root, String label) {
        Path dir = root.resolve(label);
        for (int n = 2; Files.exists(dir); n++) {
            dir = root.resolve(label + "-" + n);
        }
        return dir;
    }

    private void tick() {
        if (task == null) {
            poll.stop();
            return;
        }
        task.drainRows(live::accept);
        live.refresh();
        progress.set(task.progress());
        if (!task.result().isDone()) {
            return;
        }
        RunTask finished = task;
        CompletableFuture<RunRecord> future = done;
        task = null;
        done = null;
        poll.stop();
        running.set(false);
        try {
            RunRecord record = finished.result().get();
            finished.drainRows(live::accept);
            live.refresh();
            progress.set(1);
            live.status("Finished " + record.label());
            workspace.lastRunProperty().set(record);
            message.set("Finished " + record.label() + ": " + Figures.count(record.result().completed())
                    + " requests completed in " + Figures.number(record.result().wallSeconds(), 1) + " s \u2192 "
                    + record.outDir());
            showView.accept("dashboard");
            future.complete(record);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String text;
            if (cause instanceof RunCancelledException) {
                text = "Run " + finished.label() + " cancelled.";
            } else if (cause instanceof TokenFabException) {
                text = "Run " + finished.label() + " failed: " + cause.getMessage();
            } else {
                // A bug, not bad input: one line in the status; the trace goes to stderr for a report.
                text = "Run " + finished.label() + " failed with an internal error: " + cause;
                cause.printStackTrace();
            }
            progress.set(0);
            live.status(text);
            message.set(text);
            future.completeExceptionally(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** Sets the status line (for the main window's own messages). */
    void say(String text) {
        message.set(text);
    }

    ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running;
    }
}
