package org.tokenfab.validation.kernels;

import static org.tokenfab.validation.kernels.LeastSquares.logit;
import static org.tokenfab.validation.kernels.LeastSquares.sigmoid;

import org.tokenfab.hardware.Precision;
import org.tokenfab.hardware.cost.AttentionShape;
import org.tokenfab.hardware.cost.CorrectionCurve;
import org.tokenfab.hardware.cost.PrefillAttentionModel;
import org.tokenfab.hardware.cost.PrefillAttentionParams;

/**
 * Fits {@link PrefillAttentionParams} to one context-attention table. Unconstrained parameters:
 * logit of the efficiency, logit of half the FP8-KV efficiency (it may reach 2x the BF16 peak),
 * log length and parallel half-points, logit memory efficiency, log floor and per-(sequence, KV
 * head) cost; correction over the effective length, 15 knots (1 .. 16384). A table without FP8-KV
 * rows ties the FP8-KV efficiency to the BF16 one.
 */
final class PrefillFit extends TableFit<Rows.Attention, PrefillAttentionParams> {
    private final double peakFlops;
    private final double bandwidth;
    private final boolean hasFp8;

    PrefillFit(double peakFlops, double bandwidth, boolean hasFp8) {
        this.peakFlops = peakFlops;
        this.bandwidth = bandwidth;
        this.hasFp8 = hasFp8;
    }

    @Override
    int coreSize() {
        return 7;
    }

    @Override
    double[] coreStart() {
        return new double[] {logit(0.6), logit(0.3), Math.log(1000), Math.log(100), logit(0.7), Math.log(10_000), Math.log(20)};
    }

    @Override
    int knots() {
        return 15;
    }

    @Override
    PrefillAttentionParams params(double[] t, double exponent, CorrectionCurve correction) {
        double ec = sigmoid(t[0]);
        double ec8 = hasFp8 ? 2 * sigmoid(t[1]) : ec;
        return new PrefillAttentionParams(ec, ec8, Math.exp(t[2]), Math.exp(t[3]), sigmoid(t[4]), Math.exp(t[5]),
                Math.exp(t[6]), exponent, correction);
    }

    @Override
    double predict(PrefillAttentionParams params, Rows.Attention r) {
        AttentionShape shape = AttentionShape.gqa(r.heads(), r.kvHeads(), r.headDim(), r.fp8Kv() ? Precision.FP8 : Precision.BF16);
        return new PrefillAttentionModel(params, peakFlops, bandwidth).nanos(r.batch(), r.batch() * r.isl(), r.pairs(), 0,
                shape);
    }

    @Override
    double measured(Rows.Attention row) {
        return row.nanos();
    }
}
