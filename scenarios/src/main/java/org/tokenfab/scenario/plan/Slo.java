package org.tokenfab.scenario.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.tokenfab.scenario.load.Quantities;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.sim.DidYouMean;
import org.tokenfab.sim.TokenFabException;

/**
 * The latency targets a configuration must meet at the target load: p99 TTFT, p99 TPOT and,
 * optionally, the share of arrived requests that met their class's SLOs. A run with any rejected
 * request fails too: a fleet that turns users away does not serve the load, however fast it is.
 *
 * @param ttftP99Ms    p99 TTFT threshold, ms (NaN: none)
 * @param tpotP99Ms    p99 TPOT threshold, ms (NaN: none)
 * @param goodputShare least share of arrivals meeting their class's SLOs (NaN: none)
 */
public record Slo(double ttftP99Ms, double tpotP99Ms, double goodputShare) {
    static final List<String> KEYS = List.of("ttft_p99", "tpot_p99", "goodput");

    public Slo {
        if (Double.isNaN(ttftP99Ms) && Double.isNaN(tpotP99Ms) && Double.isNaN(goodputShare)) {
            throw new TokenFabException("no SLO given: set at least one of " + String.join(", ", KEYS)
                    + ", e.g. --slo ttft_p99=2s,tpot_p99=50ms");
        }
    }

    /**
     * Parses {@code ttft_p99=2s,tpot_p99=50ms[,goodput=0.99]}; durations as in scenario files.
     * Keys not given keep {@code base}'s values ({@code null}: none).
     */
    public static Slo parse(String text, Slo base) {
        double ttft = base == null ? Double.NaN : base.ttftP99Ms;
        double tpot = base == null ? Double.NaN : base.tpotP99Ms;
        double goodput = base == null ? Double.NaN : base.goodputShare;
        for (String part : text.split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new TokenFabException("--slo: '" + p + "' is not KEY=VALUE; expected e.g. ttft_p99=2s,tpot_p99=50ms (keys: "
                        + String.join(", ", KEYS) + ")");
            }
            String key = p.substring(0, eq).strip();
            String value = p.substring(eq + 1).strip();
            switch (key) {
                case "ttft_p99" -> ttft = millis(key, value);
                case "tpot_p99" -> tpot = millis(key, value);
                case "goodput" -> goodput = share(value);
                default -> throw new TokenFabException("--slo: unknown key '" + key + "'" + DidYouMean.clause(key, KEYS)
                        + "; allowed: " + String.join(", ", KEYS));
            }
        }
        return new Slo(ttft, tpot, goodput);
    }

    private static double millis(String key, String value) {
        OptionalDouble nanos = Quantities.durationNanos(value);
        if (nanos.isEmpty() || !(nanos.getAsDouble() > 0)) {
            throw new TokenFabException("--slo: " + key + "=" + value + " is not a positive duration; expected "
                    + Quantities.DURATION_FORMS);
        }
        return nanos.getAsDouble() / 1e6;
    }

    private static double share(String value) {
        try {
            double v = Double.parseDouble(value);
            if (v > 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TokenFabException("--slo: goodput=" + value + " is not a share in (0, 1], e.g. goodput=0.99");
    }

    /** Why {@code r} misses the SLOs ("p99 TTFT 3.1 s > 2 s; ..."), or empty if it meets them all. */
    public Optional<String> miss(RunResult r) {
        List<String> why = new ArrayList<>();
        if (r.rejected() > 0) {
            why.add(r.rejected() + " requests rejected");
        }
        if (!Double.isNaN(ttftP99Ms) && !(r.ttft().p99() <= ttftP99Ms)) {
            why.add("p99 TTFT " + Format.ms(r.ttft().p99()) + " > " + Format.ms(ttftP99Ms));
        }
        if (!Double.isNaN(tpotP99Ms) && !(r.tpot().p99() <= tpotP99Ms)) {
            why.add("p99 TPOT " + Format.ms(r.tpot().p99()) + " > " + Format.ms(tpotP99Ms));
        }
        if (!Double.isNaN(goodputShare)) {
            double share = goodShare(r);
            if (!(share >= goodputShare)) {
                why.add(String.format(java.util.Locale.ROOT, "goodput %.1f%% < %.1f%%", 100 * share, 100 * goodputShare));
            }
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
    }

    /** Share of arrived requests that met their class's SLOs. */
    static double goodShare(RunResult r) {
        return r.arrived() == 0 ? 0 : r.goodputRps() * r.simulatedSeconds() / r.arrived();
    }

    /** {@code ttft_p99=2s,tpot_p99=50ms} form, for output. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (!Double.isNaN(ttftP99Ms)) {
            parts.add("p99 TTFT <= " + Format.ms(ttftP99Ms));
        }
        if (!Double.isNaN(tpotP99Ms)) {
            parts.add("p99 TPOT <= " + Format.ms(tpotP99Ms));
        }
        if (!Double.isNaN(goodputShare)) {
            parts.add(String.format(java.util.Locale.ROOT, "goodput >= %.1f%%", 100 * goodputShare));
        }
        return String.join(", ", parts);
    }
}
