package org.tokenfab.ui.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.run.Report;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.ScenarioRun;
import org.tokenfab.scenario.run.SummaryJson;
import org.tokenfab.scenario.run.TimeSeries;

/**
 * One scenario running on its own thread, watched without ever blocking it: the engine appends
 * each closed time-series row to a lock-free queue and overwrites a volatile progress value; the
 * UI drains the queue on its own clock. The engine never waits for the UI and the UI never
 * waits for the engine. When the run ends its files are written (summary.json, timeseries.csv,
 * report.html) and {@link #result()} completes, exceptionally on an error or cancellation.
 */
public final class RunTask {
    private final Scenario scenario;
    private final String scenarioText;
    private final String label;
    private final Path outDir;
    private final ScenarioRun run;
    private final StepLog steps = new StepLog();
    private final String stepPool;
    private final ConcurrentLinkedQueue<TimeSeries.Row> fresh = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<RunRecord> result = new CompletableFuture<>();
    private volatile double progress;
    private volatile long events;

    /**
     * @param label   what the user sees for this run
     * @param outDir  where its files go
     */
    public RunTask(Scenario scenario, String scenarioText, String label, Path outDir) {
        this.scenario = scenario;
        this.scenarioText = scenarioText;
        this.label = label;
        this.outDir = outDir;
        this.run = new ScenarioRun(scenario).interval(interval(scenario));
        this.stepPool = scenario.cluster().pools().get(0).name();
        run.onRow(fresh::add).observeReplica(stepPool, 0, steps);
    }

    /**
     * The time-series interval: 10 s, or longer for long runs so that a run keeps at most about
     * 2,000 intervals (a simulated day gets 45 s), which bounds what the live charts receive.
     */
    static long interval(Scenario scenario) {
        long duration = scenario.stop().durationNanos();
        long tenSeconds = TimeSeries.DEFAULT_INTERVAL_NANOS;
        if (duration == Long.MAX_VALUE || duration / 2_000 <= tenSeconds) {
            return tenSeconds;
        }
        long step = 5_000_000_000L; // round up to whole 5 s
        return (duration / 2_000 + step - 1) / step * step;
    }

    /** Starts the run on a daemon thread; returns at once. */
    public RunTask start() {
        Thread t = new Thread(this::runToEnd, "tokenfab-run-" + scenario.name());
        t.setDaemon(true);
        t.start();
        return this;
    }

    private void runToEnd() {
        try {
            RunResult r = run.run((fraction, n) -> {
                progress = fraction;
                events = n;
            });
            progress = 1;
            TimeSeries ts = run.timeSeries();
            List<TimeSeries.Row> rows = new ArrayList<>(ts.rows());
            for (int i = 0; i < ts.rows(); i++) {
                rows.add(ts.row(i));
            }
            SummaryJson.write(r, outDir);
            run.timeSeries().write(outDir);
            Report.write(outDir, run, r, scenarioText, List.of());
            result.complete(new RunRecord(label, scenario, scenarioText, r, rows, steps, stepPool, outDir,
                    run.latencyCdfs()));
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
    }

    /** Share of the arrivals done, 0 to 1 (requests in flight drain after 1). */
    public double progress() {
        return progress;
    }

    /** Engine events so far (updated every 65,536 events). */
    public long events() {
        return events;
    }

    /** Hands every row closed since the last call to {@code sink}, in order; returns how many. */
    public int drainRows(Consumer<TimeSeries.Row> sink) {
        int n = 0;
        for (TimeSeries.Row row; (row = fresh.poll()) != null; n++) {
            sink.accept(row);
        }
        return n;
    }

    /** The step log of replica 0 of the first pool; readable while the run goes on (see {@link StepLog}). */
    public StepLog steps() {
        return steps;
    }

    public String label() {
        return label;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Asks the run to stop; {@link #result()} then fails with a RunCancelledException. */
    public void cancel() {
        run.cancel();
    }

    /** Completes with the record when the run and its files are done. */
    public CompletableFuture<RunRecord> result() {
        return result;
    }
}
