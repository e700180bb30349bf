package org.tokenfab.workload;

/**
 * The inverse CDF of a token-length distribution: {@code quantile(U)} with U uniform on [0, 1]
 * has the same law as the distribution's {@code sample()}, including its truncation, rounding and
 * floor at 1. Copulas ({@link CorrelatedLengths}) use it to map a correlated uniform to a length.
 *
 * <p>Implemented by {@link FixedLength}, {@link UniformLength}, {@link LognormalLength} and
 * {@link EmpiricalLength}. {@link ZipfLength} does not implement it (its sampler is a rejection
 * method with no closed-form inverse), so Zipf marginals cannot be correlated.
 */
@FunctionalInterface
public interface QuantileFunction {
    /**
     * The smallest length whose CDF reaches {@code p}: at least 1 token. Allocates nothing.
     *
     * @param p a probability in [0, 1]
     * @throws IllegalArgumentException if p is outside [0, 1] or NaN
     */
    int quantile(double p);

    /** Checks that {@code p} is a probability; shared by the implementations. */
    static double checkProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], got " + p);
        }
        return p;
    }
}
