package org.tokenfab.scenario.run;

import org.tokenfab.sim.LatencyRecorder;

/** A latency distribution in milliseconds; NaN figures when {@code count} is 0. */
public record LatencySummary(long count, double mean, double p50, double p90, double p95, double p99, double p999,
        double max) implements java.io.Serializable {

    static LatencySummary of(LatencyRecorder r) {
        if (r.count() == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(r.count(), ms(r.mean()), ms(r.percentile(50)), ms(r.percentile(90)),
                ms(r.percentile(95)), ms(r.percentile(99)), ms(r.percentile(99.9)), ms(r.max()));
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }
}
