package org.tokenfab.hardware.cost;

import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Deployment;
import org.tokenfab.hardware.ModelSpec;
import org.tokenfab.hardware.Precision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tokenfab.sim.TokenFabException;

class StepCostModelTest {
    private static final Catalog CATALOG = Catalog.builtIn();
    private static final ModelSpec LLAMA_8B = CATALOG.model("llama-3.1-8b");
    private static final ModelSpec LLAMA_70B = CATALOG.model("llama-3.1-70b");
    private static final AcceleratorSpec H100 = CATALOG.accelerator("h100-sxm");
    private static final StepCostModel H100_8B = new StepCostModel(LLAMA_8B, H100, 1, Precision.BF16, Precision.BF16);

    private static double decodeMillis(StepCostModel m, int batch, long context) {
        return m.stepNanos(0, 0, 0, batch, batch * context) / 1e6;
    }

    private static double prefillMillis(StepCostModel m, int tokens) {
        return m.stepNanos(tokens, StepCostModel.causalPairs(0, tokens), 0, 0, 0) / 1e6;
    }

    @Test
    void causalPairs() {
        assertThat(StepCostModel.causalPairs(0, 1)).isEqualTo(1);
        assertThat(StepCostModel.causalPairs(0, 4)).isEqualTo(1 + 2 + 3 + 4);
        assertThat(StepCostModel.causalPairs(10, 2)).isEqualTo(11 + 12);
        // Chunking a prompt does not change the total number of pairs.
        assertThat(StepCostModel.causalPairs(0, 512) + StepCostModel.causalPairs(512, 512) + StepCostModel.causalPairs(1024, 1024))
                .isEqualTo(StepCostModel.causalPairs(0, 2048));
    }

    /** One 8B decode token at 1k context streams ~15 GB: 15 GB / (3.35 TB/s x 0.75) + 0.5 ms ~ 6.5 ms. */
    @Test
    void decodeOfOneSequenceIsWeightStreaming() {
        assertThat(decodeMillis(H100_8B, 1, 1024)).isBetween(5.0, 7.0);
    }

    /** 2 x 7e9 x 2048 + attention ~ 30 TFLOP at 989 TFLOP/s x 0.55: ~55 ms. */
    @Test
    void prefillOf2kTokensIsCompute() {
        assertThat(prefillMillis(H100_8B, 2048)).isBetween(40.0, 70.0);
    }

    @Test
    void decodeIsMemoryBoundAndPrefillComputeBound() {
        assertThat(H100_8B.breakdown(0, 0, 0, 1, 1024).computeBound()).isFalse();
        assertThat(H100_8B.breakdown(0, 0, 0, 64, 64 * 1024L).computeBound()).isFalse();
        assertThat(H100_8B.breakdown(2048, StepCostModel.causalPairs(0, 2048), 0, 0, 0).computeBound()).isTrue();
    }

    /**
     * hardware-specs.md Part 3: the H100 BF16 ridge point is 295 FLOP/byte and decode GEMMs do
     * 2B/b_w = B FLOP/byte, so decode turns compute-bound only at batches in the hundreds (217 with
     * our efficiencies, whose ratio moves it). With long contexts the KV reads, which do not
     * amortise over the batch, keep it memory-bound at any batch.
     */
    @Test
    void decodeCrossoverBatchIsInTheHundreds() {
        int crossover = H100_8B.decodeCrossoverBatch(0).orElseThrow();
        assertThat(crossover).isBetween(100, 999);
        assertThat(H100_8B.breakdown(0, 0, 0, crossover, 0).computeBound()).isTrue();
        assertThat(H100_8B.breakdown(0, 0, 0, crossover - 1, 0).computeBound()).isFalse();
        assertThat(H100_8B.decodeCrossoverBatch(128).orElseThrow()).isGreaterThan(crossover);
        assertThat(H100_8B.decodeCrossoverBatch(1024)).isEmpty();
    }

    @Test
    void batchingDecodeAmortisesTheWeights() {
        double one = decodeMillis(H100_8B, 1, 1024);
        double many = decodeMillis(H100_8B, 256, 1024);
        assertThat(many).isGreaterThan(one);
        assertThat(256 / many).isGreaterThan(50 * (1 / one)); // >50x the tokens per second
    }

    @Test
    void moreWorkIsNeverFaster() {
        SplittableRandom random = new SplittableRandom(7);
        StepCostModel[] models = {H100_8B, new StepCostModel(LLAMA_70B, H100, 4, Precision.FP8, Precision.FP8)};
        for (StepCostModel m : models) {
            for (int i = 0; i < 2_000; i++) {
                int p = random.nextInt(0, 8192);
                long pairs = random.nextLong(0, 1L << 26);
                long pctx = random.nextLong(0, 1L << 20);
                int d = random.nextInt(0, 512);
                long dctx = random.nextLong(0, 1L << 22);
                long base = m.stepNanos(p, pairs, pctx, d, dctx);
                int extra = random.nextInt(1, 1000);
                assertThat(m.stepNanos(p + extra, pairs, pctx, d, dctx)).isGreaterThanOrEqualTo(base);
                assertThat(m.stepNanos(p, pairs + extra, pctx, d, dctx)).isGreaterThanOrEqualTo(base);
                assertThat(m.stepNanos(p, pairs, pctx + extra, d, dctx)).isGreaterThanOrEqualTo(base);
                assertThat(m.stepNanos(p, pairs, pctx, d + extra, dctx)).isGreaterThanOrEqualTo(base);
                assertThat(m.stepNanos(p, pairs, pctx, d, dctx + extra)).isGreaterThanOrEqualTo(base);
            }
        }
    }

    @Test
    void tensorParallelismSplitsWorkButAddsCommunication() {
        StepCostModel tp1 = new StepCostModel(LLAMA_70B, H100, 1, Precision.FP8, Precision.FP8);
        StepCostModel tp2 = new StepCostModel(LLAMA_70B, H100, 2, Precision.FP8, Precision.FP8);
        StepCostModel tp8 = new StepCostModel(LLAMA_70B, H100, 8, Precision.FP8, Precision.FP8);
        // Per-GPU work halves exactly.
        assertThat(tp2.flopsPerGpu(100, 5050, 10, 20_000)).isEqualTo(tp1.flopsPerGpu(100, 5050, 10, 20_000) / 2);
        assertThat(tp2.bytesPerGpu(100, 0, 10, 20_000)).isEqualTo(tp1.bytesPerGpu(100, 0, 10, 20_000) / 2);
        assertThat(tp1.commNanos(64)).isZero();
        // Each doubling is faster, but by less than 2x (all-reduces and overhead do not shrink).
        double d1 = decodeMillis(tp1, 64, 2048);
        double d2 = decodeMillis(tp2, 64, 2048);
        double d8 = decodeMillis(tp8, 64, 2048);
        assertThat(d2).isLessThan(d1).isGreaterThan(d1 / 2);
        assertThat(d8).isLessThan(d2).isGreaterThan(d2 / 4);
        // hardware-specs.md Part 3: 70B TP8 decode, 160 all-reduces x ~12 us ~ 2 ms per step at B=64.
        assertThat(tp8.commNanos(64) / 1e6).isBetween(1.5, 2.5);
    }

    @Test
    void breakdownAddsUpToTheStepTime() {
        StepCostModel tp4 = new StepCostModel(LLAMA_70B, H100, 4, Precision.FP8, Precision.FP8);
        StepCostModel.Breakdown b = tp4.breakdown(512, StepCostModel.causalPairs(1000, 512), 1000, 32, 32 * 3000L);
        assertThat(b.totalNanos()).isEqualTo(tp4.stepNanos(512, StepCostModel.causalPairs(1000, 512), 1000, 32, 32 * 3000L));
        assertThat(b.totalNanos()).isBetween(Math.max(b.computeNanos(), b.memoryNanos()) + b.commNanos() + b.overheadNanos() - 2,
                Math.max(b.computeNanos(), b.memoryNanos()) + b.commNanos() + b.overheadNanos() + 2);
    }

    @Test
    void flopsAndBytesFollowTheFormulas() {
        // One decode token at context 1000 on tp=1: 2 N_blocks + 2 V d + 4 L H d_h x 1000.
        double expectedFlops = 2.0 * LLAMA_8B.nonEmbeddingParams() + 2.0 * 128256 * 4096 + 4.0 * 32 * 32 * 128 * 1000;
        assertThat(H100_8B.flopsPerGpu(0, 0, 1, 1000)).isEqualTo(expectedFlops);
        // Weights but the input embedding, the KV of 1000 tokens read and 1 written.
        double expectedBytes = 2.0 * (LLAMA_8B.totalParams() - 128256L * 4096) + 1001.0 * 131072;
        assertThat(H100_8B.bytesPerGpu(0, 0, 1, 1000)).isEqualTo(expectedBytes);
    }

    @Test
    void emptyStepCostsNothingAndNegativeArgumentsAreBugs() {
        assertThat(H100_8B.stepNanos(0, 0, 0, 0, 0)).isZero();
        assertThatThrownBy(() -> H100_8B.stepNanos(-1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> H100_8B.stepNanos(0, 0, 0, 1, -5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void precisionWithoutHardwareSupportIsAUserError() {
        assertThatThrownBy(() -> new StepCostModel(LLAMA_8B, H100, 1, Precision.FP4, Precision.FP8))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("h100-sxm has no dense fp4 peak");
    }

    @Test
    void calibrationIsExplicit() {
        RooflineCalibration slow = RooflineCalibration.DEFAULT.withMemoryEfficiency(0.5).withStepOverheadNanos(0);
        StepCostModel m = new StepCostModel(new Deployment(LLAMA_8B, H100, 1, Precision.BF16, Precision.BF16), slow);
        double expected = H100_8B.bytesPerGpu(0, 0, 1, 1024) / (3.35e12 * 0.5) * 1e9;
        assertThat((double) m.stepNanos(0, 0, 0, 1, 1024)).isCloseTo(expected, within(1.0));
        assertThatThrownBy(() -> RooflineCalibration.DEFAULT.withComputeEfficiency(1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The hot path must not allocate: the simulator calls it once per iteration of every replica. */
    @Test
    void stepNanosDoesNotAllocate() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        long sink = 0;
        for (int i = 0; i < 20_000; i++) { // warm up, let the JIT compile
            sink += H100_8B.stepNanos(i & 1023, i, i, i & 255, i * 7L);
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            sink += H100_8B.stepNanos(i & 1023, i, i, i & 255, i * 7L);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated by 100k calls").isLessThan(1024);
    }
}
