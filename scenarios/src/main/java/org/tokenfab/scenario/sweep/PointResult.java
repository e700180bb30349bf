package org.tokenfab.scenario.sweep;

import java.io.Serializable;
import java.util.List;

import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.SummaryJson;

/**
 * What one finished sweep point hands back to the driver: plain text only (its line of
 * {@code points.jsonl} and its metric cells of {@code sweep.csv}), so it crosses a process or
 * network boundary (a Spark task's result) unchanged and the driver writes exactly what a local run
 * writes. A point whose configuration is invalid carries the error message instead: that is
 * deterministic, so it is reported, never retried.
 *
 * @param index       the point's index in the grid
 * @param summaryLine the point's summary as a line of {@code points.jsonl}
 *                    ({@link SummaryJson#toLine}), or empty when it failed
 * @param cells       {@link SweepMetrics#cells} of the point's run, or empty when it failed
 * @param error       why the point failed (a {@code TokenFabException}'s message), or null
 */
public record PointResult(int index, String summaryLine, List<String> cells, String error) implements Serializable {
    private static final long serialVersionUID = 1L;

    public PointResult {
        cells = List.copyOf(cells);
    }

    /** A finished run. */
    public static PointResult of(int index, RunResult r) {
        return new PointResult(index, SummaryJson.toLine(r, index), SweepMetrics.cells(r), null);
    }

    /** A point whose scenario could not be loaded or run (a user error, the same on every retry). */
    public static PointResult failed(int index, String error) {
        return new PointResult(index, "", List.of(), error);
    }

    public boolean ok() {
        return error == null;
    }
}
