package org.tokenfab.scenario.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small line charts as standalone SVG text, for the HTML report and for slides. Why hand-written:
 * the report must be one self-contained file that opens offline, and a few dozen lines of SVG
 * (axes with round-number ticks, polylines, a legend) need no plotting library.
 *
 * <p>NaN points break a line (no data in that interval); all text is XML-escaped.
 */
final class SvgChart {
    /** One line: its legend name and its points. */
    record Series(String name, double[] x, double[] y) {
        Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values, " + y.length + " y values");
            }
        }
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 320;
    private static final int LEFT = 70, RIGHT = 20, TOP = 34, BOTTOM = 48;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
            "#17becf"};

    private SvgChart() {
    }

    /** A line chart; the y axis starts at 0 unless values are negative. */
    static String line(String title, String xLabel, String yLabel, List<Series> series) {
        double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY, yMin = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                    xMin = Math.min(xMin, s.x()[i]);
                    xMax = Math.max(xMax, s.x()[i]);
                    yMin = Math.min(yMin, s.y()[i]);
                    yMax = Math.max(yMax, s.y()[i]);
                }
            }
        }
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">\n");
        svg.append("<title>").append(escape(title)).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">")
                .append(escape(title)).append("</text>\n");
        if (xMin > xMax) {
            svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\">no data</text>\n</svg>\n");
            return svg.toString();
        }
        double[] xt = ticks(xMin, xMax, 6);
        double[] yt = ticks(yMin, yMax, 5);
        Scale sx = new Scale(xt[0], xt[xt.length - 1], LEFT, WIDTH - RIGHT);
        Scale sy = new Scale(yt[0], yt[yt.length - 1], HEIGHT - BOTTOM, TOP);
        for (double t : yt) {
            double y = sy.map(t);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(f(y))
                    .append("\" y2=\"").append(f(y)).append("\" stroke=\"#ddd\"/>\n");
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(f(y + 4)).append("\" text-anchor=\"end\">")
                    .append(escape(label(t))).append("</text>\n");
        }
        for (double t : xt) {
            double x = sx.map(t);
            svg.append("<line x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(HEIGHT - BOTTOM)
                    .append("\" y2=\"").append(HEIGHT - BOTTOM + 5).append("\" stroke=\"#444\"/>\n");
            svg.append("<text x=\"").append(f(x)).append("\" y=\"").append(HEIGHT - BOTTOM + 18)
                    .append("\" text-anchor=\"middle\">").append(escape(label(t))).append("</text>\n");
        }
        svg.append("<path d=\"M").append(LEFT).append(' ').append(TOP).append("V").append(HEIGHT - BOTTOM).append("H")
                .append(WIDTH - RIGHT).append("\" fill=\"none\" stroke=\"#444\"/>\n");
        svg.append("<text x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(HEIGHT - 8)
                .append("\" text-anchor=\"middle\">").append(escape(xLabel)).append("</text>\n");
        svg.append("<text transform=\"translate(14 ").append((TOP + HEIGHT - BOTTOM) / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(escape(yLabel)).append("</text>\n");
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String colour = COLOURS[k % COLOURS.length];
            svg.append("<path class=\"series\" fill=\"none\" stroke-width=\"1.6\" stroke=\"").append(colour).append("\" d=\"");
            boolean pen = false;
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
                    pen = false;
                    continue;
                }
                svg.append(pen ? " L" : " M").append(f(sx.map(s.x()[i]))).append(' ').append(f(sy.map(s.y()[i])));
                pen = true;
            }
            svg.append("\"><title>").append(escape(s.name())).append("</title></path>\n");
            if (series.size() > 1) {
                int ly = TOP + 4 + 14 * k;
                svg.append("<rect x=\"").append(WIDTH - RIGHT - 150).append("\" y=\"").append(ly - 8)
                        .append("\" width=\"10\" height=\"10\" fill=\"").append(colour).append("\"/>");
                svg.append("<text x=\"").append(WIDTH - RIGHT - 136).append("\" y=\"").append(ly).append("\">")
                        .append(escape(s.name())).append("</text>\n");
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /**
     * Round-number ticks covering {@code [min, max]}: steps of 1, 2 or 5 times a power of ten, about
     * {@code target} of them, the first at or below {@code min} and the last at or above {@code max}.
     */
    static double[] ticks(double min, double max, int target) {
        if (!(max > min)) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= min == 0 ? 0 : pad;
            max += pad;
        }
        double raw = (max - min) / Math.max(1, target);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / magnitude < 1.5 ? magnitude : raw / magnitude < 3 ? 2 * magnitude
                : raw / magnitude < 7 ? 5 * magnitude : 10 * magnitude;
        long first = (long) Math.floor(min / step + 1e-9);
        long last = (long) Math.ceil(max / step - 1e-9);
        List<Double> ticks = new ArrayList<>();
        for (long i = first; i <= last; i++) {
            ticks.add(i * step);
        }
        return ticks.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A tick label: no trailing zeros, thousands as k, millions as M. */
    static String label(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return trim(String.format(Locale.ROOT, "%.2f", v / 1e6)) + "M";
        }
        if (a >= 1e4) {
            return trim(String.format(Locale.ROOT, "%.2f", v / 1e3)) + "k";
        }
        return trim(String.format(Locale.ROOT, "%.4f", v));
    }

    private static String trim(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        return s.equals("-0") ? "0" : s;
    }

    /** Text safe inside XML/HTML elements and attribute values. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Linear map from data to pixels. */
    record Scale(double from, double to, double pixelFrom, double pixelTo) {
        double map(double v) {
            return pixelFrom + (v - from) / (to - from) * (pixelTo - pixelFrom);
        }
    }
}
