package org.tokenfab.validation;

/**
 * One accuracy bound of a validation suite and whether it held.
 *
 * @param what what is bounded, e.g. "GEMM on h100-sxm, held-out median APE"
 * @param value the measured figure
 * @param bound the limit (the figure must not exceed it)
 */
public record BoundCheck(String what, double value, double bound) implements java.io.Serializable {
    public boolean passed() {
        return value <= bound;
    }
}
