package org.tokenfab.validation.power;

import java.util.Arrays;

/**
 * Absolute percentage errors of predictions against measurements, summarised.
 *
 * @param n number of cases
 * @param mape mean absolute percentage error, as a fraction (0.1 = 10%)
 * @param median median absolute percentage error, fraction
 * @param p90 90th percentile (nearest rank) of the absolute percentage error, fraction
 * @param max largest absolute percentage error, fraction
 * @param bias mean signed error (predicted − measured) / measured, fraction
 */
public record ErrorStats(int n, double mape, double median, double p90, double max, double bias) {

    /** Summarises {@code predicted[i]} against {@code measured[i]}. */
    public static ErrorStats of(double[] predicted, double[] measured) {
        if (predicted.length != measured.length) {
            throw new IllegalArgumentException("predicted and measured differ in length");
        }
        int n = predicted.length;
        if (n == 0) {
            return new ErrorStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] ape = new double[n];
        double sum = 0;
        double signed = 0;
        for (int i = 0; i < n; i++) {
            double e = (predicted[i] - measured[i]) / measured[i];
            ape[i] = Math.abs(e);
            sum += ape[i];
            signed += e;
        }
        Arrays.sort(ape);
        double median = n % 2 == 1 ? ape[n / 2] : 0.5 * (ape[n / 2 - 1] + ape[n / 2]);
        double p90 = ape[(int) Math.ceil(0.9 * n) - 1];
        return new ErrorStats(n, sum / n, median, p90, ape[n - 1], signed / n);
    }
}
