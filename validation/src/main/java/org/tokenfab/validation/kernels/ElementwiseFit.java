package org.tokenfab.validation.kernels;

import static org.tokenfab.validation.kernels.LeastSquares.logit;
import static org.tokenfab.validation.kernels.LeastSquares.sigmoid;

import org.tokenfab.hardware.cost.CorrectionCurve;
import org.tokenfab.hardware.cost.ElementwiseParams;

/**
 * Fits {@link ElementwiseParams} (floor and bandwidth efficiency) to Vidur's H100 RMSNorm,
 * residual-add, rotary and activation timings. Unconstrained parameters: log floor, logit
 * efficiency.
 */
final class ElementwiseFit extends TableFit<Rows.VidurOp, ElementwiseParams> {
    private final double bandwidth;

    ElementwiseFit(double bandwidth) {
        this.bandwidth = bandwidth;
    }

    @Override
    int coreSize() {
        return 2;
    }

    @Override
    double[] coreStart() {
        return new double[] {Math.log(5_000), logit(0.7)};
    }

    @Override
    int knots() {
        return 0;
    }

    @Override
    double[] exponentsToTry() {
        return new double[] {1.0};
    }

    @Override
    ElementwiseParams params(double[] t, double exponent, CorrectionCurve correction) {
        return new ElementwiseParams(Math.exp(t[0]), sigmoid(t[1]));
    }

    @Override
    double predict(ElementwiseParams params, Rows.VidurOp row) {
        return params.nanos(VidurShapes.bytes(row), bandwidth);
    }

    @Override
    double measured(Rows.VidurOp row) {
        return row.nanos();
    }
}
