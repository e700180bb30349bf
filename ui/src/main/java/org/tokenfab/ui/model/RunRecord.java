package org.tokenfab.ui.model;

import java.nio.file.Path;
import java.util.List;

import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.ScenarioRun;
import org.tokenfab.scenario.run.TimeSeries;

/**
 * A finished run as the app keeps it: what ran, its results, its time series, one replica's
 * iterations, and where its files went. Immutable apart from the step log, which no one writes
 * once the run is over.
 *
 * @param label        what the user sees (scenario name, and a number when it ran more than once)
 * @param scenario     the scenario that ran
 * @param scenarioText its YAML
 * @param result       the run's results, as summary.json has them
 * @param rows         the time series, one row per interval and pool, in order
 * @param steps        iterations of replica 0 of pool {@code stepPool}
 * @param stepPool     the pool whose replica 0 the step log followed
 * @param outDir       where summary.json, timeseries.csv and report.html were written
 * @param cdfs         the TTFT, TPOT and end-to-end latency curves
 */
public record RunRecord(String label, Scenario scenario, String scenarioText, RunResult result,
        List<TimeSeries.Row> rows, StepLog steps, String stepPool, Path outDir, ScenarioRun.Cdfs cdfs) {
    public RunRecord {
        rows = List.copyOf(rows);
    }

    public Path summaryJson() {
        return outDir.resolve("summary.json");
    }

    public Path report() {
        return outDir.resolve("report.html");
    }
}
