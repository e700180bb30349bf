package org.tokenfab.hardware.cost;

/**
 * The two shapes every calibrated op model is built from. Pure functions, no state.
 *
 * <p>Why a p-norm instead of the roofline's {@code max}: measured kernels do not switch sharply
 * from one bound to the other. Near the ridge point both the tensor cores and the memory system
 * are partly busy and the kernel takes longer than either bound alone; a p-norm with a fitted
 * exponent (1 = the bounds add up, large = the plain maximum) follows that bend with one number.
 */
final class Curves {
    private Curves() {
    }

    /**
     * {@code (a^p + b^p + c^p)^(1/p)} for non-negative terms, computed on the largest term so no
     * power overflows; 0 when all are 0.
     */
    static double pNorm(double a, double b, double c, double p) {
        double max = Math.max(a, Math.max(b, c));
        if (max <= 0) {
            return 0;
        }
        if (p == 1.0) {
            return a + b + c;
        }
        double sum = Math.pow(a / max, p) + Math.pow(b / max, p) + Math.pow(c / max, p);
        return max * Math.pow(sum, 1.0 / p);
    }

    /**
     * {@code x / (x + half)}: 0 at x = 0, one half at x = half, approaching 1. The achieved
     * fraction of a unit's speed when the work it is given is {@code x} and {@code half} is the
     * work at which fixed costs (tile padding, pipeline fill, too few blocks for the SMs) halve it.
     */
    static double saturation(double x, double half) {
        return x / (x + half);
    }
}
