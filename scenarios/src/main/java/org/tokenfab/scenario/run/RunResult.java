package org.tokenfab.scenario.run;

import java.util.List;

/**
 * Everything a run reports; {@link SummaryJson} writes it as {@code summary.json}.
 *
 * @param arrived           requests that arrived
 * @param completed         requests that finished
 * @param rejected          requests that could never be served (larger than a replica's KV cache)
 * @param simulatedSeconds  simulated time from 0 to the last event
 * @param wallSeconds       real time the simulation took (excludes loading and JVM start)
 * @param events            engine events fired
 * @param peakInFlight      most requests in the system at once (objects ever allocated)
 * @param classes           per workload class: latencies, SLO attainment and goodput
 * @param facility          power, energy and cost of the fleet as a datacenter
 * @param stoppedBy         null for a complete run; otherwise the bound that stopped it early
 *                          ({@code max-events}, {@code max-wall}, {@code memory}): the figures then
 *                          cover what finished up to that point (a partial result)
 *
 * <p>Serializable, as are all its parts, so a replication that ran as a Spark task can be sent
 * back to the driver, which computes the confidence intervals from it as a local run does.
 */
public record RunResult(String scenario, String description, long seed, long arrived, long completed, long rejected,
        LatencySummary ttft, LatencySummary tpot, LatencySummary itl, LatencySummary e2e,
        double outputTokensPerSecond, double inputTokensPerSecond, double requestsPerSecond,
        long outputTokens, long inputTokens, List<PoolResult> pools, double simulatedSeconds, double wallSeconds,
        long events, int peakInFlight, List<ClassResult> classes, LatencySummary ttfa,
        FacilityResult facility, List<org.tokenfab.serving.Autoscaler.ScaleEvent> scaleEvents,
        org.tokenfab.serving.KvTransfer.Stats kvTransfers, String stoppedBy) implements java.io.Serializable {
    /** Whether a bound stopped the run before it finished (see {@code stoppedBy}). */
    public boolean partial() {
        return stoppedBy != null;
    }

    public RunResult {
        pools = List.copyOf(pools);
        classes = List.copyOf(classes);
        scaleEvents = List.copyOf(scaleEvents);
    }

    /** Requests per second that met every SLO of their class, summed over classes. */
    public double goodputRps() {
        return classes.stream().mapToDouble(ClassResult::goodput).sum();
    }
}
