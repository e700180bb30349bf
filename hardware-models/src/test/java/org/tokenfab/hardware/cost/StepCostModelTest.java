package org.tokenfab.hardware.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Deployment;
import org.tokenfab.hardware.ModelSpec;
import org.tokenfab.hardware.Precision;
import org.tokenfab.sim.TokenFabException;

class StepCostModelTest {
    private static final Catalog CATALOG = Catalog.builtIn();
    private static final KernelCalibration CAL = KernelCalibration.builtIn();
    private static final ModelSpec LLAMA_8B = CATALOG.model("llama-3.1-8b");
    private static final ModelSpec LLAMA_70B = CATALOG.model("llama-3.1-70b");
    private static final AcceleratorSpec H100 = CATALOG.accelerator("h100-sxm");
    private static final StepCostModel H100_8B = new StepCostModel(LLAMA_8B, H100, 1, Precision.BF16, Precision.BF16);

    private static StepCostModel model(String model, String accelerator, int tp, Precision w, Precision kv, int ep) {
        return new StepCostModel(new Deployment(CATALOG.model(model), CATALOG.accelerator(accelerator), tp, w, kv).withExpertParallel(ep), CAL);
    }

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

    /**
     * One 8B BF16 decode token at 1k context streams ~15 GB of weights: 4.5 ms at the datasheet's
     * 3.35 TB/s; the calibrated GEMMs reach ~72-85% of it, plus 32 layers of attention and
     * element-wise kernel floors and ~0.4 ms of host time: ~6.9 ms (the old roofline said 6.5).
     */
    @Test
    void decodeOfOneSequenceIsWeightStreaming() {
        assertThat(decodeMillis(H100_8B, 1, 1024)).isBetween(5.5, 8.0);
        StepUsage u = new StepUsage();
        H100_8B.evaluate(0, 0, 0, 0, 1, 1024, u);
        assertThat(u.memoryNanos).isGreaterThan(10 * u.computeNanos);
        assertThat(u.memoryBytes).isBetween(15e9, 16.5e9);
    }

    /** 2 x 7.5e9 x 2048 + attention ~ 30 TFLOP; the calibrated GEMMs reach ~65% of 989 TFLOP/s: ~45 ms. */
    @Test
    void prefillOf2kTokensIsCompute() {
        assertThat(prefillMillis(H100_8B, 2048)).isBetween(35.0, 60.0);
        StepUsage u = new StepUsage();
        long t = H100_8B.evaluate(1, 2048, StepCostModel.causalPairs(0, 2048), 0, 0, 0, u);
        assertThat(u.computeNanos).isGreaterThan(u.memoryNanos);
        double mfu = u.flops / (H100_8B.peakFlopsPerGpu() * t * 1e-9);
        assertThat(mfu).isBetween(0.4, 0.8);
    }

    /**
     * W4A16: FP4 weights multiplied in BF16. A decode step streams a quarter of the BF16 weights;
     * a long prefill runs at the BF16 rate (the H100 has no FP4 tensor cores at all).
     */
    @Test
    void weightOnlyQuantisationStreamsTheStoredFormatAndComputesInTheWiderOne() {
        Deployment bf16 = new Deployment(LLAMA_8B, H100, 1, Precision.BF16, Precision.BF16);
        Deployment fp4 = new Deployment(LLAMA_8B, H100, 1, Precision.FP4, Precision.BF16);
        assertThatThrownBy(() -> new StepCostModel(fp4, CAL)).isInstanceOf(TokenFabException.class);
        StepCostModel w4a16 = new StepCostModel(fp4.withCompute(Precision.BF16), CAL);
        StepCostModel plain = new StepCostModel(bf16, CAL);
        StepCostModel fp8 = new StepCostModel(new Deployment(LLAMA_8B, H100, 1, Precision.FP8, Precision.BF16), CAL);

        StepUsage quarter = new StepUsage();
        StepUsage full = new StepUsage();
        w4a16.evaluate(0, 0, 0, 0, 1, 1024, quarter);
        plain.evaluate(0, 0, 0, 0, 1, 1024, full);
        // The input embedding is gathered, not streamed. 6,979,588,096 block weights and the
        // 525,336,576 of the LM head: 15.0 GB in BF16; in NVFP4 the blocks at 4.5 bits (4-bit values,
        // an FP8 scale per 16) and the LM head in BF16, 3.93 + 1.05 = 4.98 GB.
        double kvAndActivations = full.memoryBytes - 2.0 * LLAMA_8B.paramsReadPerStep();
        assertThat(LLAMA_8B.paramsReadPerStep()).isEqualTo(6_979_588_096L + 525_336_576L);
        assertThat(quarter.memoryBytes - kvAndActivations).isCloseTo(6_979_588_096.0 * 0.5625 + 525_336_576.0 * 2,
                org.assertj.core.data.Percentage.withPercentage(1));
        // The memory time falls with the bytes, to a third; the step's fixed costs (launches, small
        // kernels, the KV cache) stay, so a little less.
        assertThat((double) quarter.memoryNanos).isLessThan(full.memoryNanos * 0.4);
        assertThat(decodeMillis(w4a16, 1, 1024)).isLessThan(0.5 * decodeMillis(plain, 1, 1024));

        double prefill = prefillMillis(w4a16, 8192);
        assertThat(prefill).isBetween(0.95 * prefillMillis(plain, 8192), prefillMillis(plain, 8192));
        assertThat(prefill).isGreaterThan(prefillMillis(fp8, 8192)); // FP8 weights would run at the FP8 rate
        assertThat(w4a16.peakFlopsPerGpu()).isEqualTo(plain.peakFlopsPerGpu());
    }

    @Test
    void computeNarrowerThanTheWeightsIsRejected() {
        assertThatThrownBy(() -> new Deployment(LLAMA_8B, H100, 1, Precision.BF16, Precision.BF16).withCompute(Precision.FP8))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("compute precision fp8 is narrower than the weights' bf16")
                .hasMessageContaining("allowed: fp32, bf16, fp16");
    }

    @Test
    void batchingDecodeAmortisesTheWeights() {
        double one = decodeMillis(H100_8B, 1, 1024);
        double many = decodeMillis(H100_8B, 256, 1024);
        assertThat(many).isGreaterThan(one);
        assertThat(256 / many).isGreaterThan(50 * (1 / one)); // >50x the tokens per second
    }

    @Test
    void usageAddsUpAndMatchesStepNanos() {
        StepCostModel tp4 = new StepCostModel(LLAMA_70B, H100, 4, Precision.FP8, Precision.FP8);
        StepUsage u = new StepUsage();
        long pairs = StepCostModel.causalPairs(1000, 512);
        long t = tp4.evaluate(1, 512, pairs, 1000, 32, 32 * 3000L, u);
        assertThat(t).isEqualTo(tp4.stepNanos(512, pairs, 1000, 32, 32 * 3000L));
        assertThat(u.totalNanos).isEqualTo(t);
        assertThat(u.commNanos).isPositive();
        assertThat(u.scaleUpBytes).isPositive();
        assertThat(u.scaleOutBytes).isZero();
        assertThat(u.cpuNanos).isPositive();
        // Kernels never take less than their busy times, and the parts never exceed the whole.
        assertThat(u.computeNanos + u.commNanos + u.cpuNanos).isLessThanOrEqualTo(t + 1.0);
        assertThat(u.memoryNanos + u.commNanos + u.cpuNanos).isLessThanOrEqualTo(t + 1.0);
        StepCostModel.Breakdown b = tp4.breakdown(1, 512, pairs, 1000, 32, 32 * 3000L);
        assertThat(b.totalNanos()).isEqualTo(t);
        // The holder is overwritten, not accumulated.
        tp4.evaluate(0, 0, 0, 0, 1, 100, u);
        assertThat(u.totalNanos).isEqualTo(tp4.stepNanos(0, 0, 0, 1, 100));
    }

    @Test
    void tensorParallelismSplitsWorkButAddsCommunication() {
        StepCostModel tp1 = new StepCostModel(LLAMA_70B, H100, 1, Precision.FP8, Precision.FP8);
        StepCostModel tp2 = new StepCostModel(LLAMA_70B, H100, 2, Precision.FP8, Precision.FP8);
        StepCostModel tp8 = new StepCostModel(LLAMA_70B, H100, 8, Precision.FP8, Precision.FP8);
        StepUsage u1 = new StepUsage();
        StepUsage u2 = new StepUsage();
        tp1.evaluate(0, 0, 0, 0, 64, 64 * 2048L, u1);
        tp2.evaluate(0, 0, 0, 0, 64, 64 * 2048L, u2);
        assertThat(u2.flops).isBetween(0.45 * u1.flops, 0.55 * u1.flops);
        assertThat(u1.commNanos).isZero();
        double d1 = decodeMillis(tp1, 64, 2048);
        double d2 = decodeMillis(tp2, 64, 2048);
        double d8 = decodeMillis(tp8, 64, 2048);
        assertThat(d2).isLessThan(d1).isGreaterThan(d1 / 2);
        assertThat(d8).isLessThan(d2).isGreaterThan(d2 / 4);
        // hardware-specs.md Part 3: 70B TP8 decode, 160 all-reduces of ~10 us: ~2 ms per step at B=64.
        StepUsage u8 = new StepUsage();
        tp8.evaluate(0, 0, 0, 0, 64, 64 * 2048L, u8);
        assertThat(u8.commNanos / 1e6).isBetween(0.8, 3.0);
    }

    /** Every argument that adds work never makes the step faster, for every kind of model. */
    @Test
    void moreWorkIsNeverFaster() {
        SplittableRandom random = new SplittableRandom(7);
        List<StepCostModel> models = List.of(H100_8B,
                new StepCostModel(LLAMA_70B, H100, 4, Precision.FP8, Precision.FP8),
                model("mixtral-8x7b", "h100-sxm", 2, Precision.BF16, Precision.BF16, 1),
                model("qwen3-30b-a3b", "h200", 2, Precision.FP8, Precision.FP8, 2),
                model("deepseek-v3", "h200", 8, Precision.FP8, Precision.FP8, 8),
                model("deepseek-v3", "b200", 1, Precision.FP8, Precision.FP8, 16),
                model("gpt-oss-120b", "b200", 2, Precision.FP4, Precision.FP8, 1),
                model("llama-3.1-8b", "groq-lpu", 1, Precision.FP16, Precision.FP16, 1),
                model("llama-3.1-8b", "a100-80gb", 2, Precision.BF16, Precision.BF16, 1));
        for (StepCostModel m : models) {
            for (int i = 0; i < 1_000; i++) {
                int s = random.nextInt(0, 16);
                int p = random.nextInt(0, 8192);
                long pairs = random.nextLong(0, 1L << 26);
                long pctx = random.nextLong(0, 1L << 20);
                int d = random.nextInt(0, 512);
                long dctx = random.nextLong(0, 1L << 22);
                long base = m.stepNanos(s, p, pairs, pctx, d, dctx);
                int extra = random.nextInt(1, 1000);
                assertThat(m.stepNanos(s, p + extra, pairs, pctx, d, dctx)).as("%s prefill tokens", m).isGreaterThanOrEqualTo(base);
                assertThat(m.stepNanos(s, p, pairs + extra, pctx, d, dctx)).as("%s pairs", m).isGreaterThanOrEqualTo(base);
                assertThat(m.stepNanos(s, p, pairs, pctx + extra, d, dctx)).as("%s prefix", m).isGreaterThanOrEqualTo(base);
                // More decode sequences bring their own context (at least the longest so far): spreading the
                // same context over more sequences shortens the longest one and may be faster.
                long moreCtx = dctx + (d == 0 ? 0 : extra * Math.ceilDiv(dctx, d));
                assertThat(m.stepNanos(s, p, pairs, pctx, d + extra, moreCtx)).as("%s decode seqs", m).isGreaterThanOrEqualTo(base);
                assertThat(m.stepNanos(s, p, pairs, pctx, d, dctx + extra)).as("%s decode context", m).isGreaterThanOrEqualTo(base);
                long five = m.stepNanos(p, pairs, pctx, d, dctx);
                assertThat(m.stepNanos(p, pairs, pctx, d + extra, moreCtx)).isGreaterThanOrEqualTo(five);
                assertThat(m.stepNanos(p + extra, pairs, pctx, d, dctx)).isGreaterThanOrEqualTo(five);
            }
        }
    }

    @Test
    void mixtureOfExpertsModels() {
        StepCostModel mixtral = model("mixtral-8x7b", "h100-sxm", 2, Precision.BF16, Precision.BF16, 1);
        StepCostModel qwen = model("qwen3-30b-a3b", "h200", 1, Precision.BF16, Precision.BF16, 1);
        // Decode at batch 1 reads the active experts only: faster than streaming all weights.
        double allWeights = CATALOG.model("mixtral-8x7b").totalParams() * 2.0 / 2 / (3.35e12);
        assertThat(decodeMillis(mixtral, 1, 2048) / 1e3).isLessThan(allWeights * 1.2);
        StepUsage u = new StepUsage();
        mixtral.evaluate(0, 0, 0, 0, 1, 2048, u);
        assertThat(u.memoryBytes).isLessThan(CATALOG.model("mixtral-8x7b").totalParams() * 2.0 / 2);
        assertThat(decodeMillis(qwen, 1, 2048)).isBetween(1.0, 10.0);
        assertThat(prefillMillis(qwen, 8192)).isGreaterThan(decodeMillis(qwen, 64, 2048));
        assertThat(mixtral.describeCalibration()).anyMatch(l -> l.contains("moe:") && l.contains("h200_sxm"));
    }

    @Test
    void latentAttentionDeepSeekOnEightGpus() {
        StepCostModel h200 = model("deepseek-v3", "h200", 8, Precision.FP8, Precision.FP8, 8);
        StepCostModel b200 = model("deepseek-v3", "b200", 8, Precision.FP8, Precision.FP8, 8);
        assertThat(h200.gpus()).isEqualTo(8);
        double h = decodeMillis(h200, 64, 4096);
        double b = decodeMillis(b200, 64, 4096);
        assertThat(h).isBetween(10.0, 100.0);
        assertThat(b).isLessThan(h);
        // MLA caches a 576-wide latent per token and layer: 64 x 4096 tokens x 61 layers x 576 B in FP8.
        StepUsage u = new StepUsage();
        h200.evaluate(0, 0, 0, 0, 64, 64 * 4096L, u);
        assertThat(u.memoryBytes).isGreaterThan(64 * 4096.0 * 61 * 576);
        // Wide expert parallelism over 16 GPUs crosses the 8-GPU NVLink domain: scale-out traffic.
        StepCostModel wide = model("deepseek-v3", "b200", 1, Precision.FP8, Precision.FP8, 16);
        wide.evaluate(0, 0, 0, 0, 256, 256 * 2048L, u);
        assertThat(wide.gpus()).isEqualTo(16);
        assertThat(u.scaleOutBytes).isPositive();
    }

    @Test
    void sramOnlyChipsArePipelinesHoldingTheWeights() {
        StepCostModel groq = model("llama-3.1-8b", "groq-lpu", 1, Precision.FP16, Precision.FP16, 1);
        AcceleratorSpec lpu = CATALOG.accelerator("groq-lpu");
        int needed = (int) Math.ceil(LLAMA_8B.totalParams() * 2.0 / lpu.memoryBytes());
        assertThat(groq.stages()).isEqualTo(needed);
        assertThat(groq.gpus()).isEqualTo(needed);
        StepUsage u = new StepUsage();
        long t = groq.evaluate(0, 0, 0, 0, 1, 2048, u);
        assertThat(u.scaleUpBytes).isPositive();
        assertThat(t).isPositive();
        assertThat(groq.calibration().measured()).isFalse();
        assertThat(groq.calibration().note()).contains("groq-lpu ->").contains("SRAM-only");
    }

    @Test
    void expertParallelismMustFitTheModel() {
        assertThatThrownBy(() -> new Deployment(LLAMA_8B, H100, 1, Precision.BF16, Precision.BF16).withExpertParallel(2))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("mixture-of-experts");
        assertThatThrownBy(() -> model("deepseek-v3", "h200", 8, Precision.FP8, Precision.FP8, 4))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("multiple of tp");
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
    void saysWhichCalibrationItUses() {
        assertThat(H100_8B.calibration().measured()).isTrue();
        assertThat(H100_8B.describeCalibration().get(0)).contains("kernels-v1").contains("h100-sxm: measured");
        assertThat(H100_8B.describeCalibration()).anyMatch(l -> l.contains("gemm:") && l.contains("vllm 0.24.0"));
        StepCostModel b300 = model("llama-3.1-70b", "b300", 4, Precision.FP4, Precision.FP8, 1);
        assertThat(b300.calibration().note()).startsWith("b300 -> b200 (no measurements");
    }

    /** The hot path must not allocate: the simulator calls it once per iteration of every replica. */
    @Test
    void stepNanosAndEvaluateDoNotAllocate() {
        StepCostModel moe = model("deepseek-v3", "h200", 8, Precision.FP8, Precision.FP8, 8);
        StepUsage usage = new StepUsage();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        long sink = 0;
        for (int i = 0; i < 20_000; i++) { // warm up, let the JIT compile
            sink += H100_8B.stepNanos(i & 1023, i, i, i & 255, i * 7L);
            sink += moe.evaluate(i & 7, i & 1023, i, i, i & 255, i * 7L, usage);
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            sink += H100_8B.stepNanos(i & 1023, i, i, i & 255, i * 7L);
            sink += moe.evaluate(i & 7, i & 1023, i, i, i & 255, i * 7L, usage);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated by 200k calls").isLessThan(16 * 1024); // per-call allocation would be >= 16 B x calls (MBs); one-off JIT/OSR allocations stay far below 16 KB
    }

    /** TP2 over PCIe (RTX PRO 6000, no NVLink): all-reduces at the PCIe 5.0 link rate, B200's fit borrowed. */
    @Test
    void tensorParallelOverPcieUsesThePcieLink() {
        StepCostModel pro = model("qwen3-32b", "rtx-pro-6000", 2, Precision.BF16, Precision.BF16, 1);
        AcceleratorCalibration c = pro.calibration();
        assertThat(c.measured()).isTrue();
        assertThat(c.linkBandwidth()).isEqualTo(64e9);
        assertThat(c.borrowedNotes()).anyMatch(n -> n.startsWith("collectives from b200"));
        double bytes = 64e6;
        double nanos = c.collective(SystemCalibration.ALL_REDUCE_NCCL).allReduceNanos(bytes, 2);
        assertThat(nanos).isGreaterThanOrEqualTo(bytes / 64e9 * 1e9); // no faster than the PCIe link
        double b200 = CAL.forAccelerator(CATALOG.accelerator("b200")).collective(SystemCalibration.ALL_REDUCE_NCCL)
                .allReduceNanos(bytes, 2);
        assertThat(nanos / b200).isGreaterThan(10); // NVLink5 900 GB/s vs PCIe 64 GB/s
        assertThat(model("llama-3.1-8b", "rtx-4090", 1, Precision.BF16, Precision.BF16, 1).stepNanos(0, 0, 0, 8, 8 * 1024))
                .isPositive();
    }

    @Test
    void theMemoGivesBitIdenticalCostsAndUsageOnRandomStepSequences() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        for (StepCostModel m : List.of(H100_8B, model("llama-3.1-70b", "h100-sxm", 8, Precision.BF16, Precision.BF16, 1),
                model("qwen3-30b-a3b", "h200", 2, Precision.FP8, Precision.FP8, 2),
                model("gpt-oss-120b", "b200", 2, Precision.FP4, Precision.FP8, 1))) {
            StepCostModel.Memo memo = new StepCostModel.Memo();
            BatchShape shape = new BatchShape();
            for (int i = 0; i < 2000; i++) {
                // Runs of decode steps with growing contexts (memo hits), broken by prefill chunks and new batch sizes.
                if (i % 7 == 0 || shape.decodeSeqs == 0) {
                    shape.clear();
                    if (rnd.nextBoolean()) {
                        shape.addPrefillChunk(rnd.nextInt(2000), 1 + rnd.nextInt(4000));
                    }
                    int seqs = rnd.nextInt(200);
                    for (int s = 0; s < seqs; s++) {
                        shape.addDecode(1 + rnd.nextInt(8000));
                    }
                    if (shape.isEmpty()) {
                        shape.addDecode(100);
                    }
                } else {
                    shape.decodeContext += shape.decodeSeqs;
                    shape.decodeMaxContext++;
                }
                StepUsage plain = new StepUsage();
                StepUsage memoised = new StepUsage();
                boolean withUsage = rnd.nextInt(5) > 0;
                long expected = m.evaluate(shape, plain);
                long actual = m.evaluate(shape, withUsage ? memoised : null, memo);
                assertThat(actual).as("step %d", i).isEqualTo(expected);
                if (withUsage) {
                    assertThat(memoised).usingRecursiveComparison().isEqualTo(plain);
                }
            }
        }
    }
}
