package org.tokenfab.cli;

import java.util.Locale;
import java.util.Optional;

import org.tokenfab.scenario.ArrivalSpec;
import org.tokenfab.scenario.ClassSpec;
import org.tokenfab.scenario.LengthSpec;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.workload.QuantileTable;

/**
 * A rough count of the engine events a scenario implies, so that {@code tokenfab run} can warn
 * before a run that would take hours (at a few million events per second) instead of after.
 *
 * <p>The estimate, on purpose simple and stated in the warning:
 * <ul>
 *   <li>requests = the {@code requests:} cap, or the mean arrival rate × {@code duration} (× the mean
 *       session steps for agentic sessions), whichever is smaller; summed over classes;
 *   <li>events = requests × (2 + mean output tokens / {@value #TYPICAL_BATCH}): an arrival and a
 *       completion per request, and one event per engine iteration, each iteration decoding a
 *       token for a typical batch of {@value #TYPICAL_BATCH} running requests.
 * </ul>
 * It leans high on purpose (a warning must not come too late): it ignores decode folding, which
 * merges consecutive decode steps into one event, so on the bundled scenarios real runs take 3 to
 * 40 times fewer events (4.4 times on the quickstart). Trace replays and closed-loop users without
 * a request cap have no estimate (their request count depends on the file or on the simulation).
 */
final class EventEstimate {
    /** Above this many events a run warns before it starts. */
    static final double WARN_ABOVE_EVENTS = 50e6;
    /** Running requests per engine iteration assumed by the estimate. */
    static final int TYPICAL_BATCH = 16;

    /** Requests and events implied by a scenario. */
    record Estimate(double requests, double meanOutputTokens, double events) {
    }

    private EventEstimate() {
    }

    /** The estimate, or empty when the scenario's request count is not known before it runs. */
    static Optional<Estimate> of(Scenario s) {
        if (s.workload().trace().isPresent()) {
            return Optional.empty();
        }
        double seconds = s.stop().durationNanos() == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : s.stop().durationNanos() / 1e9;
        double byRate = 0;
        double outputTokens = 0;
        for (ClassSpec c : s.workload().asClasses()) {
            double calls = c.arrivals() instanceof ArrivalSpec.OpenLoop open ? meanRate(open, s.stop().durationNanos()) * seconds
                    : Double.POSITIVE_INFINITY; // closed loop: as many as the cluster serves
            if (c.sessions().isPresent()) {
                calls *= mean(c.sessions().get().steps());
            }
            byRate += calls;
            outputTokens += calls * mean(c.outputTokens());
        }
        double requests = Math.min(byRate, s.stop().requests() == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : s.stop().requests());
        if (Double.isInfinite(requests) || Double.isNaN(requests)) {
            return Optional.empty();
        }
        // Weight the classes' output lengths by their share of the requests (equal shares when no rates are known).
        double meanOut = byRate > 0 && Double.isFinite(byRate) ? outputTokens / byRate
                : s.workload().asClasses().stream().mapToDouble(c -> mean(c.outputTokens())).average().orElse(0);
        return Optional.of(new Estimate(requests, meanOut, requests * (2 + meanOut / TYPICAL_BATCH)));
    }

    /** A warning to print before the run, when the estimate is above {@link #WARN_ABOVE_EVENTS} and no --max-events caps it. */
    static Optional<String> warning(Scenario s, Long maxEvents) {
        Optional<Estimate> e = of(s);
        if (e.isEmpty() || e.get().events() <= WARN_ABOVE_EVENTS || (maxEvents != null && maxEvents <= WARN_ABOVE_EVENTS)) {
            return Optional.empty();
        }
        Estimate x = e.get();
        return Optional.of(String.format(Locale.ROOT, "tokenfab: warning: %s implies up to about %s engine events (%s requests x (2 + %.0f"
                        + " output tokens / a typical batch of %d)), which can take hours and a lot of memory; cap the run with"
                        + " --max-events N or --max-wall DURATION (it then stops with partial results), or lower requests/duration",
                s.name(), compact(x.events()), compact(x.requests()), x.meanOutputTokens(), TYPICAL_BATCH));
    }

    /** Mean arrivals per second over the first {@code durationNanos} (schedules included). */
    static double meanRate(ArrivalSpec.OpenLoop open, long durationNanos) {
        double base = switch (open.process()) {
            case ArrivalSpec.Poisson p -> p.ratePerSecond();
            case ArrivalSpec.Gamma g -> g.ratePerSecond();
            case ArrivalSpec.Weibull w -> w.ratePerSecond();
            case ArrivalSpec.Mmpp m -> (m.onRatePerSecond() * m.meanOnNanos() + m.offRatePerSecond() * m.meanOffNanos())
                    / (double) (m.meanOnNanos() + m.meanOffNanos());
        };
        return base * open.schedule().map(sc -> meanMultiplier(sc, durationNanos)).orElse(1.0);
    }

    /** Time-average multiplier of a schedule over [0, duration]; a diurnal cycle averages to about 1. */
    private static double meanMultiplier(ArrivalSpec.Schedule schedule, long durationNanos) {
        if (!(schedule instanceof ArrivalSpec.Piecewise piecewise)) {
            return 1.0;
        }
        var steps = piecewise.steps();
        if (durationNanos == Long.MAX_VALUE) {
            return steps.get(steps.size() - 1).multiplier(); // unbounded: the last step lasts for ever
        }
        double weighted = 0;
        for (int i = 0; i < steps.size() && steps.get(i).startNanos() < durationNanos; i++) {
            long end = i + 1 < steps.size() ? Math.min(steps.get(i + 1).startNanos(), durationNanos) : durationNanos;
            weighted += steps.get(i).multiplier() * (end - steps.get(i).startNanos());
        }
        return weighted / durationNanos;
    }

    /** Mean of a length distribution (lognormal: of the untruncated law, capped at its max). */
    static double mean(LengthSpec length) {
        return switch (length) {
            case LengthSpec.Fixed f -> f.tokens();
            case LengthSpec.Uniform u -> (u.min() + u.max()) / 2.0;
            case LengthSpec.Lognormal l -> {
                double m = Math.exp(l.mu() + l.sigma() * l.sigma() / 2);
                yield l.max() > 0 ? Math.min(m, l.max()) : m;
            }
            case LengthSpec.Empirical e -> meanOf(QuantileTable.bundled(e.table()));
            case LengthSpec.Zipf z -> zipfMean(z.max(), z.exponent());
        };
    }

    private static double meanOf(QuantileTable table) {
        int n = 1000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += table.valueAt((i + 0.5) / n);
        }
        return sum / n;
    }

    private static double zipfMean(int max, double exponent) {
        double num = 0;
        double den = 0;
        for (int k = 1; k <= max; k++) {
            double w = Math.pow(k, -exponent);
            num += k * w;
            den += w;
        }
        return num / den;
    }

    /** 1.2 billion, 340 million, 12,000. */
    static String compact(double x) {
        if (x >= 1e9) {
            return String.format(Locale.ROOT, "%.1f billion", x / 1e9);
        }
        if (x >= 1e6) {
            return String.format(Locale.ROOT, "%.0f million", x / 1e6);
        }
        return String.format(Locale.ROOT, "%,.0f", x);
    }
}
