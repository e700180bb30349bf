package org.tokenfab.scenario.run;

import java.util.Locale;

/** How tables (comparisons, the app's views) print a figure of any size. */
public final class NumberText {
    private NumberText() {
    }

    /** Thousands separated, a sensible number of decimals for the size, {@code n/a} when undefined. */
    public static String compact(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, a >= 1000 ? "%,.0f" : a >= 10 ? "%.1f" : a >= 0.1 ? "%.3f" : "%.4g", v);
    }
}
