package org.tokenfab.validation.kernels;

import java.util.Arrays;

/** Error statistics of a model against measurements. */
final class Stats {
    private Stats() {
    }

    /** Absolute percentage error of a prediction, %. */
    static double ape(double predicted, double measured) {
        return Math.abs(predicted / measured - 1) * 100;
    }

    /** The q-quantile (0..1) by linear interpolation between order statistics; NaN if empty. */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = q * (v.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, v.length - 1);
        return v[i] + (pos - i) * (v[j] - v[i]);
    }

    static double median(double[] values) {
        return quantile(values, 0.5);
    }

    static double p90(double[] values) {
        return quantile(values, 0.9);
    }
}
