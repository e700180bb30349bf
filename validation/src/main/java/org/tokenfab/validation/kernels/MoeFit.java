package org.tokenfab.validation.kernels;

import static org.tokenfab.validation.kernels.LeastSquares.logit;
import static org.tokenfab.validation.kernels.LeastSquares.sigmoid;

import org.tokenfab.hardware.cost.CorrectionCurve;
import org.tokenfab.hardware.cost.MoeModel;
import org.tokenfab.hardware.cost.MoeParams;

/**
 * Fits {@link MoeParams} to one fused-MoE table. Unconstrained parameters: logit compute
 * efficiency, log tokens-per-expert and width half-points, logit memory efficiency, log
 * active-experts half-point, log floor, log of the two activation-traffic coefficients;
 * correction over the token count, 15 knots (1 .. 16384).
 */
final class MoeFit extends TableFit<Rows.Moe, MoeParams> {
    private final double peakFlops;
    private final double bandwidth;
    private final double weightBytes;

    MoeFit(double peakFlops, double bandwidth, double weightBytes) {
        this.peakFlops = peakFlops;
        this.bandwidth = bandwidth;
        this.weightBytes = weightBytes;
    }

    @Override
    int coreSize() {
        return 8;
    }

    @Override
    double[] coreStart() {
        return new double[] {logit(0.5), Math.log(16), Math.log(64), logit(0.7), Math.log(0.5), Math.log(30_000),
                Math.log(2), Math.log(2)};
    }

    @Override
    int knots() {
        return 15;
    }

    @Override
    MoeParams params(double[] t, double exponent, CorrectionCurve correction) {
        return new MoeParams(sigmoid(t[0]), Math.exp(t[1]), Math.exp(t[2]), sigmoid(t[3]), Math.exp(t[4]), Math.exp(t[5]),
                Math.exp(t[6]), Math.exp(t[7]), exponent, correction);
    }

    @Override
    double predict(MoeParams params, Rows.Moe r) {
        return new MoeModel(params, peakFlops, bandwidth, weightBytes).nanos(r.tokens(), r.hidden(), r.inter(), r.topK(),
                r.experts(), r.tp(), r.ep());
    }

    @Override
    double measured(Rows.Moe row) {
        return row.nanos();
    }
}
