package org.tokenfab.cli;

import java.util.Locale;

import org.tokenfab.scenario.PoolSpec;
import org.tokenfab.scenario.PrecisionSpec;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.run.ClassResult;
import org.tokenfab.scenario.run.FacilityResult;
import org.tokenfab.scenario.run.LatencySummary;
import org.tokenfab.scenario.run.PoolResult;
import org.tokenfab.scenario.run.RunResult;

/** The human-readable summary of a run, as printed by {@code tokenfab run}. */
final class SummaryTable {
    private SummaryTable() {
    }

    static String format(RunResult r, Scenario s) {
        StringBuilder b = new StringBuilder();
        b.append(f("%s: %s%n", r.scenario(), r.description().isEmpty() ? "(no description)" : r.description()));
        PrecisionSpec formats = s.precision();
        String math = formats.compute() == formats.weights() ? "" : " · compute " + formats.compute();
        b.append(f("model %s · weights %s%s · KV cache %s%n", s.model(), formats.weights(), math, formats.kvCache()));
        b.append(f("seed %d · %,d requests arrived, %,d completed, %,d rejected · %.1f s simulated in %.2f s wall (%,d events)%n%n",
                r.seed(), r.arrived(), r.completed(), r.rejected(), r.simulatedSeconds(), r.wallSeconds(), r.events()));
        b.append(f("%-14s %10s %10s %10s %10s %10s%n", "latency (ms)", "mean", "p50", "p90", "p99", "max"));
        row(b, "TTFT", r.ttft());
        if (s.workload().trace().isEmpty() && s.workload().asClasses().stream().anyMatch(c -> c.reasoning().isPresent())) {
            row(b, "TTFA", r.ttfa()); // the first answer token, after the reasoning
        }
        row(b, "TPOT", r.tpot());
        row(b, "ITL", r.itl());
        row(b, "E2E", r.e2e());
        b.append(f("%nthroughput     %,.0f output tok/s · %,.0f input tok/s · %.2f req/s%n",
                r.outputTokensPerSecond(), r.inputTokensPerSecond(), r.requestsPerSecond()));
        if (r.classes().size() > 1 || r.classes().stream().anyMatch(c -> !Double.isNaN(c.ttftSloMs()) || !Double.isNaN(c.tpotSloMs()))) {
            for (ClassResult c : r.classes()) {
                b.append(f("class %-8s %,d completed · TTFT p99 %.1f ms · TPOT p99 %.1f ms · SLO %s met by %.1f%% · goodput %.2f req/s%n",
                        c.name(), c.completed(), c.ttft().p99(), c.tpot().p99(), slo(c), 100 * c.sloAttainment(), c.goodput()));
            }
        }
        facility(b, r.facility());
        for (int i = 0; i < r.pools().size(); i++) {
            PoolResult p = r.pools().get(i);
            PoolSpec spec = s.cluster().pools().get(i);
            String shape = "tp" + p.tp() + (p.pp() > 1 ? " pp" + p.pp() : "") + (p.ep() > 1 ? " ep" + p.ep() : "")
                    + (p.system() == null ? "" : " on " + p.system());
            b.append(f("pool %-9s %d x %s %s · KV cache %,d tok/replica · busy %.0f%% · KV used %.0f%% · running %.1f/replica · preemptions %,d%n",
                    p.name(), p.replicas(), p.accelerator(), shape, p.kvCapacityTokens(), 100 * p.busyFraction(),
                    100 * p.meanKvOccupancy(), p.meanRunningRequests(), p.preemptions()));
            b.append(f("%-14s MFU %.1f%% · MBU %.1f%% · %.0f W per accelerator%s · %,.0f kJ%n", "", 100 * p.mfu(), 100 * p.mbu(),
                    p.meanWattsPerAccelerator(r.simulatedSeconds()),
                    Double.isNaN(p.powerCapW()) ? "" : f(" (cap %.0f W)", p.powerCapW()), p.acceleratorJoules() / 1e3));
            var life = p.lifecycle();
            if (!life.role().equals("colocated") || spec.autoscaling().isPresent() || spec.failures().isPresent()) {
                b.append(f("%-14s %s%s%s%n", "", life.role().equals("colocated") ? "" : life.role() + " pool"
                        + (life.handedOff() > 0 ? f(" (%,d handed to decode) · ", life.handedOff()) : " · "),
                        f("%.2f replicas up on average (neither off nor failed)", life.meanReplicasUp()),
                        spec.failures().isPresent() ? f(" · %d failures, %.0f replica-s down", life.failures(), life.downSeconds()) : ""));
            }
            if (spec.batching().maxSeqs() > 0 && p.meanRunningRequests() >= 0.95 * spec.batching().maxSeqs()) {
                b.append(f("  note: running requests are near max_seqs (%d): the batch limit, not memory, caps throughput%n",
                        spec.batching().maxSeqs()));
            }
        }
        if (!r.scaleEvents().isEmpty()) {
            b.append(f("autoscaling    %d scale events, first %s%n", r.scaleEvents().size(), r.scaleEvents().stream().limit(3)
                    .map(e -> f("%s %d->%d at %.0f s", e.pool(), e.from(), e.to(), e.timeNanos() / 1e9))
                    .collect(java.util.stream.Collectors.joining(", "))));
        }
        if (r.kvTransfers() != null) {
            b.append(f("KV transfer    %,d transfers, %.1f GB, link queueing %.2f ms mean, %.2f ms max (included in TTFT)%n",
                    r.kvTransfers().transfers(), r.kvTransfers().bytes() / 1e9, r.kvTransfers().meanQueueingMs(),
                    r.kvTransfers().maxQueueingMs()));
        }
        return b.toString();
    }

    /** Facility power (IT x PUE), tokens per joule and cost; see {@code FacilityResult}. */
    private static void facility(StringBuilder b, FacilityResult f) {
        b.append(f("power          facility %s mean, %s peak (1-s windows), configured fleet peak %s · IT %s mean · PUE %.2f%n",
                watts(f.facilityMeanW()), watts(f.facilityPeakW()), watts(f.fleetPeakConfiguredW()), watts(f.itMeanW()), f.pue()));
        if (!Double.isNaN(f.powerBudgetW())) {
            b.append(f("%-14s budget %s (over_budget: %s)%s%n", "", watts(f.powerBudgetW()), f.overBudget(),
                    Double.isNaN(f.capFraction()) ? " · fits uncapped"
                            : f(" · every accelerator capped at %.1f%% of TDP to fit", 100 * f.capFraction())));
        }
        b.append(f("energy         %.2f output tokens per joule of facility energy · %.2f per joule of accelerator energy%n",
                f.outputTokensPerFacilityJoule(), f.outputTokensPerAcceleratorJoule()));
        if (Double.isNaN(f.usdTotal())) {
            b.append(f("cost           n/a (%s)%n", f.costSource()));
        } else {
            b.append(f("cost           $%.3f per million output tokens · $%.3f per million input tokens · $%,.2f/h%n",
                    f.usdPerMillionOutputTokens(), f.usdPerMillionInputTokens(), f.usdPerHour()));
        }
        if (!f.note().isEmpty()) {
            b.append(f("  note: %s%n", f.note()));
        }
    }

    private static String watts(double w) {
        return Double.isNaN(w) ? "n/a" : w >= 1e6 ? f("%.3f MW", w / 1e6) : w >= 1e3 ? f("%.1f kW", w / 1e3) : f("%.0f W", w);
    }

    private static String slo(ClassResult c) {
        String ttft = Double.isNaN(c.ttftSloMs()) ? "" : f("TTFT <= %.0f ms", c.ttftSloMs());
        String tpot = Double.isNaN(c.tpotSloMs()) ? "" : f("TPOT <= %.0f ms", c.tpotSloMs());
        String both = ttft.isEmpty() || tpot.isEmpty() ? ttft + tpot : ttft + " and " + tpot;
        return both.isEmpty() ? "(none)" : "(" + both + ")";
    }

    private static void row(StringBuilder b, String name, LatencySummary l) {
        if (l.count() == 0) {
            b.append(f("%-14s %10s%n", name, "n/a"));
            return;
        }
        b.append(f("%-14s %10.1f %10.1f %10.1f %10.1f %10.1f%n", name, l.mean(), l.p50(), l.p90(), l.p99(), l.max()));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
