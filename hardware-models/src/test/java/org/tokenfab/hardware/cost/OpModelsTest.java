package org.tokenfab.hardware.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tokenfab.hardware.Precision;

/** The op models against hand-computed rooflines, and their monotonicity. */
class OpModelsTest {
    private static final double PEAK = 1e15;      // 1 PFLOP/s
    private static final double BW = 2e12;        // 2 TB/s
    /** A p-norm exponent this large is the plain maximum for practical purposes. */
    private static final double MAX = 200;

    private static GemmParams ideal(double exponent) {
        return new GemmParams(1, 0, 0, 0, 1, 0, exponent, CorrectionCurve.NONE);
    }

    @Test
    void gemmWithIdealParametersIsTheRoofline() {
        GemmModel g = new GemmModel(ideal(MAX), PEAK, BW, 2);
        // Compute-bound: 2 x 8192^3 FLOP at 1 PFLOP/s = 1.0995 ms.
        assertThat(g.nanos(8192, 8192, 8192)).isCloseTo(2.0 * 8192 * 8192 * 8192 / PEAK * 1e9, within(2e3));
        // Memory-bound (m = 1): 8192 x 8192 x 2 bytes of weight + 2 x (8192 + 8192) of activations at 2 TB/s.
        double bytes = 8192.0 * 8192 * 2 + 2.0 * (8192 + 8192);
        assertThat(g.nanos(1, 8192, 8192)).isCloseTo(bytes / BW * 1e9, within(1.0));
        assertThat(g.bytes(1, 8192, 8192)).isEqualTo(bytes);
        // p = 1 adds the bounds and the floor.
        GemmModel sum = new GemmModel(new GemmParams(1, 0, 0, 0, 1, 5_000, 1, CorrectionCurve.NONE), PEAK, BW, 2);
        double tc = GemmModel.flops(64, 4096, 4096) / PEAK * 1e9;
        double tm = sum.bytes(64, 4096, 4096) / BW * 1e9;
        assertThat(sum.nanos(64, 4096, 4096)).isCloseTo(tc + tm + 5_000, within(1e-6));
        assertThat(g.nanos(0, 4096, 4096)).isZero();
    }

    @Test
    void gemmShapeEfficiencyAndCorrection() {
        // Efficiency 0.5, halved again at m = mHalf: at m = 128 a compute-bound GEMM takes 4x the ideal.
        GemmModel g = new GemmModel(new GemmParams(0.5, 128, 0, 0, 1, 0, MAX, CorrectionCurve.NONE), PEAK, 1e30, 2);
        assertThat(g.nanos(128, 8192, 8192)).isCloseTo(4 * GemmModel.flops(128, 8192, 8192) / PEAK * 1e9, within(1.0));
        // A correction of ln 2 at m >= 2 doubles the time there, and half of it (in log) at m = sqrt(2).
        CorrectionCurve c = new CorrectionCurve(new double[] {0, Math.log(2)});
        GemmModel corrected = new GemmModel(new GemmParams(1, 0, 0, 0, 1, 1000, MAX, c), PEAK, BW, 2);
        GemmModel plain = new GemmModel(new GemmParams(1, 0, 0, 0, 1, 1000, MAX, CorrectionCurve.NONE), PEAK, BW, 2);
        assertThat(corrected.nanos(4, 64, 64) / plain.nanos(4, 64, 64)).isCloseTo(2.0, within(1e-9));
        assertThat(c.factor(Math.sqrt(2))).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(c.factor(0.5)).isEqualTo(1.0);
    }

    @Test
    void correctionCurvesMustNotDecrease() {
        assertThatThrownBy(() -> new CorrectionCurve(new double[] {0.1, 0.0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-decreasing");
        assertThatThrownBy(() -> new GemmParams(1.2, 0, 0, 0, 1, 0, 1, CorrectionCurve.NONE))
                .hasMessageContaining("compute_efficiency");
    }

    @Test
    void prefillAttentionWithIdealParametersIsFlopsOverPeak() {
        PrefillAttentionParams p = new PrefillAttentionParams(1, 1, 0, 0, 1, 0, 0, MAX, CorrectionCurve.NONE);
        PrefillAttentionModel m = new PrefillAttentionModel(p, PEAK, BW);
        AttentionShape shape = AttentionShape.gqa(32, 8, 128, Precision.BF16);
        double pairs = 8192.0 * 8193 / 2;
        // 4 x heads x head_dim FLOPs per pair: QK^T and PV.
        assertThat(shape.flopsPerPair()).isEqualTo(4.0 * 32 * 128);
        assertThat(m.nanos(1, 8192, pairs, 0, shape)).isCloseTo(pairs * 4 * 32 * 128 / PEAK * 1e9, within(1.0));
        assertThat(m.nanos(0, 0, 0, 0, shape)).isZero();
    }

    @Test
    void decodeAttentionWithIdealParametersIsKvBytesOverBandwidth() {
        // Stream bandwidths far above the aggregate: no per-stream bound.
        DecodeAttentionParams p = new DecodeAttentionParams(1, 1, 0, 0, 0, 1e30, 1e30, MAX, CorrectionCurve.NONE);
        DecodeAttentionModel m = new DecodeAttentionModel(p, PEAK, BW, 1);
        AttentionShape shape = AttentionShape.gqa(32, 8, 128, Precision.BF16);
        // 64 sequences x 4096 keys x (K and V) x 8 heads x 128 x 2 bytes, plus Q in and O out.
        double bytes = 64 * 4096.0 * 2 * 8 * 128 * 2 + 64 * 2.0 * 32 * 128 * 2;
        assertThat(m.nanos(64, 64 * 4096.0, shape)).isCloseTo(bytes / BW * 1e9, within(1.0));
        // FP8 KV halves the cache bytes.
        AttentionShape fp8 = AttentionShape.gqa(32, 8, 128, Precision.FP8);
        assertThat(fp8.cachedKvBytesPerToken()).isEqualTo(shape.cachedKvBytesPerToken() / 2);
        assertThat(fp8.fp8Kv()).isTrue();
    }

    @Test
    void decodeAttentionIsBoundedByItsLongestStream() {
        // Only the stream term: 22 GB/s per MHA block, 700 GB/s per GQA stream.
        DecodeAttentionParams p = new DecodeAttentionParams(1, 1, 0, 0, 0, 700e9, 22e9, MAX, CorrectionCurve.NONE);
        DecodeAttentionModel m = new DecodeAttentionModel(p, PEAK, BW, 1);
        AttentionShape mha = AttentionShape.gqa(8, 8, 128, Precision.BF16);
        AttentionShape gqa = AttentionShape.gqa(8, 1, 128, Precision.BF16);
        double perHead = 2 * 128 * 2.0; // K and V of one head, 16-bit
        // One sequence of 131 072 keys: its block streams 131 072 x 512 bytes at 22 GB/s (~3 ms).
        assertThat(m.nanos(1, 131_072, 131_072, mha)).isCloseTo(131_072 * perHead / 22e9 * 1e9, within(1.0));
        // Two such sequences: the same time (two blocks in parallel), not twice.
        assertThat(m.nanos(2, 2 * 131_072, 131_072, mha)).isCloseTo(m.nanos(1, 131_072, 131_072, mha), within(1.0));
        // The longest sequence decides: one long and seven short take as long as the long one alone.
        assertThat(m.nanos(8, 131_072 + 7 * 1024, 131_072, mha)).isGreaterThanOrEqualTo(m.nanos(1, 131_072, 131_072, mha));
        assertThat(m.nanos(1, 131_072, 131_072, gqa)).isCloseTo(131_072 * perHead / 700e9 * 1e9, within(1.0));
    }

    @Test
    void moeWithIdealParametersStreamsTheActiveExperts() {
        MoeParams p = new MoeParams(1, 0, 0, 1, 0, 0, 0, 0, MAX, CorrectionCurve.NONE);
        MoeModel m = new MoeModel(p, PEAK, BW, 1);
        // One token, top-8 of 256 experts, hidden 7168, width 2048, FP8: 8 experts x 3 matrices read.
        double bytes = 8 * 3.0 * 7168 * 2048;
        assertThat(m.nanos(1, 7168, 2048, 8, 256, 1, 1)).isCloseTo(bytes / BW * 1e9, within(1.0));
        // 8 192 tokens: every expert active, compute 6 x assignments x hidden x width.
        double flops = 6.0 * 8192 * 8 * 7168 * 2048;
        double all = 256 * 3.0 * 7168 * 2048;
        assertThat(m.nanos(8192, 7168, 2048, 8, 256, 1, 1))
                .isCloseTo(Math.max(flops / PEAK, all / BW) * 1e9, within(1e3));
        // Expert parallelism over 8 GPUs: each serves an eighth of the assignments and experts.
        assertThat(m.nanos(8192, 7168, 2048, 8, 256, 1, 8))
                .isCloseTo(Math.max(flops / 8 / PEAK, all / 8 / BW) * 1e9, within(1e3));
    }

    @Test
    void uniformRoutingImbalanceIsTheExpectedMaximumOfTheLoads() {
        assertThat(MoeModel.uniformRoutingImbalance(1000, 1)).isEqualTo(1.0);
        // 8 GPUs, 1024 assignments each on average: 1 + sqrt(2 ln 8 / 1024) = 1.0637.
        assertThat(MoeModel.uniformRoutingImbalance(8192, 8)).isCloseTo(1 + Math.sqrt(2 * Math.log(8) / 1024), within(1e-12));
        assertThat(MoeModel.uniformRoutingImbalance(64, 8)).isGreaterThan(MoeModel.uniformRoutingImbalance(8192, 8));
    }

    @Test
    void collectivesAreAlphaBeta() {
        // 10 us + S x busFactor / 400 GB/s, exponent 1.
        CollectiveParams p = new CollectiveParams(List.of(new CollectiveParams.Point(2, 10_000, 400e9),
                new CollectiveParams.Point(8, 20_000, 400e9)), 1, 450e9);
        CollectiveModel m = new CollectiveModel(p);
        double s = 64e6;
        assertThat(m.allReduceNanos(s, 8)).isCloseTo(20_000 + s * 2 * 7 / 8 / 400e9 * 1e9, within(1e-6));
        assertThat(m.allToAllNanos(s, 8)).isCloseTo(20_000 + s * 7 / 8 / 400e9 * 1e9, within(1e-6));
        assertThat(m.sendRecvNanos(s)).isCloseTo(10_000 + s / 400e9 * 1e9, within(1e-6));
        // Between measured sizes alpha is interpolated in log2(n); beyond, it keeps the last slope.
        assertThat(m.allReduceNanos(1e-9, 4)).isCloseTo(10_000 + 10_000.0 / 2, within(1.0));
        assertThat(m.allReduceNanos(1e-9, 16)).isCloseTo(20_000 + 10_000.0 / 2, within(1.0));
        assertThat(m.allReduceNanos(s, 1)).isZero();
        // On a link twice as fast the bus bandwidth doubles, alpha does not change.
        CollectiveModel fast = new CollectiveModel(p.scaledTo(900e9));
        assertThat(fast.allReduceNanos(s, 8) - 20_000).isCloseTo((m.allReduceNanos(s, 8) - 20_000) / 2, within(1e-6));
        // Another engine's collectives: 3x the latency, 2x the time per byte; identity at 1 and 1.
        CollectiveModel engine = m.scaled(3, 2);
        assertThat(engine.allReduceNanos(s, 8)).isCloseTo(3 * 20_000 + 2 * s * 2 * 7 / 8 / 400e9 * 1e9, within(1e-6));
        assertThat(engine.sendRecvNanos(s)).isCloseTo(3 * 10_000 + 2 * s / 400e9 * 1e9, within(1e-6));
        assertThat(m.scaled(1, 1)).isSameAs(m);
    }

    @Test
    void everyOpModelIsMonotoneInItsWork() {
        SplittableRandom r = new SplittableRandom(11);
        GemmModel g = new GemmModel(new GemmParams(0.7, 20, 300, 100, 0.8, 6000, 1.7,
                new CorrectionCurve(new double[] {-0.2, -0.1, 0, 0, 0.05, 0.1})), PEAK, BW, 1);
        PrefillAttentionModel pa = new PrefillAttentionModel(new PrefillAttentionParams(0.7, 0.9, 800, 200, 0.6, 9000, 30,
                2, new CorrectionCurve(new double[] {0, 0.1, 0.1, 0.2})), PEAK, BW);
        DecodeAttentionModel da = new DecodeAttentionModel(new DecodeAttentionParams(0.8, 0.7, 17_000, 11_000, 25, 700e9, 22e9, 1.5,
                new CorrectionCurve(new double[] {0, 0, 0.05, 0.3})), PEAK, BW, 0.6);
        MoeModel moe = new MoeModel(new MoeParams(0.5, 16, 100, 0.8, 0.5, 30_000, 2, 10, 1.5,
                new CorrectionCurve(new double[] {-0.1, 0, 0.1})), PEAK, BW, 1);
        AttentionShape shape = AttentionShape.gqa(32, 8, 128, Precision.BF16);
        AttentionShape mha = AttentionShape.gqa(8, 8, 128, Precision.BF16);
        for (int i = 0; i < 5_000; i++) {
            double m = r.nextInt(1, 20_000);
            double d = r.nextInt(1, 5_000);
            assertThat(g.nanos(m + d, 4096, 4096)).isGreaterThanOrEqualTo(g.nanos(m, 4096, 4096));
            double seqs = r.nextInt(1, 64);
            double tokens = r.nextInt(1, 16_384);
            double pairs = r.nextDouble(1, 1e9);
            assertThat(pa.nanos(seqs, tokens + d, pairs, 0, shape)).isGreaterThanOrEqualTo(pa.nanos(seqs, tokens, pairs, 0, shape));
            assertThat(pa.nanos(seqs, tokens, pairs + d * 1000, 0, shape)).isGreaterThanOrEqualTo(pa.nanos(seqs, tokens, pairs, 0, shape));
            double ctx = r.nextDouble(1, 1e7);
            double maxCtx = ctx / seqs * r.nextDouble(1, 4);
            for (AttentionShape s : new AttentionShape[] {shape, mha}) {
                double base = da.nanos(seqs, ctx, maxCtx, s);
                assertThat(da.nanos(seqs + d, ctx, maxCtx, s)).isGreaterThanOrEqualTo(base);
                assertThat(da.nanos(seqs, ctx + d, maxCtx, s)).isGreaterThanOrEqualTo(base);
                assertThat(da.nanos(seqs, ctx, maxCtx + d, s)).isGreaterThanOrEqualTo(base);
                // Adding a sequence with its context never lowers the longest context.
                assertThat(da.nanos(seqs + 1, ctx + d, Math.max(maxCtx, d), s)).isGreaterThanOrEqualTo(base);
            }
            // Uniform batches (longest = mean context): more sequences of the same context, or more context.
            assertThat(da.nanos(seqs + d, ctx / seqs * (seqs + d), shape)).isGreaterThanOrEqualTo(da.nanos(seqs, ctx, shape));
            assertThat(da.nanos(seqs, ctx + d, shape)).isGreaterThanOrEqualTo(da.nanos(seqs, ctx, shape));
            assertThat(moe.nanos(m + d, 4096, 14336, 2, 8, 1, 1)).isGreaterThanOrEqualTo(moe.nanos(m, 4096, 14336, 2, 8, 1, 1));
            assertThat(moe.nanos(m + d, 7168, 2048, 8, 256, 1, 8, MoeModel.uniformRoutingImbalance((m + d) * 8, 8), null, 1))
                    .isGreaterThanOrEqualTo(moe.nanos(m, 7168, 2048, 8, 256, 1, 8, MoeModel.uniformRoutingImbalance(m * 8, 8), null, 1));
        }
    }
}
