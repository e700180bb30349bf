package org.tokenfab.validation.serving;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.ToDoubleFunction;

/**
 * The Nelder–Mead simplex minimiser (standard coefficients: reflection 1, expansion 2, contraction
 * 1/2, shrink 1/2), for a few parameters and an objective that is a whole simulation run, so it is
 * bounded by evaluations rather than by tolerance. Deterministic: same start, same path.
 */
final class NelderMead {
    private NelderMead() {
    }

    /**
     * The best point found from {@code start}, with an initial simplex of {@code step[i]} along each
     * axis, after at most {@code maxEvaluations} calls of {@code f}.
     */
    static double[] minimise(ToDoubleFunction<double[]> f, double[] start, double[] step, int maxEvaluations) {
        int n = start.length;
        double[][] x = new double[n + 1][];
        double[] fx = new double[n + 1];
        x[0] = start.clone();
        fx[0] = f.applyAsDouble(x[0]);
        int evaluations = 1;
        for (int i = 0; i < n; i++) {
            x[i + 1] = start.clone();
            x[i + 1][i] += step[i];
            fx[i + 1] = f.applyAsDouble(x[i + 1]);
            evaluations++;
        }
        Integer[] order = new Integer[n + 1];
        while (evaluations < maxEvaluations) {
            for (int i = 0; i <= n; i++) {
                order[i] = i;
            }
            double[] values = fx;
            Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
            double[][] xs = new double[n + 1][];
            double[] fs = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                xs[i] = x[order[i]];
                fs[i] = fx[order[i]];
            }
            x = xs;
            fx = fs;
            double[] centroid = new double[n];
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < n; d++) {
                    centroid[d] += x[i][d] / n;
                }
            }
            double[] reflected = along(centroid, x[n], -1);
            double fr = f.applyAsDouble(reflected);
            evaluations++;
            if (fr < fx[0]) {
                double[] expanded = along(centroid, x[n], -2);
                double fe = f.applyAsDouble(expanded);
                evaluations++;
                replaceWorst(x, fx, fe < fr ? expanded : reflected, Math.min(fe, fr));
            } else if (fr < fx[n - 1]) {
                replaceWorst(x, fx, reflected, fr);
            } else {
                double[] contracted = fr < fx[n] ? along(centroid, x[n], -0.5) : along(centroid, x[n], 0.5);
                double fc = f.applyAsDouble(contracted);
                evaluations++;
                if (fc < Math.min(fr, fx[n])) {
                    replaceWorst(x, fx, contracted, fc);
                } else {
                    for (int i = 1; i <= n && evaluations < maxEvaluations; i++) {
                        x[i] = along(x[0], x[i], 0.5);
                        fx[i] = f.applyAsDouble(x[i]);
                        evaluations++;
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i <= n; i++) {
            if (fx[i] < fx[best]) {
                best = i;
            }
        }
        return x[best];
    }

    /** {@code from + t (to - from)}. */
    private static double[] along(double[] from, double[] to, double t) {
        double[] p = new double[from.length];
        for (int d = 0; d < p.length; d++) {
            p[d] = from[d] + t * (to[d] - from[d]);
        }
        return p;
    }

    private static void replaceWorst(double[][] x, double[] fx, double[] point, double value) {
        x[x.length - 1] = point;
        fx[fx.length - 1] = value;
    }
}
