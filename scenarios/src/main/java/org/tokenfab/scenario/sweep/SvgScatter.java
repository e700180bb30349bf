package org.tokenfab.scenario.sweep;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A self-contained SVG scatter plot (no scripts, no external fonts or styles) of one Pareto view:
 * every point in grey with its index, the frontier in red and joined by a line, labelled axes with
 * rounded ticks. Small on purpose: it is for a glance and a slide; the CSV is for analysis.
 */
final class SvgScatter {
    private static final int W = 720;
    private static final int H = 480;
    private static final int LEFT = 80;
    private static final int RIGHT = 24;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private SvgScatter() {
    }

    /**
     * @param frontier indices of the frontier points, in increasing x
     */
    static String render(String title, String xLabel, String yLabel, double[] x, double[] y, List<Integer> frontier) {
        double[] xr = range(x);
        double[] yr = range(y);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">%s</text>%n", W / 2, escape(title)));
        int x0 = LEFT;
        int x1 = W - RIGHT;
        int y0 = H - BOTTOM;
        int y1 = TOP;
        b.append(String.format(Locale.ROOT, "<path d=\"M%d %d H%d M%d %d V%d\" stroke=\"black\" fill=\"none\"/>%n", x0, y0, x1, x0, y0, y1));
        for (double t : ticks(xr)) {
            double px = sx(t, xr);
            b.append(String.format(Locale.ROOT, "<path d=\"M%.1f %d v5\" stroke=\"black\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    px, y0, px, y0 + 18, label(t)));
        }
        for (double t : ticks(yr)) {
            double py = sy(t, yr);
            b.append(String.format(Locale.ROOT, "<path d=\"M%d %.1f h-5\" stroke=\"black\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    x0, py, x0 - 8, py + 4, label(t)));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", (x0 + x1) / 2, H - 18, escape(xLabel)));
        b.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 18 %d)\">%s</text>%n",
                (y0 + y1) / 2, (y0 + y1) / 2, escape(yLabel)));
        Set<Integer> onFrontier = new HashSet<>(frontier);
        if (frontier.size() > 1) {
            b.append("<polyline fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.5\" points=\"");
            for (int i : frontier) {
                b.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx(x[i], xr), sy(y[i], yr)));
            }
            b.append("\"/>\n");
        }
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i]) || Double.isNaN(y[i]) || Double.isInfinite(x[i]) || Double.isInfinite(y[i])) {
                continue;
            }
            boolean f = onFrontier.contains(i);
            double px = sx(x[i], xr);
            double py = sy(y[i], yr);
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"><title>point %d: %s, %s</title></circle>"
                    + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"%s\">%d</text>%n",
                    px, py, f ? 5 : 3, f ? "#d62728" : "#999999", i, label(x[i]), label(y[i]), px + 6, py - 6,
                    f ? "#d62728" : "#777777", i));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\" fill=\"#d62728\">red: Pareto frontier (numbers are point indices)</text>%n",
                x1, TOP - 4));
        return b.append("</svg>\n").toString();
    }

    private static double sx(double v, double[] r) {
        return LEFT + (v - r[0]) / (r[1] - r[0]) * (W - RIGHT - LEFT);
    }

    private static double sy(double v, double[] r) {
        return H - BOTTOM - (v - r[0]) / (r[1] - r[0]) * (H - BOTTOM - TOP);
    }

    /** Finite min and max, widened to nice tick bounds; [0, 1] without data. */
    private static double[] range(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        if (lo == hi) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = step(lo, hi);
        return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step};
    }

    /** A 1, 2 or 5 times a power of ten giving about five ticks. */
    private static double step(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / mag;
        return (n < 1.5 ? 1 : n < 3.5 ? 2 : n < 7.5 ? 5 : 10) * mag;
    }

    private static double[] ticks(double[] r) {
        double step = step(r[0], r[1]);
        int n = (int) Math.round((r[1] - r[0]) / step);
        double[] t = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            t[i] = r[0] + i * step;
        }
        return t;
    }

    private static String label(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e6 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        if (a == 0) {
            return "0";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
