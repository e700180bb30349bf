package org.tokenfab.validation.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.sim.TokenFabException;

class ServingValidationTest {
    private static final Path CASES = Path.of("src/main/resources/org/tokenfab/validation/serving/cases");

    @Test
    void ksDistanceIsTheLargestGapBetweenEmpiricalCdfs() {
        double[] a = {1, 2, 3, 4};
        assertThat(TraceReplay.ks(a, a)).isZero();
        assertThat(TraceReplay.ks(a, new double[] {10, 11})).isEqualTo(1.0);
        // {1,2,3,4} vs {3,4,5,6}: at x = 2 the CDFs are 0.5 and 0.
        assertThat(TraceReplay.ks(a, new double[] {3, 4, 5, 6})).isEqualTo(0.5);
        assertThat(TraceReplay.quantile(a, 50)).isEqualTo(2.5);
        assertThat(TraceReplay.quantile(a, 100)).isEqualTo(4);
    }

    @Test
    void measuredTraceReproducesThePublishedVllmFigures() {
        // validation/summary.txt of the RTX 4090 run (LLMServingSim @5daddb2) gives vLLM's TTFT mean
        // 65,456.6 ms, median 60,110.9 ms and TPOT mean 32.4 ms, median 30.8 ms, from the same requests.
        String csv = ServingCases.resourceText("llmservingsim/rtx-4090-llama-3.1-8b.csv");
        TraceReplay.Measured m = TraceReplay.Measured.parse("rtx-4090.csv", csv);
        assertThat(m.ttftMs()).hasSize(300);
        assertThat(TraceReplay.mean(m.ttftMs())).isCloseTo(65_456.6, within(0.01 * 65_456.6));
        assertThat(TraceReplay.quantile(m.ttftMs(), 50)).isCloseTo(60_110.9, within(0.01 * 60_110.9));
        assertThat(TraceReplay.mean(m.tpotMs())).isCloseTo(32.4, within(0.02 * 32.4));
        assertThat(TraceReplay.quantile(m.tpotMs(), 50)).isCloseTo(30.8, within(0.02 * 30.8));
    }

    @Test
    void everyCaseFileIsIndexedAndParses() throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(CASES)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
        List<ServingCase> cases = ServingCases.bundled();
        assertThat(cases.stream().map(ServingCase::file).sorted().toList()).isEqualTo(files);
        for (ServingCase c : cases) {
            assertThat(c.source()).containsKeys("repository", "commit", "path", "licence");
            assertThat(c.usedForCalibration()).as(c.name()).isFalse();
        }
    }

    @Test
    void aBrokenCaseFileSaysWhichFileAndKey() {
        assertThatThrownBy(() -> ServingCases.parse("bad.yaml", "name: x\nkind: replay\n"))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("bad.yaml: kind: 'replay' is not one of");
        assertThatThrownBy(() -> ServingCases.parse("bad.yaml", """
                name: x
                kind: static-batch
                source: { repository: r, commit: c, path: p, licence: MIT }
                engine: e
                hardware: h
                scenario: "model: llama-2-70b"
                points:
                  - { prompt: 0, batch: 1, output: 2, repetitions: 1, measured: { ttft_ms: 1, tpot_ms: 1 } }
                """)).isInstanceOf(TokenFabException.class)
                .hasMessageContaining("bad.yaml: points[0].prompt: must be a whole number >= 1");
    }

    @Test
    void staticBatchPointsRunEndToEndAndScaleWithTheBatch() {
        ServingCase c = ServingCases.bundled().stream().filter(k -> k.name().equals("splitwise-llama-2-70b-h100-80gb-tp4"))
                .findFirst().orElseThrow();
        ServingCase small = new ServingCase(c.file(), c.name(), c.kind(), c.source(), c.engine(), c.hardware(), false, null,
                c.scenarioText(), List.of(new ServingCase.Point(512, 1, 16, 1, 50, 30), new ServingCase.Point(512, 8, 16, 1, 50, 30)),
                List.of(), "vllm", true);
        List<CaseOutcome> out = StaticBatch.run(small, Catalog.builtIn(), org.tokenfab.hardware.cost.EngineProfiles.builtIn()::get);
        assertThat(out).hasSize(4);
        double ttft1 = out.get(0).predicted(), tpot1 = out.get(1).predicted(), ttft8 = out.get(2).predicted(),
                tpot8 = out.get(3).predicted();
        assertThat(ttft1).isPositive();
        assertThat(ttft8).isGreaterThan(4 * ttft1); // eight prompts prefilled together: compute-bound
        assertThat(tpot8).isBetween(tpot1, 1.5 * tpot1); // decode: memory-bound, batching is nearly free
        assertThat(out.get(0).error()).isEqualTo(Math.abs(ttft1 - 50) / 50);
    }

    @Test
    void outputsStopAtTheModelsContextButTimeAtLeastOneDecodeIteration() {
        assertThat(StaticBatch.output(new ServingCase.Point(512, 1, 8192, 1, 1, 1), 4096)).isEqualTo(3584);
        assertThat(StaticBatch.output(new ServingCase.Point(8192, 1, 128, 1, 1, 1), 4096)).isEqualTo(2);
        assertThat(StaticBatch.output(new ServingCase.Point(128, 1, 128, 1, 1, 1), 4096)).isEqualTo(128);
    }

    @Test
    void engineProfilesFitOnEvenPointsAndAreJudgedOnOddOnes() {
        ServingCase c = ServingCases.bundled().stream().filter(k -> k.name().equals("trtllm-llama-3.1-8b")).findFirst()
                .orElseThrow();
        assertThat(c.engineProfile()).isEqualTo("trtllm");
        ServingCase split = EngineFit.calibrationSplit(c);
        assertThat(split.throughputPoints()).hasSize((c.throughputPoints().size() + 1) / 2);
        assertThat(split.throughputPoints().get(1)).isEqualTo(c.throughputPoints().get(2));
        assertThat(c.calibrationPoint(0)).isTrue();
        assertThat(c.calibrationPoint(1)).isFalse();
        // vLLM cases are never in a calibration split: their profile is not fitted.
        ServingCase vllm = ServingCases.bundled().stream().filter(k -> k.engineProfile().equals("vllm")).findFirst().orElseThrow();
        assertThat(vllm.calibrationPoint(0)).isFalse();
    }

    @Test
    void gptOssRunsInTheFormatsTensorRtLlmUsesForIt() {
        ServingCase oss = ServingCases.bundled().stream().filter(k -> k.name().equals("trtllm-gpt-oss-120b")).findFirst()
                .orElseThrow();
        for (ServingCase.ThroughputPoint p : oss.throughputPoints()) {
            boolean hopper = p.accelerator().startsWith("h");
            assertThat(p.weights()).isEqualTo("fp4");
            assertThat(p.compute()).as(p.label()).isEqualTo(hopper ? "bf16" : "fp8");
            assertThat(p.kvCache()).as(p.label()).isEqualTo(hopper ? "bf16" : "fp8");
        }
        ServingCase.ThroughputPoint h200 = oss.throughputPoints().stream().filter(p -> p.accelerator().equals("h200"))
                .findFirst().orElseThrow();
        assertThat(h200.precision()).isEqualTo("fp8"); // the table's label stays the label
        assertThat(OfflineThroughput.scenario(oss, h200, TrtllmBenchLimits.DEFAULTS))
                .contains("precision: { weights: fp4, compute: bf16, kv_cache: bf16 }");
        // A point without formats runs in its label's: FP4 weights keep an FP8 KV cache.
        ServingCase.ThroughputPoint plain = new ServingCase.ThroughputPoint("b200", 1, 1, "fp4", 128, 128, 30_000, 1);
        assertThat(List.of(plain.weights(), plain.compute(), plain.kvCache())).containsExactly("fp4", "fp4", "fp8");
    }

    @Test
    void offlinePointsRunTheSourcesRequestCountsWithTensorRtLlmsBudgetsPerRank() {
        ServingCase qwen = ServingCases.bundled().stream().filter(k -> k.name().equals("trtllm-qwen3-235b-a22b")).findFirst()
                .orElseThrow();
        // Attention data parallel over 8 ranks, each with TensorRT-LLM's 8,192 tokens and 2,048 sequences.
        String dep8 = OfflineThroughput.scenario(qwen, new ServingCase.ThroughputPoint("h200", 1, 8, "fp8", 128, 128, 30_000, 3803.6),
                TrtllmBenchLimits.DEFAULTS);
        assertThat(dep8).contains("requests: 30000").contains("users: 30000").contains("parallelism: { tp: 1, ep: 8 }")
                .contains("max_batch_tokens: 65536, max_seqs: 16384");
        String tp8 = OfflineThroughput.scenario(qwen, new ServingCase.ThroughputPoint("h200", 8, 1, "fp8", 1024, 1024, 3000, 1),
                TrtllmBenchLimits.DEFAULTS);
        assertThat(tp8).contains("requests: 3000").contains("max_batch_tokens: 8192, max_seqs: 2048");
        // The bundled MoE points run as the source's MoE command does (--ep, attention data parallel),
        // never with tensor-parallel experts, and every point has its dataset's size.
        for (ServingCase c : ServingCases.bundled()) {
            for (ServingCase.ThroughputPoint p : c.throughputPoints()) {
                assertThat(p.requests()).isIn(1000, 1500, 3000, 30_000);
                if (Catalog.builtIn().model(c.scenarioText().lines().filter(l -> l.strip().startsWith("model:")).findFirst()
                        .orElseThrow().strip().substring("model:".length()).strip()).isMoe()) {
                    assertThat(p.tp()).as(c.name() + " " + p.label()).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void importLeavesOutPrefillsFasterThanTheDenseRoofline() {
        // Splitwise's TP2 batch-64 rows: 32,768 prompt tokens of Llama-2-70B "prefilled" in 794 ms on
        // two A100s, which need >= 7.2 s at their dense peak; the batch-32 row (6.6 s) is possible.
        assertThat(ServingDataImport.impossiblePrefill("llama-2-70b", "a100-80gb", 2, 512, 64, 794))
                .contains("need at least 7,244 ms on 2 x a100-80gb");
        assertThat(ServingDataImport.impossiblePrefill("llama-2-70b", "a100-80gb", 2, 512, 32, 6606)).isNull();
        assertThat(ServingDataImport.impossiblePrefill("llama-2-70b", "h100-sxm", 2, 512, 64, 360)).isNotNull();
        // ...and the bundled TP2 cases carry no such point.
        assertThat(ServingCases.bundled().stream().filter(k -> k.name().startsWith("splitwise-") && k.name().endsWith("-tp2"))
                .flatMap(k -> k.points().stream()).noneMatch(p -> p.batch() == 64)).isTrue();
    }

    @Test
    void importLeavesOutRowsThatAreAnotherGroupsRowsRescaled() {
        // Splitwise's "power-capped H100" rows: the H100 rows, prefill x 1.3 and decode x 1.0, repetition by repetition.
        Map<String, List<double[]>> h100 = Map.of("00512-001-00128", List.of(new double[] {83.4, 37.05, 4790}, new double[] {85.4, 36.97, 4785}),
                "08192-001-00128", List.of(new double[] {1340.2, 37.8, 6200}));
        Map<String, List<double[]>> capped = Map.of("00512-001-00128",
                List.of(new double[] {83.4 * 1.3, 37.05, 4815}, new double[] {85.4 * 1.3, 36.97, 4811}),
                "08192-001-00128", List.of(new double[] {1340.2 * 1.3, 37.8, 6600}));
        assertThat(ServingDataImport.derivedFrom(capped, h100)).isEqualTo("every prefill time x 1.3000 and every decode time x 1.0000");
        // One repetition off the rule, or another set of configurations: a measurement of its own.
        Map<String, List<double[]>> measured = Map.of("00512-001-00128",
                List.of(new double[] {83.4 * 1.3, 37.05, 4815}, new double[] {85.4 * 1.31, 36.97, 4811}),
                "08192-001-00128", List.of(new double[] {1340.2 * 1.3, 37.8, 6600}));
        assertThat(ServingDataImport.derivedFrom(measured, h100)).isNull();
        assertThat(ServingDataImport.derivedFrom(Map.of("00512-001-00128", capped.get("00512-001-00128")), h100)).isNull();
        // ...and no bundled case is such a group.
        assertThat(ServingCases.bundled()).noneMatch(k -> k.name().contains("pcap"));
    }
}
