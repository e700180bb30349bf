package org.tokenfab.validation.kernels;

import java.util.List;
import org.tokenfab.hardware.cost.CorrectionCurve;

/**
 * Fits one op model to one measured table in two stages, the same way for every family:
 * <ol>
 *   <li>the physical core (efficiencies, half-points, floor) by robust least squares on log
 *       residuals, once for each p-norm exponent in {@link #EXPONENTS}, keeping the best;
 *   <li>then a non-decreasing correction curve over the family's size variable (one knot per
 *       power of two) together with the core, with a ridge penalty that keeps the curve near 1 so
 *       the core carries the trend.
 * </ol>
 * For cross-validation, {@link #refit} repeats stage 2 from a previous result with its exponent
 * (a warm start: much faster, and it tests the model, not the multi-start search).
 *
 * @param <R> row type
 * @param <P> parameter record (from {@code org.tokenfab.hardware.cost})
 */
abstract class TableFit<R, P> {
    /** p-norm exponents tried in stage 1. */
    static final double[] EXPONENTS = {1.0, 1.5, 2.0, 3.0, 5.0};
    /** Weight of the ridge penalty on the correction's log factors. */
    static final double RIDGE = 0.3;
    static final int MAX_ITERATIONS = 400;

    /** Result: parameters, the unconstrained vector they came from, and the exponent. */
    record Result<P>(P params, double[] theta, double exponent) {
    }

    /** Number of core parameters in the unconstrained vector. */
    abstract int coreSize();

    /** Start of the core parameters. */
    abstract double[] coreStart();

    /** Correction knots (0 for none). */
    abstract int knots();

    /** The parameter record for an unconstrained vector (core + correction), exponent and curve. */
    abstract P params(double[] core, double exponent, CorrectionCurve correction);

    /** Predicted time of one row, ns. */
    abstract double predict(P params, R row);

    /** Measured time of one row, ns. */
    abstract double measured(R row);

    Result<P> fit(List<R> rows) {
        LeastSquares.Result best = null;
        double bestP = EXPONENTS[0];
        for (double p : exponentsToTry()) {
            LeastSquares.Result r = LeastSquares.tryMinimise(theta -> residuals(rows, theta, p, false), coreStart(),
                    MAX_ITERATIONS);
            if (best == null || r.cost() < best.cost()) {
                best = r;
                bestP = p;
            }
        }
        if (knots() == 0) {
            return result(best.theta(), bestP, false);
        }
        double[] start = new double[coreSize() + knots()];
        System.arraycopy(best.theta(), 0, start, 0, coreSize());
        start[coreSize()] = 0;
        for (int i = 1; i < knots(); i++) {
            start[coreSize() + i] = LeastSquares.softplusInverse(1e-3);
        }
        double p = bestP;
        LeastSquares.Result full = LeastSquares.tryMinimise(theta -> residuals(rows, theta, p, true), start, MAX_ITERATIONS);
        return result(full.theta(), p, true);
    }

    /** Stage 2 only, from {@code warm}'s parameters and exponent. */
    Result<P> refit(List<R> rows, Result<P> warm) {
        boolean corrected = knots() > 0;
        LeastSquares.Result r = LeastSquares.tryMinimise(theta -> residuals(rows, theta, warm.exponent(), corrected),
                warm.theta(), MAX_ITERATIONS);
        return result(r.theta(), warm.exponent(), corrected);
    }

    /** Exponents stage 1 tries; families with a fitted exponent override this. */
    double[] exponentsToTry() {
        return EXPONENTS;
    }

    private Result<P> result(double[] theta, double p, boolean corrected) {
        return new Result<>(build(theta, p, corrected), theta.clone(), p);
    }

    private P build(double[] theta, double p, boolean corrected) {
        double[] core = new double[coreSize()];
        System.arraycopy(theta, 0, core, 0, coreSize());
        CorrectionCurve c = corrected ? curve(theta) : CorrectionCurve.NONE;
        return params(core, p, c);
    }

    private CorrectionCurve curve(double[] theta) {
        double[] phi = new double[knots()];
        double v = theta[coreSize()];
        phi[0] = v;
        for (int i = 1; i < phi.length; i++) {
            v += LeastSquares.softplus(theta[coreSize() + i]);
            phi[i] = v;
        }
        return new CorrectionCurve(phi);
    }

    private double[] residuals(List<R> rows, double[] theta, double p, boolean corrected) {
        P params;
        try {
            params = build(theta, p, corrected);
        } catch (IllegalArgumentException e) {
            // A trial step outside the parameter records' ranges: a large, smooth penalty.
            double[] r = new double[rows.size() + (corrected ? knots() : 0)];
            java.util.Arrays.fill(r, 10.0);
            return r;
        }
        int n = rows.size();
        double[] r = new double[n + (corrected ? knots() : 0)];
        for (int i = 0; i < n; i++) {
            R row = rows.get(i);
            double pred = predict(params, row);
            double e = Math.log(Math.max(pred, 1e-3) / measured(row));
            r[i] = LeastSquares.robust(Double.isFinite(e) ? e : 10.0);
        }
        if (corrected) {
            double[] phi = curve(theta).logFactors();
            for (int k = 0; k < phi.length; k++) {
                r[n + k] = RIDGE * phi[k];
            }
        }
        return r;
    }
}
