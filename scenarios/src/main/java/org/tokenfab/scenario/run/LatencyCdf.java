package org.tokenfab.scenario.run;

import java.util.Arrays;

import org.tokenfab.sim.LatencyRecorder;

/**
 * A run's latency distribution as a cumulative curve: the latency, ms, at each of
 * {@link #PERCENTILES} (every percent, then 99.5, 99.9, 99.99). NaN throughout when no request
 * completed. The arrays are copies; treat them as read-only.
 *
 * @param requests how many latencies the curve is drawn from
 * @param ms       latency at each percentile, ms, non-decreasing
 */
public record LatencyCdf(long requests, double[] ms) {
    /** Percentiles at which the curve is taken, 0 to 100, ascending. */
    private static final double[] PERCENTILES;

    static {
        double[] ps = new double[104];
        for (int i = 0; i <= 100; i++) {
            ps[i] = i;
        }
        ps[101] = 99.5;
        ps[102] = 99.9;
        ps[103] = 99.99;
        Arrays.sort(ps);
        PERCENTILES = ps;
    }

    public LatencyCdf {
        ms = ms.clone();
    }

    /** The percentiles of {@link #ms()}, 0 to 100 (a copy). */
    public static double[] percentiles() {
        return PERCENTILES.clone();
    }

    /** Fraction of requests at or below each point of {@link #ms()}: the percentiles over 100. */
    public static double[] fractions() {
        double[] f = PERCENTILES.clone();
        for (int i = 0; i < f.length; i++) {
            f[i] /= 100;
        }
        return f;
    }

    static LatencyCdf of(LatencyRecorder r) {
        double[] x = new double[PERCENTILES.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.count() == 0 ? Double.NaN : r.percentile(PERCENTILES[i]) / 1e6;
        }
        return new LatencyCdf(r.count(), x);
    }
}
