package org.tokenfab.scenario.run;

/**
 * What one workload class saw.
 *
 * @param ttftSloMs     the class's TTFT threshold in ms, NaN if none; likewise {@code tpotSloMs}
 * @param sloAttainment share of completed requests that met every SLO of the class (1 without SLOs)
 * @param goodput       requests per second that met every SLO of their class, over the simulated time
 */
public record ClassResult(String name, long arrived, long completed, long rejected, LatencySummary ttft,
        LatencySummary tpot, LatencySummary e2e, double ttftSloMs, double tpotSloMs, double sloAttainment, double goodput,
        LatencySummary ttfa) implements java.io.Serializable {
}
