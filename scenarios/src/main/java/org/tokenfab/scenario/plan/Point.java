package org.tokenfab.scenario.plan;

import java.util.OptionalInt;

import org.tokenfab.scenario.run.RunResult;

/**
 * One evaluated (or pruned) point of the search: a candidate at a replica count, and what
 * happened. Pruned points carry the reason and NaN figures.
 *
 * @param outcome       whether the point met the SLOs, missed them, or was pruned and why
 * @param reason        why it missed or was pruned (empty when met)
 * @param accelerators  accelerators in the fleet (replicas x tp x pp)
 * @param usdPerHour    fleet $/hour, NaN if unknown
 * @param facilityW     mean facility power, W
 * @param wallSeconds   real time of the simulation (0 when pruned)
 */
public record Point(Candidate candidate, int replicas, Outcome outcome, String reason, int accelerators, double ttftP99Ms,
        double tpotP99Ms, double goodShare, long rejected, double usdPerHour, double usdPerMillionOutputTokens,
        double outputTokensPerJoule, double facilityW, double outputTokensPerSecond, double wallSeconds) {

    /** What became of a point. */
    public enum Outcome {
        /** Simulated; met every SLO. */
        MET,
        /** Simulated; missed an SLO (or rejected requests). */
        MISSED,
        /** Not simulated: does not fit in memory, tp not allowed, or another configuration error. */
        UNFIT,
        /** Not simulated: the saturation probe shows too little capacity at this replica count. */
        TOO_FEW,
        /** Not simulated: even at its capacity bound it is worse than a point already met. */
        OUTCLASSED
    }

    /** A simulated point from its run. */
    public static Point of(Candidate c, int replicas, RunResult r, Slo slo) {
        var miss = slo.miss(r);
        int accelerators = r.pools().stream().mapToInt(p -> p.accelerators()).sum();
        return new Point(c, replicas, miss.isPresent() ? Outcome.MISSED : Outcome.MET, miss.orElse(""), accelerators,
                r.ttft().p99(), r.tpot().p99(), Slo.goodShare(r), r.rejected(), r.facility().usdPerHour(),
                r.facility().usdPerMillionOutputTokens(), r.facility().outputTokensPerFacilityJoule(),
                r.facility().facilityMeanW(), r.outputTokensPerSecond(), r.wallSeconds());
    }

    /** A point that was not simulated. */
    public static Point pruned(Candidate c, int replicas, Outcome outcome, String reason, OptionalInt accelerators) {
        return new Point(c, replicas, outcome, reason, accelerators.orElse(0), Double.NaN, Double.NaN, Double.NaN, 0,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    public boolean met() {
        return outcome == Outcome.MET;
    }
}
