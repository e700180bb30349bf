package org.tokenfab.validation.kernels;

import java.util.function.Function;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Levenberg-Marquardt least squares (Commons Math 3) on unconstrained parameters, with a
 * forward-difference Jacobian and a robust residual transform.
 *
 * <p>Why robust: a few measured rows are far off any smooth model (kernel-configuration cliffs,
 * a GPU clocking down during a long GEMM, degenerate shapes nobody deploys such as an expert
 * width of 24). With plain squares they drag the parameters away from the bulk; the soft-L1
 * transform ({@code rho(r) = 2 f^2 (sqrt(1 + (r/f)^2) - 1)}, quadratic below the scale
 * {@code f}, linear above) lets the bulk decide. Residuals are in log space (relative error), so
 * {@code f = 0.2} means "about 20%".
 *
 * <p>Deterministic: same inputs, same result.
 */
final class LeastSquares {
    /** Scale of the soft-L1 transform in log-residual units. */
    static final double ROBUST_SCALE = 0.2;

    private LeastSquares() {
    }

    /** Result of a fit: the parameters and half the sum of squared (transformed) residuals. */
    record Result(double[] theta, double cost, int iterations) {
    }

    /**
     * Minimises the sum of squares of {@code residuals(theta)}.
     *
     * @param residuals residual vector for a parameter vector; must not keep the array it returns
     * @param theta0 start
     * @param maxIterations iteration cap
     */
    static Result minimise(Function<double[], double[]> residuals, double[] theta0, int maxIterations) {
        int n = theta0.length;
        MultivariateJacobianFunction model = point -> {
            double[] theta = point.toArray();
            double[] r0 = residuals.apply(theta);
            double[][] jac = new double[r0.length][n];
            for (int j = 0; j < n; j++) {
                double h = 1e-6 * Math.max(1.0, Math.abs(theta[j]));
                double saved = theta[j];
                theta[j] = saved + h;
                double[] r1 = residuals.apply(theta);
                theta[j] = saved;
                for (int i = 0; i < r0.length; i++) {
                    jac[i][j] = (r1[i] - r0[i]) / h;
                }
            }
            RealVector value = new ArrayRealVector(r0, false);
            RealMatrix jacobian = new Array2DRowRealMatrix(jac, false);
            return new Pair<>(value, jacobian);
        };
        int m = residuals.apply(theta0.clone()).length;
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(1e-9)
                .withParameterRelativeTolerance(1e-9)
                .optimize(new LeastSquaresBuilder()
                        .model(model)
                        .target(new double[m])
                        .start(theta0.clone())
                        .maxEvaluations(maxIterations * 4)
                        .maxIterations(maxIterations)
                        .lazyEvaluation(false)
                        .build());
        double[] theta = optimum.getPoint().toArray();
        double[] r = residuals.apply(theta.clone());
        double cost = 0;
        for (double v : r) {
            cost += v * v;
        }
        return new Result(theta, cost / 2, optimum.getIterations());
    }

    /**
     * As {@link #minimise}, but returns the start unchanged if the optimiser gives up (too many
     * evaluations on a flat or noisy surface), so a multi-start search can continue.
     */
    static Result tryMinimise(Function<double[], double[]> residuals, double[] theta0, int maxIterations) {
        try {
            return minimise(residuals, theta0, maxIterations);
        } catch (org.apache.commons.math3.exception.TooManyEvaluationsException
                | org.apache.commons.math3.exception.TooManyIterationsException
                | org.apache.commons.math3.linear.SingularMatrixException e) {
            double[] r = residuals.apply(theta0.clone());
            double cost = 0;
            for (double v : r) {
                cost += v * v;
            }
            return new Result(theta0.clone(), cost / 2, maxIterations);
        }
    }

    /** Soft-L1 transform of a log residual, so that its square is the robust loss. */
    static double robust(double r) {
        double f = ROBUST_SCALE;
        double z = r / f;
        return Math.copySign(f * Math.sqrt(2.0 * (Math.sqrt(1.0 + z * z) - 1.0)), r);
    }

    /** Logistic function, for parameters in (0, 1). */
    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /** Inverse of {@link #sigmoid}. */
    static double logit(double p) {
        return Math.log(p / (1.0 - p));
    }

    /** log(1 + e^x), overflow-safe: the non-negative steps of a monotone curve. */
    static double softplus(double x) {
        return x > 30 ? x : Math.log1p(Math.exp(x));
    }

    /** Inverse of {@link #softplus} for y > 0. */
    static double softplusInverse(double y) {
        return y > 30 ? y : Math.log(Math.expm1(Math.max(y, 1e-12)));
    }
}
