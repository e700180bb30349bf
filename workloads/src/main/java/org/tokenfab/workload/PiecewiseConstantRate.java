package org.tokenfab.workload;

import java.util.Arrays;
import java.util.Locale;

/**
 * A step schedule: multiplier {@code multipliers[i]} from {@code startNanos[i]} until the next
 * step; the last step lasts forever. Λ and its inverse are exact (linear within a step, up to
 * double rounding: below 1 ns for runs shorter than about 100 days). Steps of multiplier 0 are
 * allowed (no arrivals there); the last one must be positive or arrivals stop for good.
 *
 * <p>Immutable; lookups are a binary search and allocate nothing.
 */
public final class PiecewiseConstantRate implements RateSchedule {
    private final long[] starts;
    private final double[] multipliers;
    private final double[] cumulative; // Λ at each step's start

    /**
     * @param startNanos step start times, the first 0, strictly increasing
     * @param multipliers one multiplier per step, finite and &ge; 0
     */
    public PiecewiseConstantRate(long[] startNanos, double[] multipliers) {
        if (startNanos.length == 0 || startNanos.length != multipliers.length) {
            throw new IllegalArgumentException("need as many step starts as multipliers, at least one, got "
                    + startNanos.length + " and " + multipliers.length);
        }
        if (startNanos[0] != 0) {
            throw new IllegalArgumentException("the first step must start at 0, got " + startNanos[0]);
        }
        for (int i = 0; i < multipliers.length; i++) {
            if (!(multipliers[i] >= 0) || Double.isInfinite(multipliers[i])) {
                throw new IllegalArgumentException("multipliers must be finite and >= 0, got " + multipliers[i] + " at step " + i);
            }
            if (i > 0 && startNanos[i] <= startNanos[i - 1]) {
                throw new IllegalArgumentException("step starts must increase strictly, got " + startNanos[i - 1] + " then " + startNanos[i]);
            }
        }
        this.starts = startNanos.clone();
        this.multipliers = multipliers.clone();
        this.cumulative = new double[starts.length];
        for (int i = 1; i < starts.length; i++) {
            cumulative[i] = cumulative[i - 1] + this.multipliers[i - 1] * (double) (starts[i] - starts[i - 1]);
        }
    }

    /** Steps given in seconds (each start rounded to the nearest ns). */
    public static PiecewiseConstantRate ofSeconds(double[] startSeconds, double[] multipliers) {
        long[] starts = new long[startSeconds.length];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = Math.round(startSeconds[i] * 1e9);
        }
        return new PiecewiseConstantRate(starts, multipliers);
    }

    private int stepAt(long nanos) {
        int i = Arrays.binarySearch(starts, nanos);
        return i >= 0 ? i : -i - 2;
    }

    @Override
    public double multiplier(long nanos) {
        return nanos < 0 ? multipliers[0] : multipliers[stepAt(nanos)];
    }

    @Override
    public double operationalTime(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        int i = stepAt(nanos);
        return cumulative[i] + multipliers[i] * (double) (nanos - starts[i]);
    }

    @Override
    public long realTime(double operationalNanos) {
        if (!(operationalNanos > 0)) {
            return 0;
        }
        // The last step whose start has Λ < target (cumulative is non-decreasing, with ties at
        // steps of multiplier 0): cumulative[i] < target <= cumulative[i + 1], so the target lies
        // in step i, whose multiplier is > 0 unless it is the last step.
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (cumulative[mid] < operationalNanos) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int i = lo;
        if (multipliers[i] == 0) {
            return Long.MAX_VALUE; // only possible on the last step
        }
        double t = starts[i] + (operationalNanos - cumulative[i]) / multipliers[i];
        return t >= 0x1p63 ? Long.MAX_VALUE : Math.round(t);
    }

    /** Time average of the multiplier over [0, {@code nanos}]. */
    public double meanMultiplier(long nanos) {
        return operationalTime(nanos) / nanos;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("piecewise(");
        for (int i = 0; i < starts.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%ss: x%s", starts[i] / 1e9, multipliers[i]));
        }
        return b.append(')').toString();
    }
}
