package org.tokenfab.hardware.cost;

import java.util.Arrays;

/**
 * A multiplicative correction of a kernel's time as a function of one size, piecewise linear in
 * log-space over the powers of two {@code 2^0 .. 2^(n-1)} and flat beyond the last knot.
 *
 * <p>Why it exists: libraries pick a different kernel, tile shape or split for different sizes
 * (cuBLAS heuristics by m, Triton fused-MoE configs keyed by the token count, FlashAttention
 * splits by sequence length). The smooth roofline core cannot know those switches; a fitted
 * factor per power of two can, with one number per octave of the size, which is the resolution of
 * the measured grids. The fit keeps the factors near 1 (a ridge penalty), so the physical
 * parameters carry the trend and the curve only the steps.
 *
 * <p>The curve must be non-decreasing: the op models multiply it onto a time that never
 * decreases in the size, and a step with more work must never be faster (the simulator's
 * invariant, tested). A falling factor could undo that between two knots.
 *
 * @param logFactors natural log of the factor at {@code 2^i}; empty means no correction
 */
public record CorrectionCurve(double[] logFactors) {
    /** No correction (factor 1 everywhere). */
    public static final CorrectionCurve NONE = new CorrectionCurve(new double[0]);

    public CorrectionCurve {
        logFactors = logFactors.clone();
        for (int i = 0; i < logFactors.length; i++) {
            if (!Double.isFinite(logFactors[i])) {
                throw new IllegalArgumentException("correction factors must be finite, got " + Arrays.toString(logFactors));
            }
            if (i > 0 && logFactors[i] < logFactors[i - 1]) {
                throw new IllegalArgumentException("correction must be non-decreasing (more work is never faster), got "
                        + Arrays.toString(logFactors));
            }
        }
    }

    /** Knots, one per power of two starting at 1. */
    public int knots() {
        return logFactors.length;
    }

    /** The factor at {@code size} (sizes below 1 use the first knot). Allocation-free. */
    public double factor(double size) {
        int n = logFactors.length;
        if (n == 0) {
            return 1.0;
        }
        double u = size <= 1 ? 0 : Math.log(size) * INV_LN2;
        if (u >= n - 1) {
            return Math.exp(logFactors[n - 1]);
        }
        int i = (int) u;
        double f = u - i;
        return Math.exp(logFactors[i] * (1 - f) + logFactors[i + 1] * f);
    }

    @Override
    public double[] logFactors() {
        return logFactors.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CorrectionCurve c && Arrays.equals(logFactors, c.logFactors);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(logFactors);
    }

    @Override
    public String toString() {
        return "CorrectionCurve" + Arrays.toString(logFactors);
    }

    private static final double INV_LN2 = 1.0 / Math.log(2.0);
}
