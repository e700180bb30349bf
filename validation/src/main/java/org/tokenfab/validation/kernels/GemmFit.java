package org.tokenfab.validation.kernels;

import static org.tokenfab.validation.kernels.LeastSquares.logit;
import static org.tokenfab.validation.kernels.LeastSquares.sigmoid;

import org.tokenfab.hardware.cost.CorrectionCurve;
import org.tokenfab.hardware.cost.GemmModel;
import org.tokenfab.hardware.cost.GemmParams;

/**
 * Fits {@link GemmParams} to one GEMM table. Unconstrained parameters: logit of the compute
 * efficiency, logit of m_half / {@value #MAX_M_HALF}, log of the n and k half-points, logit of the
 * memory efficiency, log of the floor (ns); correction over m, 16 knots (m = 1 .. 32768).
 *
 * <p>Why m_half is capped: left free, the fit of some FP8 tables explains small-m (decode) time by
 * a compute term with a half-point near 800 rows, which fits the times as well but would tell a
 * power model that decode GEMMs keep the tensor cores busy. The cap is the tallest tile the
 * measured kernels use (256 rows), so a GEMV's time goes to memory traffic and the floor; it costs
 * under one percentage point of median error on the FP8 tables.
 */
final class GemmFit extends TableFit<Rows.Gemm, GemmParams> {
    /** Largest m_half allowed, rows. */
    static final double MAX_M_HALF = 256;

    private final double peakFlops;
    private final double bandwidth;
    private final double weightBytes;

    /**
     * @param peakFlops reference dense peak of the table's precision, FLOP/s
     * @param bandwidth reference memory bandwidth, bytes/s
     * @param weightBytes bytes per weight element
     */
    GemmFit(double peakFlops, double bandwidth, double weightBytes) {
        this.peakFlops = peakFlops;
        this.bandwidth = bandwidth;
        this.weightBytes = weightBytes;
    }

    @Override
    int coreSize() {
        return 6;
    }

    @Override
    double[] coreStart() {
        return new double[] {logit(0.7), logit(32 / MAX_M_HALF), Math.log(256), Math.log(256), logit(0.7), Math.log(10_000)};
    }

    @Override
    int knots() {
        return 16;
    }

    @Override
    GemmParams params(double[] t, double exponent, CorrectionCurve correction) {
        return new GemmParams(sigmoid(t[0]), MAX_M_HALF * sigmoid(t[1]), Math.exp(t[2]), Math.exp(t[3]), sigmoid(t[4]),
                Math.exp(t[5]), exponent, correction);
    }

    @Override
    double predict(GemmParams params, Rows.Gemm row) {
        return new GemmModel(params, peakFlops, bandwidth, weightBytes).nanos(row.m(), row.n(), row.k());
    }

    @Override
    double measured(Rows.Gemm row) {
        return row.nanos();
    }
}
