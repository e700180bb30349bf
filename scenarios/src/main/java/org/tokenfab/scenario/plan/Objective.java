package org.tokenfab.scenario.plan;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.tokenfab.sim.DidYouMean;
import org.tokenfab.sim.TokenFabException;

/**
 * What the plan minimises among the configurations that meet the SLOs. Ties break on the other
 * objectives (cost, then accelerators, then power) and finally on the candidate's order, so the
 * answer is deterministic.
 */
public enum Objective {
    /** Fleet $/hour (accelerator rates, plus energy for owned pools). */
    COST("cost", "$/h"),
    /** Accelerators in the fleet. */
    ACCELERATORS("accelerators", "accelerators"),
    /** Mean facility power (IT x PUE), W. */
    POWER("power", "facility W");

    private final String id;
    private final String unit;

    Objective(String id, String unit) {
        this.id = id;
        this.unit = unit;
    }

    public String id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    /** The point's value of this objective (NaN when unknown, e.g. a price the catalog lacks). */
    public double value(Point p) {
        return switch (this) {
            case COST -> p.usdPerHour();
            case ACCELERATORS -> p.accelerators();
            case POWER -> p.facilityW();
        };
    }

    /** Orders met points best first: this objective, then the others, unknown values last. */
    public Comparator<Point> order() {
        Comparator<Point> c = by(this);
        for (Objective o : values()) {
            if (o != this) {
                c = c.thenComparing(by(o));
            }
        }
        return c;
    }

    private static Comparator<Point> by(Objective o) {
        return Comparator.comparingDouble(p -> {
            double v = o.value(p);
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
        });
    }

    public static Objective parse(String text) {
        List<String> ids = Arrays.stream(values()).map(Objective::id).toList();
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("minimize-cost") || t.equals("usd")) {
            t = "cost";
        }
        for (Objective o : values()) {
            if (o.id.equals(t)) {
                return o;
            }
        }
        throw new TokenFabException("--minimise: '" + text + "' is not an objective" + DidYouMean.clause(t, ids)
                + "; allowed: " + String.join(", ", ids));
    }
}
