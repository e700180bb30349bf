package org.tokenfab.hardware.cost;

/** Range checks shared by the parameter records, with messages naming the YAML field. */
final class Params {
    private Params() {
    }

    static void fraction(String field, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(field + " must be in (0, 1], got " + v);
        }
    }

    static void positive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " must be a positive finite number, got " + v);
        }
    }

    static void nonNegative(String field, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " must be a finite number >= 0, got " + v);
        }
    }

    static void exponent(double p) {
        if (!(p >= 1) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("exponent must be a finite number >= 1, got " + p);
        }
    }
}
