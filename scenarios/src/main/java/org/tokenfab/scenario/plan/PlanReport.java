package org.tokenfab.scenario.plan;

import java.util.List;
import java.util.Locale;

/**
 * The plan as text for people: the answer first, with its margins to the SLOs (how much headroom
 * the fleet has), then the runners-up (the best of every other candidate, and by how much they
 * lose), then the candidates with no answer and why. An answer without its reasons invites the
 * question "did you try B200?"; this says what was tried.
 */
public final class PlanReport {
    private PlanReport() {
    }

    /** @param ranOn where the simulations ran, as {@link PlanTasks#describe} says (threads, or a Spark master) */
    public static String text(Plan plan, String scenario, String ranOn) {
        PlanRequest q = plan.request();
        StringBuilder b = new StringBuilder();
        long accelerators = q.candidates().stream().map(Candidate::accelerator).distinct().count();
        long tps = q.candidates().stream().map(Candidate::tp).distinct().count();
        b.append(String.format(Locale.ROOT, "plan: %s · %s req/s · %s · minimise %s%n", scenario,
                Format.num(q.targetRatePerSecond(), q.targetRatePerSecond() == Math.rint(q.targetRatePerSecond()) ? 0 : 2),
                q.slo(), q.objective().id()));
        b.append(String.format(Locale.ROOT, "searched %d candidates (%d accelerators x %d tp%s), up to %d replicas: %d probes + %d simulations in %.1f s wall (%s)%n%n",
                q.candidates().size(), accelerators, tps,
                q.candidates().size() > accelerators * tps ? " x batching" : "", q.maxReplicas(), plan.results().size(),
                plan.simulations(), plan.wallSeconds(), ranOn));
        List<Point> ranked = plan.ranked();
        if (ranked.isEmpty()) {
            b.append("answer: none of the candidates meets the SLOs within ").append(q.maxReplicas())
                    .append(" replicas; see why below (raise --max-replicas, relax --slo, or add candidates)\n");
        } else {
            Point w = ranked.get(0);
            b.append(String.format(Locale.ROOT, "answer: %d x %s (%d accelerators)%n", w.replicas(), w.candidate().label(), w.accelerators()));
            b.append(String.format(Locale.ROOT, "  %s/h · %s per million output tokens · %s output tokens/J (facility) · %s kW facility mean%n",
                    Format.usd(w.usdPerHour()), Format.usd(w.usdPerMillionOutputTokens()), Format.num(w.outputTokensPerJoule(), 2),
                    Format.num(w.facilityW() / 1000, 1)));
            b.append("  ").append(latency(w, q.slo())).append('\n');
        }
        if (ranked.size() > 1) {
            b.append(String.format(Locale.ROOT, "%nrunners-up (each candidate's fewest replicas meeting the SLOs, best first)%n"));
            b.append(String.format(Locale.ROOT, "  %-22s %8s %6s %10s %8s %6s %9s %9s  %s%n", "candidate", "replicas", "accel",
                    "$/h", "$/M out", "tok/J", "p99 TTFT", "p99 TPOT", "vs answer"));
            double best = q.objective().value(ranked.get(0));
            for (Point p : ranked.subList(1, ranked.size())) {
                double v = q.objective().value(p);
                String versus = v == best ? "tie on " + q.objective().id() + " (lost the tie-break)"
                        : String.format(Locale.ROOT, "%+.1f%% %s", 100 * (v / best - 1), q.objective().id());
                b.append(String.format(Locale.ROOT, "  %-22s %8d %6d %10s %8s %6s %9s %9s  %s%n", p.candidate().label(),
                        p.replicas(), p.accelerators(), Format.usd(p.usdPerHour()), Format.usd(p.usdPerMillionOutputTokens()),
                        Format.num(p.outputTokensPerJoule(), 2), Format.ms(p.ttftP99Ms()), Format.ms(p.tpotP99Ms()), versus));
            }
        }
        List<Plan.CandidateResult> lost = plan.results().stream().filter(r -> r.minimal().isEmpty()).toList();
        if (!lost.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nno answer%n"));
            for (Plan.CandidateResult r : lost) {
                b.append(String.format(Locale.ROOT, "  %-22s %s%n", r.candidate().label(), r.verdict()));
            }
        }
        return b.toString();
    }

    private static String latency(Point p, Slo slo) {
        StringBuilder s = new StringBuilder();
        s.append("p99 TTFT ").append(Format.ms(p.ttftP99Ms()));
        if (!Double.isNaN(slo.ttftP99Ms())) {
            s.append(String.format(Locale.ROOT, " (%.0f%% under %s)", PlanFiles.margin(p.ttftP99Ms(), slo.ttftP99Ms()), Format.ms(slo.ttftP99Ms())));
        }
        s.append(" · p99 TPOT ").append(Format.ms(p.tpotP99Ms()));
        if (!Double.isNaN(slo.tpotP99Ms())) {
            s.append(String.format(Locale.ROOT, " (%.0f%% under %s)", PlanFiles.margin(p.tpotP99Ms(), slo.tpotP99Ms()), Format.ms(slo.tpotP99Ms())));
        }
        if (!Double.isNaN(slo.goodputShare())) {
            s.append(String.format(Locale.ROOT, " · goodput %.1f%%", 100 * p.goodShare()));
        }
        return s.toString();
    }
}
