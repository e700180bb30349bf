package org.tokenfab.scenario.plan;

import java.util.Locale;

/** Human-readable figures for the plan's messages (one place, so every message reads alike). */
final class Format {
    private Format() {
    }

    /** 2 s, 850 ms, 48.2 ms. */
    static String ms(double ms) {
        if (Double.isNaN(ms)) {
            return "n/a";
        }
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000).replace(".00 s", " s");
        }
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms).replace(".0 ms", " ms");
    }

    static String usd(double usd) {
        return Double.isNaN(usd) ? "n/a" : String.format(Locale.ROOT, "$%,.2f", usd);
    }

    static String num(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
