package org.tokenfab.ui.dashboard;

import java.util.Locale;

/**
 * How the dashboard writes numbers. One place, so that a test can format a value read from
 * {@code summary.json} the same way and compare the strings; {@link Locale#ROOT} so that the
 * screen does not change with the desktop's locale. Undefined figures (NaN) print as an em dash.
 */
public final class Figures {
    public static final String NONE = "\u2014";

    private Figures() {
    }

    /** A latency, ms: one decimal (sub-millisecond detail is noise at the dashboard's scale). */
    public static String ms(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,.1f ms", v) : NONE;
    }

    /** A count with thousands separators. */
    public static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A rate, per second, one decimal. */
    public static String perSecond(double v, String what) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,.1f %s/s", v, what) : NONE;
    }

    /** A share 0..1 as a percentage with one decimal. */
    public static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", v * 100) : NONE;
    }

    /** Power in W, as kW (or MW above 10 MW). */
    public static String power(double watts) {
        if (!Double.isFinite(watts)) {
            return NONE;
        }
        return watts >= 1e7 ? String.format(Locale.ROOT, "%,.2f MW", watts / 1e6)
                : String.format(Locale.ROOT, "%,.1f kW", watts / 1e3);
    }

    /** Tokens per joule, two decimals. */
    public static String perJoule(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,.2f tok/J", v) : NONE;
    }

    /** Dollars, two decimals. */
    public static String usd(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "$%,.2f", v) : NONE;
    }

    /** A plain number with {@code decimals} decimals. */
    public static String number(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%,." + decimals + "f", v) : NONE;
    }
}
