package org.tokenfab.validation.serving;

/**
 * One compared figure of one case: predicted against measured, and the bound it must meet (NaN
 * for figures that are reported only).
 *
 * @param caseName the case
 * @param point    which point of it (a static batch's shape, or "all requests")
 * @param metric   what is compared, with its unit
 * @param predicted TokenFab's figure
 * @param measured  the measured figure
 * @param bound     the largest allowed relative error (0.15 = 15%), NaN when none
 * @param inSample  whether the calibration saw this case's data
 */
public record CaseOutcome(String caseName, String point, String metric, double predicted, double measured, double bound,
        boolean inSample) {
    /** |predicted - measured| / measured, or the statistic itself for a KS distance (measured = 0). */
    public double error() {
        return measured == 0 ? predicted : Math.abs(predicted - measured) / measured;
    }

    public boolean bounded() {
        return !Double.isNaN(bound);
    }

    public boolean passed() {
        return !bounded() || error() <= bound;
    }
}
