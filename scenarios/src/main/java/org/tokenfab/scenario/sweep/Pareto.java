package org.tokenfab.scenario.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Non-dominated points of two metrics: the configurations worth looking at, since every other one
 * is beaten on both axes by one of them. A point dominates another when it is at least as good on
 * both metrics and strictly better on one; equal points do not dominate each other, so ties stay.
 */
public final class Pareto {
    private Pareto() {
    }

    /**
     * One view: two metrics ({@link SweepMetrics#COLUMNS}) and whether more is better for each.
     *
     * @param name  names the output files ({@code pareto-NAME.svg})
     * @param title what the view answers, for people
     */
    public record View(String name, String title, String x, boolean maximizeX, String y, boolean maximizeY) {
    }

    /** The three views of a sweep: throughput against interactivity, cost against TTFT, energy against TPOT. */
    public static final List<View> VIEWS = List.of(
            new View("throughput-interactivity", "output tok/s per accelerator vs tok/s per user (both: more is better)",
                    "output_tokens_per_s_per_accelerator", true, "tokens_per_s_per_user", true),
            new View("cost-ttft", "$ per million output tokens vs p99 TTFT (both: less is better)",
                    "usd_per_million_output_tokens", false, "ttft_p99_ms", false),
            new View("energy-tpot", "output tokens per facility joule (more) vs p99 TPOT (less)",
                    "output_tokens_per_facility_joule", true, "tpot_p99_ms", false));

    /**
     * Indices of the non-dominated points among {@code x[i], y[i]} (points with a NaN are left out),
     * in increasing order of x, then y. O(n log n): sort by x best first (then y best first) and
     * keep each point whose y beats every y before it, or equals the best at the same x.
     */
    public static List<Integer> frontier(double[] x, double[] y, boolean maximizeX, boolean maximizeY) {
        double sx = maximizeX ? 1 : -1;
        double sy = maximizeY ? 1 : -1;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                order.add(i);
            }
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -sx * x[i]).thenComparingDouble(i -> -sy * y[i])
                .thenComparingInt(i -> i));
        List<Integer> kept = new ArrayList<>();
        double bestY = Double.NEGATIVE_INFINITY; // best oriented y among points with strictly better x
        int k = 0;
        while (k < order.size()) {
            // a group of equal x: its best y (the first) survives if it beats bestY; its equals too
            int first = order.get(k);
            double gx = x[first];
            double gy = sy * y[first];
            int end = k;
            while (end < order.size() && x[order.get(end)] == gx) {
                end++;
            }
            if (gy > bestY) {
                for (int j = k; j < end && sy * y[order.get(j)] == gy; j++) {
                    kept.add(order.get(j));
                }
                bestY = gy;
            }
            k = end;
        }
        kept.sort(Comparator.<Integer>comparingDouble(i -> x[i]).thenComparingDouble(i -> y[i]).thenComparingInt(i -> i));
        return kept;
    }
}
