package org.tokenfab.validation.kernels;

import static org.tokenfab.validation.kernels.LeastSquares.logit;
import static org.tokenfab.validation.kernels.LeastSquares.sigmoid;

import org.tokenfab.hardware.Precision;
import org.tokenfab.hardware.cost.AttentionShape;
import org.tokenfab.hardware.cost.CorrectionCurve;
import org.tokenfab.hardware.cost.DecodeAttentionModel;
import org.tokenfab.hardware.cost.DecodeAttentionParams;

/**
 * Fits {@link DecodeAttentionParams} to one generation-attention table. Unconstrained
 * parameters: logit of the 16-bit and FP8-KV memory efficiencies, log GQA and MHA floors, log
 * per-(sequence, KV head) cost, log GQA and MHA per-stream bandwidths (GB/s); correction over the
 * batch's total context, 29 knots (1 .. 2^28 tokens). Every measured batch is uniform, so the
 * longest context is each row's {@code step + 1}. The compute term uses the prefill fit's
 * efficiency of the same accelerator and engine.
 */
final class DecodeFit extends TableFit<Rows.Attention, DecodeAttentionParams> {
    private final double peakFlops;
    private final double bandwidth;
    private final double computeEfficiency;
    private final boolean hasFp8;

    DecodeFit(double peakFlops, double bandwidth, double computeEfficiency, boolean hasFp8) {
        this.peakFlops = peakFlops;
        this.bandwidth = bandwidth;
        this.computeEfficiency = computeEfficiency;
        this.hasFp8 = hasFp8;
    }

    @Override
    int coreSize() {
        return 7;
    }

    @Override
    double[] coreStart() {
        return new double[] {logit(0.8), logit(0.7), Math.log(10_000), Math.log(10_000), Math.log(20),
            Math.log(1_000), Math.log(50)};
    }

    @Override
    int knots() {
        return 29;
    }

    @Override
    DecodeAttentionParams params(double[] t, double exponent, CorrectionCurve correction) {
        double em = sigmoid(t[0]);
        return new DecodeAttentionParams(em, hasFp8 ? sigmoid(t[1]) : em, Math.exp(t[2]), Math.exp(t[3]),
                Math.exp(t[4]), Math.exp(t[5]) * 1e9, Math.exp(t[6]) * 1e9, exponent, correction);
    }

    @Override
    double predict(DecodeAttentionParams params, Rows.Attention r) {
        AttentionShape shape = AttentionShape.gqa(r.heads(), r.kvHeads(), r.headDim(), r.fp8Kv() ? Precision.FP8 : Precision.BF16);
        return new DecodeAttentionModel(params, peakFlops, bandwidth, computeEfficiency).nanos(r.batch(), r.context(),
                r.maxContext(), shape);
    }

    @Override
    double measured(Rows.Attention row) {
        return row.nanos();
    }
}
