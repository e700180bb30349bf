package org.tokenfab.cli;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

import org.tokenfab.scenario.run.Report;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.ScenarioRun;
import org.tokenfab.scenario.run.SummaryJson;

/**
 * The options of {@code tokenfab run} that decide how a run is configured and what it writes, as a
 * value: every run path (one run, variants, replications here or as Spark tasks) configures and
 * writes through it, so a replication on a Spark executor writes exactly the files a local one does.
 *
 * @param maxEvents    engine events before the run stops, {@code Long.MAX_VALUE} for no bound
 * @param maxWallNanos real time before the run stops, {@code Long.MAX_VALUE} for no bound
 * @param scenarioText the scenario's YAML as read on the driver, for the report
 * @param overrides    the user's {@code --set}s, for the report
 */
record RunSettings(long intervalNanos, long warmupNanos, long maxEvents, long maxWallNanos, boolean requestsCsv,
        boolean noReport, String scenarioText, List<String> overrides) implements Serializable {
    private static final long serialVersionUID = 1L;

    RunSettings {
        overrides = List.copyOf(overrides);
    }

    /** {@code run} configured to write into {@code dir}. */
    ScenarioRun configure(ScenarioRun run, Path dir) {
        run.interval(intervalNanos).warmup(warmupNanos);
        // The memory guard is always on: a run that outgrows the heap stops with partial results.
        run.bounds(maxEvents, maxWallNanos, true);
        if (requestsCsv) {
            run.requestsCsv(dir);
        }
        return run;
    }

    /** summary.json, timeseries.csv and (unless --no-report) report.html with its charts; returns the summary's path. */
    Path write(ScenarioRun run, RunResult result, Path dir) {
        Path written = SummaryJson.write(result, dir);
        run.timeSeries().write(dir);
        if (!noReport) {
            Report.write(dir, run, result, scenarioText, overrides);
        }
        return written;
    }
}
