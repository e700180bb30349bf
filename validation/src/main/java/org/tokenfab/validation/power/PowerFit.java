package org.tokenfab.validation.power;

import java.util.List;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Least-squares fit of the power model's busy coefficients to measured (activity, power) points:
 * <pre>
 *   minimise  Σ w_i² ((P(u_c,i, u_m,i) − P_i) / P_i)²,   P = min(TDP, idle + active + compute·u_c + memory·u_m)
 * </pre>
 * with idle and TDP from the catalog, every coefficient ≥ 0 (a projection after each
 * Levenberg–Marquardt step), and optionally the memory coefficient held fixed (when the data have
 * too few memory-bound points to identify it). Relative residuals, because power spans 130–1,200 W
 * and a 10% miss matters equally at both ends; weights let each op family count equally however
 * many rows it has.
 */
final class PowerFit {
    private static final double START_ACTIVE = 100;
    private static final double START_COMPUTE = 500;
    private static final double START_MEMORY = 200;

    private PowerFit() {
    }

    /** A point to fit: activities, measured power and weight. */
    record Point(double computeUtilisation, double memoryUtilisation, double measuredW, double weight) {
    }

    /** Fitted coefficients, W. */
    record Coefficients(double activeW, double computeW, double memoryW) {
        double watts(double idleW, double tdpW, double uc, double um) {
            return Math.min(tdpW, idleW + activeW + computeW * Math.min(uc, 1) + memoryW * Math.min(um, 1));
        }
    }

    /** Fits active, compute and memory power. */
    static Coefficients fit(List<Point> points, double idleW, double tdpW) {
        return fit(points, idleW, tdpW, Double.NaN);
    }

    /** Fits active and compute power, and memory power too unless {@code fixedMemoryW} is a number. */
    static Coefficients fit(List<Point> points, double idleW, double tdpW, double fixedMemoryW) {
        if (points.size() < 3) {
            throw new IllegalArgumentException("need at least 3 points to fit, got " + points.size());
        }
        boolean fitMemory = Double.isNaN(fixedMemoryW);
        int n = points.size();
        int k = fitMemory ? 3 : 2;
        MultivariateJacobianFunction model = parameters -> {
            double active = parameters.getEntry(0);
            double compute = parameters.getEntry(1);
            double memory = fitMemory ? parameters.getEntry(2) : fixedMemoryW;
            double[] value = new double[n];
            double[][] jacobian = new double[n][k];
            for (int i = 0; i < n; i++) {
                Point p = points.get(i);
                double uc = Math.min(p.computeUtilisation(), 1);
                double um = Math.min(p.memoryUtilisation(), 1);
                double raw = idleW + active + compute * uc + memory * um;
                double scale = p.weight() / p.measuredW();
                value[i] = Math.min(raw, tdpW) * scale;
                if (raw < tdpW) { // at the TDP clamp the prediction does not move with the coefficients
                    jacobian[i][0] = scale;
                    jacobian[i][1] = uc * scale;
                    if (fitMemory) {
                        jacobian[i][2] = um * scale;
                    }
                }
            }
            return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
        };
        double[] target = new double[n];
        for (int i = 0; i < n; i++) {
            target[i] = points.get(i).weight(); // measured / measured × weight
        }
        double[] start = fitMemory ? new double[] {START_ACTIVE, START_COMPUTE, START_MEMORY}
                : new double[] {START_ACTIVE, START_COMPUTE};
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .model(model)
                .target(target)
                .start(start)
                .parameterValidator(PowerFit::nonNegative)
                .maxEvaluations(10_000)
                .maxIterations(10_000)
                .build());
        RealVector x = optimum.getPoint();
        return new Coefficients(x.getEntry(0), x.getEntry(1), fitMemory ? x.getEntry(2) : fixedMemoryW);
    }

    private static RealVector nonNegative(RealVector v) {
        RealVector out = v.copy();
        for (int i = 0; i < out.getDimension(); i++) {
            out.setEntry(i, Math.max(0, out.getEntry(i)));
        }
        return out;
    }
}
