package org.tokenfab.scenario.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Precision;
import org.tokenfab.scenario.LengthSpec;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.sim.TokenFabException;

class ScenarioLoaderTest {
    private static final Catalog CATALOG = Catalog.builtIn();
    private final ScenarioLoader loader = new ScenarioLoader(CATALOG);

    private static final String MINIMAL = """
            name: t
            requests: 100
            model: llama-3.1-8b
            cluster:
              pools:
                - accelerator: h100-sxm
            workload:
              arrivals: { process: poisson, rate: 5/s }
              input_tokens: { dist: fixed, tokens: 100 }
              output_tokens: { dist: lognormal, median: 200, p99: 1500 }
            """;

    private Scenario parse(String yaml, String... sets) {
        return loader.parse("s.yaml", yaml, List.of(sets));
    }

    private void assertError(String yaml, String expected, String... sets) {
        assertThatThrownBy(() -> parse(yaml, sets)).isInstanceOf(TokenFabException.class).hasMessageContaining(expected);
    }

    @Test
    void computePrecisionDefaultsToTheWeightsAndIsNeverNarrower() {
        assertThat(parse(MINIMAL).precision().compute()).isEqualTo(Precision.BF16);
        assertThat(parse(MINIMAL, "precision.weights=fp8").precision().compute()).isEqualTo(Precision.FP8);
        var w4a16 = parse(MINIMAL, "precision={weights: fp4, compute: bf16}").precision();
        assertThat(w4a16.weights()).isEqualTo(Precision.FP4);
        assertThat(w4a16.compute()).isEqualTo(Precision.BF16);
        assertError(MINIMAL, "precision.compute: 'fp8' is narrower than the weights' bf16: matrix multiplications run in "
                + "the weights' format or a wider one; allowed: fp32, bf16, fp16", "precision.compute=fp8");
        assertError(MINIMAL, "precision.compute: 'fp9' is not allowed", "precision.compute=fp9");
    }

    @Test
    void minimalScenarioGetsDocumentedDefaults() {
        Scenario s = parse(MINIMAL);
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.stop().requests()).isEqualTo(100);
        assertThat(s.stop().durationNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(s.precision().weights()).isEqualTo(Precision.BF16);
        var pool = s.cluster().pools().get(0);
        assertThat(pool.name()).isEqualTo("main");
        assertThat(pool.replicas()).isEqualTo(1);
        assertThat(pool.parallelism().tp()).isEqualTo(1);
        assertThat(pool.batching().maxBatchTokens()).isEqualTo(8192);
        assertThat(pool.batching().maxSeqs()).isEqualTo(256);
        assertThat(pool.kvCache().blockTokens()).isEqualTo(16);
        assertThat(s.cluster().router().name()).isEqualTo("round-robin");
        assertThat(s.workload().arrivals()).isEqualTo(new org.tokenfab.scenario.ArrivalSpec.OpenLoop(new org.tokenfab.scenario.ArrivalSpec.Poisson(5.0), java.util.Optional.empty()));
        assertThat(s.workload().inputTokens()).isEqualTo(new LengthSpec.Fixed(100));
        var out = (LengthSpec.Lognormal) s.workload().outputTokens();
        assertThat(Math.exp(out.mu())).isCloseTo(200, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Math.exp(out.mu() + org.tokenfab.workload.LognormalLength.Z_99 * out.sigma())).isCloseTo(1500, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void unitsAreParsed() {
        Scenario s = parse(MINIMAL + "duration: 30m\n", "workload.arrivals.rate=1200/min");
        assertThat(s.stop().durationNanos()).isEqualTo(30L * 60 * 1_000_000_000L);
        assertThat(s.workload().arrivals()).isEqualTo(new org.tokenfab.scenario.ArrivalSpec.OpenLoop(new org.tokenfab.scenario.ArrivalSpec.Poisson(20.0), java.util.Optional.empty()));
    }

    @Test
    void burstyAndTimeVaryingArrivals() {
        var gamma = (org.tokenfab.scenario.ArrivalSpec.OpenLoop) parse(MINIMAL, "workload.arrivals={process: gamma, rate: 40/s, cv: 2,"
                + " rate_schedule: {type: diurnal, amplitude: 0.6, peak_hour: 14, weekend_factor: 0.5}}").workload().arrivals();
        assertThat(gamma.process()).isEqualTo(new org.tokenfab.scenario.ArrivalSpec.Gamma(40, 2));
        assertThat(gamma.schedule()).contains(new org.tokenfab.scenario.ArrivalSpec.Diurnal(0.6, 14, 0.5));
        var mmpp = (org.tokenfab.scenario.ArrivalSpec.OpenLoop) parse(MINIMAL, "workload.arrivals={process: mmpp, on_rate: 100/s,"
                + " off_rate: 0, mean_on: 1s, mean_off: 2s, rate_schedule: {type: piecewise, steps: [{at: 0s, multiplier: 1},"
                + " {at: 30m, multiplier: 2}]}}").workload().arrivals();
        assertThat(mmpp.process()).isEqualTo(new org.tokenfab.scenario.ArrivalSpec.Mmpp(100, 0, 1_000_000_000L, 2_000_000_000L));
        assertError(MINIMAL, "workload.arrivals.cv: missing", "workload.arrivals={process: gamma, rate: 4/s}");
        assertError(MINIMAL, "rate_schedule.steps[0].at: the first step must start at 0s",
                "workload.arrivals={process: poisson, rate: 4/s, rate_schedule: {type: piecewise, steps: [{at: 1s, multiplier: 1}]}}");
    }

    @Test
    void moreLengthDistributionsAndCorrelation() {
        Scenario s = parse(MINIMAL, "workload.input_tokens={dist: empirical, table: azure2023_conv/input_tokens}",
                "workload.output_tokens={dist: uniform, min: 80, max: 100}", "workload.correlation={spearman: 0.3}");
        assertThat(s.workload().inputTokens()).isEqualTo(new LengthSpec.Empirical("azure2023_conv/input_tokens"));
        assertThat(s.workload().outputTokens()).isEqualTo(new LengthSpec.Uniform(80, 100));
        assertThat(s.workload().spearman()).hasValue(0.3);
        assertError(MINIMAL, "input_tokens.table: 'azure-conv' is not allowed; expected one of",
                "workload.input_tokens={dist: empirical, table: azure-conv}");
        assertError(MINIMAL, "workload.correlation: zipf lengths cannot be correlated",
                "workload.input_tokens={dist: zipf, max: 4096, exponent: 1.1}", "workload.correlation={spearman: 0.3}");
        assertError(MINIMAL, "output_tokens.max: 10 is below min 80", "workload.output_tokens={dist: uniform, min: 80, max: 10}");
    }

    @Test
    void workloadClassesWithTheirOwnTrafficAndSlos() {
        Scenario s = parse(MINIMAL, "workload={classes: [{name: chat, arrivals: {process: poisson, rate: 2/s},"
                + " input_tokens: {dist: fixed, tokens: 10}, output_tokens: {dist: fixed, tokens: 5}, slo: {ttft: 2s, tpot: 50ms}}]}");
        var chat = s.workload().classes().get(0);
        assertThat(chat.name()).isEqualTo("chat");
        assertThat(chat.ttftSloNanos()).isEqualTo(2_000_000_000L);
        assertThat(chat.tpotSloNanos()).isEqualTo(50_000_000L);
        String one = "{name: a, arrivals: {process: poisson, rate: 2/s}, input_tokens: {dist: fixed, tokens: 10},"
                + " output_tokens: {dist: fixed, tokens: 5}}";
        assertError(MINIMAL, "workload.classes[1].name: 'a' is already the name of another class",
                "workload={classes: [" + one + ", " + one + "]}");
        assertError(MINIMAL, "workload.arrivals: unknown field", "workload.classes=[" + one + "]");
        assertError(MINIMAL, "workload.classes[0].slo.ttfb: unknown field (did you mean 'ttft'?)",
                "workload={classes: [" + one.replace("}}", "}, slo: {ttfb: 1s}}") + "]}");
    }

    @Test
    void closedLoopUsersWithThinkTime() {
        Scenario s = parse(MINIMAL, "workload.arrivals={process: closed-loop, users: 64, think_time: 500ms}");
        assertThat(s.workload().arrivals()).isEqualTo(new org.tokenfab.scenario.ArrivalSpec.ClosedLoop(64, 500_000_000L));
        assertError(MINIMAL, "workload.arrivals.rate: unknown field", "workload.arrivals={process: closed-loop, users: 4, rate: 3/s}");
        assertError(MINIMAL, "workload.arrivals.users: missing", "workload.arrivals={process: closed-loop}");
    }

    @Test
    void systemImpliesTheAcceleratorAndParallelismHasPipelineAndExpertDegrees() {
        Scenario s = parse(MINIMAL.replace("model: llama-3.1-8b", "model: qwen3-30b-a3b")
                .replace("- accelerator: h100-sxm", "- system: hgx-h200\n      parallelism: { tp: 2, pp: 2, ep: 4 }"));
        var pool = s.cluster().pools().get(0);
        assertThat(pool.accelerator()).isEqualTo("h200");
        assertThat(pool.system()).hasValue("hgx-h200");
        assertThat(pool.parallelism()).isEqualTo(new org.tokenfab.scenario.ParallelismSpec(2, 2, 4));
        assertThat(parse(MINIMAL).cluster().pools().get(0).system()).isEmpty();
        assertThat(parse(MINIMAL).cluster().pools().get(0).parallelism()).isEqualTo(new org.tokenfab.scenario.ParallelismSpec(1, 1, 1));
    }

    @Test
    void systemOfAnotherAcceleratorIsAnErrorNamingTheRightOnes() {
        assertError(MINIMAL.replace("- accelerator: h100-sxm", "- accelerator: h100-sxm\n      system: hgx-b200"),
                "cluster.pools[0].system: system 'hgx-b200' is built of b200, but the pool's accelerator is 'h100-sxm'; "
                        + "use a system of h100-sxm (hgx-h100) or leave out 'accelerator'");
        assertError(MINIMAL.replace("- accelerator: h100-sxm", "- system: hgx-h10"),
                "cluster.pools[0].system: 'hgx-h10' is not a catalog system (did you mean 'hgx-h100'?)");
    }

    @Test
    void inlineSystemBuiltOfAnInlineAccelerator() {
        Scenario s = parse(MINIMAL.replace("- accelerator: h100-sxm", """
                - accelerator: h100-sxm
                      system:
                        id: my-h100-pair
                        name: Two H100 on a bridge
                        accelerator: h100-sxm
                        accelerators_per_node: { value: 2, source: my lab, confidence: high }
                        scale_up_domain: { value: 2, source: my lab, confidence: high }
                        nodes_per_scale_up_domain: { value: 1, source: my lab, confidence: high }
                        node_overhead_w: { value: 600, source: my estimate, confidence: low-preliminary }
                        host_link: { technology: PCIe Gen5 x16 }
                      parallelism: { tp: 2 }"""));
        assertThat(s.cluster().pools().get(0).system()).hasValue("my-h100-pair");
        assertThat(s.catalog().system("my-h100-pair").scaleUpDomain()).isEqualTo(2);
    }

    @Test
    void servingPoliciesQueueKvCacheAndSpeculation() {
        Scenario s = parse(MINIMAL.replace("- accelerator: h100-sxm", """
                - accelerator: h100-sxm
                      batching: { policy: dynamic, max_seqs: 32, max_queue_delay: 20ms }
                      queue: { discipline: priority, max_queue: 500, max_wait: 30s }
                      kv_cache: { watermark: 0.01, preemption: swap, swap_space_gb: 8, prefix_caching: true, cpu_tier_gb: 64 }
                      speculative: { method: draft-model, draft_model: llama-3.1-8b, draft_tokens: 4, acceptance: 0.7 }"""));
        var pool = s.cluster().pools().get(0);
        assertThat(pool.batching()).isEqualTo(new org.tokenfab.scenario.BatchingSpec("dynamic", 8192, 32, 20_000_000L));
        assertThat(pool.queue()).isEqualTo(new org.tokenfab.scenario.QueueSpec("priority", 500, 30_000_000_000L));
        assertThat(pool.kvCache()).isEqualTo(new org.tokenfab.scenario.KvCacheSpec(16, 0.9, 0.01, "swap", 8, true, 64, 0, "on-demand"));
        assertThat(pool.speculative()).hasValue(new org.tokenfab.scenario.SpeculativeSpec("draft-model",
                java.util.Optional.of("llama-3.1-8b"), 4, 0.7));
        // Defaults: vLLM V1 without prefix caching.
        var plain = parse(MINIMAL).cluster().pools().get(0);
        assertThat(plain.queue()).isEqualTo(org.tokenfab.scenario.QueueSpec.DEFAULT);
        assertThat(plain.kvCache()).isEqualTo(org.tokenfab.scenario.KvCacheSpec.DEFAULT);
        assertThat(plain.speculative()).isEmpty();
    }

    @Test
    void servingOptionsThatCannotWorkAreExplained() {
        assertError(MINIMAL.replace("- accelerator: h100-sxm", "- accelerator: h100-sxm\n      batching: { policy: static, max_queue_delay: 5ms }"),
                "cluster.pools[0].batching.max_queue_delay: applies to the dynamic policy only (this pool's policy is static)");
        assertError(MINIMAL.replace("- accelerator: h100-sxm", "- accelerator: h100-sxm\n      kv_cache: { cpu_tier_gb: 10 }"),
                "cluster.pools[0].kv_cache.cpu_tier_gb: the CPU tier holds prefixes evicted from the prefix cache; set prefix_caching: true");
        assertError(MINIMAL.replace("- accelerator: h100-sxm", "- accelerator: h100-sxm\n      batching: { policy: continous }"),
                "(did you mean 'continuous'?)");
        assertError(MINIMAL.replace("- accelerator: h100-sxm", "- accelerator: h100-sxm\n      queue: { discipline: sjf }"),
                "expected one of fcfs, priority, shortest-prompt-first");
        assertError(MINIMAL.replace("- accelerator: h100-sxm", "- accelerator: h100-sxm\n      speculative: { method: mtp, draft_tokens: 2, acceptance: 1.5 }"),
                "cluster.pools[0].speculative.acceptance");
    }

    @Test
    void classesHavePrioritiesAndSharedPrefixes() {
        String workload = MINIMAL.substring(MINIMAL.indexOf("workload:"));
        Scenario s = parse(MINIMAL.replace(workload, """
                workload:
                  classes:
                    - name: chat
                      priority: 0
                      shared_prefix: { tokens: 1024, variants: 4 }
                      arrivals: { process: poisson, rate: 5/s }
                      input_tokens: { dist: fixed, tokens: 2000 }
                      output_tokens: { dist: fixed, tokens: 100 }
                    - name: batch
                      priority: 5
                      arrivals: { process: poisson, rate: 1/s }
                      input_tokens: { dist: fixed, tokens: 2000 }
                      output_tokens: { dist: fixed, tokens: 100 }
                """));
        var chat = s.workload().classes().get(0);
        assertThat(chat.priority()).isZero();
        assertThat(chat.sharedPrefix()).hasValue(new org.tokenfab.scenario.SharedPrefixSpec(1024, 4));
        assertThat(s.workload().classes().get(1).priority()).isEqualTo(5);
        assertThat(s.workload().classes().get(1).sharedPrefix()).isEmpty();
    }

    @Test
    void reasoningSplitsTakeExactlyOneForm() {
        assertThat(parse(MINIMAL, "workload.reasoning={fraction: 0.8}").workload().reasoning())
                .hasValue(new org.tokenfab.scenario.ReasoningSpec.Fraction(0.8));
        assertThat(parse(MINIMAL, "workload.reasoning={answer_tokens: {dist: fixed, tokens: 50}}").workload().reasoning())
                .hasValue(new org.tokenfab.scenario.ReasoningSpec.AnswerTokens(new LengthSpec.Fixed(50)));
        assertError(MINIMAL, "workload.reasoning: give exactly one of fraction", "workload.reasoning={fraction: 0.5, fraction_table: x}");
        assertError(MINIMAL, "workload.reasoning.fraction_table: 'azure' is not allowed; expected one of servegen_deepseek-r1/reason_ratio",
                "workload.reasoning={fraction_table: azure}");
        assertError(MINIMAL, "workload.reasoning.fraction", "workload.reasoning={fraction: 1.5}");
    }

    @Test
    void variantsAreNamedOverrides() {
        Scenario s = parse(MINIMAL + """
                variants:
                  - name: chunked
                    set: { "cluster.pools[0].batching.policy": chunked-prefill }
                  - name: wide
                    set: { "cluster.pools[0].batching": { policy: continuous, max_seqs: 64 }, seed: 9 }
                """);
        assertThat(s.variants()).containsExactly(
                new Scenario.Variant("chunked", List.of("cluster.pools[0].batching.policy=chunked-prefill")),
                new Scenario.Variant("wide", List.of("cluster.pools[0].batching={\"policy\":\"continuous\",\"max_seqs\":64}", "seed=9")));
        Scenario wide = parse(MINIMAL, s.variants().get(1).sets().toArray(String[]::new));
        assertThat(wide.cluster().pools().get(0).batching().policy()).isEqualTo("continuous");
        assertThat(wide.seed()).isEqualTo(9);
        assertError(MINIMAL + "variants:\n  - name: a\n    set: {seed: 1}\n  - name: a\n    set: {seed: 2}\n",
                "variants[1].name: 'a' is already the name of another variant");
        assertError(MINIMAL + "variants:\n  - name: a\n    set: 3\n", "variants[0].set: expected a mapping of YAML paths to values");
        assertThat(parse(MINIMAL + "variants:\n  - name: as-is\n").variants()).containsExactly(new Scenario.Variant("as-is", List.of()));
    }

    @Test
    void unknownKeyIsAnErrorWithASuggestionAndThePath() {
        assertError(MINIMAL.replace("rate: 5/s", "rate: 5/s, rat: 3"), "s.yaml: workload.arrivals.rat: unknown field (did you mean 'rate'?)");
        assertError(MINIMAL.replace("- accelerator", "- acelerator"),
                "s.yaml: cluster.pools[0].accelerator: missing (found 'acelerator': did you mean 'accelerator'?); expected a catalog id (h100-sxm");
    }

    @Test
    void missingRequiredFieldNamesItsPath() {
        assertError(MINIMAL.replace("model: llama-3.1-8b\n", ""), "s.yaml: model: missing");
        assertError(MINIMAL.replace("requests: 100\n", ""), "requests: missing; give `requests: N`");
    }

    @Test
    void badValuesSayWhatIsAllowed() {
        assertError(MINIMAL.replace("rate: 5/s", "rate: fast"), "workload.arrivals.rate: expected a rate such as 40/s");
        assertError(MINIMAL.replace("rate: 5/s", "rate: -5/s"), "workload.arrivals.rate: '-5/s' is out of range; allowed: more than 0/s");
        assertError(MINIMAL.replace("rate: 5/s", "rate: 0"), "out of range");
        assertError(MINIMAL.replace("requests: 100", "requests: 0"), "requests: 0 is out of range; allowed: [1,");
        assertError(MINIMAL.replace("requests: 100", "requests: many"), "requests: expected an integer");
        assertError(MINIMAL.replace("p99: 1500", "p99: 100"), "output_tokens.p99: 100.0 must be greater than median 200.0");
        assertError(MINIMAL.replace("h100-sxm", "h100-sx"), "cluster.pools[0].accelerator: 'h100-sx' is not a catalog accelerator");
        assertError(MINIMAL.replace("h100-sxm", "h100-sx"), "(did you mean 'h100-sxm'?)");
        assertError(MINIMAL.replace("dist: fixed, tokens: 100", "dist: gaussian"), "input_tokens.dist: 'gaussian' is not allowed; expected one of fixed, uniform, lognormal, empirical, zipf");
        assertError(MINIMAL.replace("median: 200, p99: 1500", "median: 200, mu: 3"), "give either median and p99");
        assertError(MINIMAL + "duration: 0s\n", "duration: '0s' is out of range");
        assertError(MINIMAL.replace("name: t", "name: a/b"), "name: 'a/b' is not allowed");
        assertError(MINIMAL.replace("pools:\n", "pools: 3\n").replace("    - accelerator: h100-sxm\n", ""), "cluster.pools: expected a non-empty list");
    }

    @Test
    void valuesOutOfRangeNameTheAllowedRange() {
        assertError(MINIMAL, "workload.arrivals.rate: '-3/s' is out of range; allowed: more than 0/s and at most 1.0E7/s",
                "workload.arrivals.rate=-3/s");
        assertError(MINIMAL, "plan.slo.ttft_p99: '-2s' is out of range; allowed: more than 0", "plan={slo: {ttft_p99: -2s}}");
        assertError(MINIMAL, "duration: '0m' is out of range; allowed: more than 0 and at most 366 days", "duration=0m");
        assertError(MINIMAL, "cluster.pools[0].replicas: 5000000 is out of range; allowed: [1, 100000]", "cluster.pools[0].replicas=5000000");
        assertError(MINIMAL, "workload.reasoning.fraction: 1.2 is out of range; allowed: [0.0, 1.0]", "workload.reasoning={fraction: 1.2}");
        assertError(MINIMAL, "workload.output_tokens.p99: 150.0 must be greater than median 200.0", "workload.output_tokens.p99=150");
    }

    @Test
    void yamlProblemsAreReportedWithLineAndColumn() {
        assertError(MINIMAL + "seed: 1\nseed: 2\n", "s.yaml:12:1: key 'seed' appears twice in the same mapping; give each key once");
        assertError("name: t\n  bad: [1, 2\n", "s.yaml:");
        assertError("- just\n- a list\n", "expected a mapping of scenario fields");
        assertError("", "expected a mapping of scenario fields");
    }

    @Test
    void overridesReplaceFieldsByPath() {
        Scenario s = parse(MINIMAL, "cluster.pools[0].replicas=8", "seed=7", "precision.kv_cache=fp8",
                "cluster.pools[0].parallelism={tp: 2}");
        assertThat(s.cluster().pools().get(0).replicas()).isEqualTo(8);
        assertThat(s.cluster().pools().get(0).parallelism().tp()).isEqualTo(2);
        assertThat(s.seed()).isEqualTo(7);
        assertThat(s.precision().kvCache()).isEqualTo(Precision.FP8);
    }

    @Test
    void overrideOfAPathThatDoesNotExistNamesIt() {
        assertError(MINIMAL, "--set cluster.pools[3].replicas: cluster.pools has 1 item, so index 3 does not exist", "cluster.pools[3].replicas=2");
        assertError(MINIMAL, "workload.arrivals.rtae: unknown field (did you mean 'rate'?)", "workload.arrivals.rtae=3/s");
        assertError(MINIMAL, "--set name.x: name is not a mapping", "name.x=3");
        assertError(MINIMAL, "expected PATH=VALUE", "replicas");
        assertError(MINIMAL, "is not a YAML path", "cluster..pools=1");
    }

    @Test
    void everyBundledScenarioLoadsAndTheIndexMatchesTheFolder() throws IOException {
        List<String> onDisk;
        try (Stream<Path> files = Files.list(Path.of("library"))) {
            onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        }
        assertThat(ScenarioLibrary.names()).containsExactlyInAnyOrderElementsOf(onDisk);
        ScenarioLibrary library = new ScenarioLibrary(loader);
        for (String name : ScenarioLibrary.names()) {
            assertThat(library.resolve(name, List.of()).name()).isEqualTo(name);
        }
        assertThat(library.resolve(null, List.of()).name()).isEqualTo(ScenarioLibrary.DEFAULT);
    }

    @Test
    void unknownScenarioNameSuggestsABundledOne() {
        assertThatThrownBy(() -> new ScenarioLibrary(loader).resolve("quickstrat", List.of()))
                .hasMessageContaining("'quickstrat' is neither a scenario file nor a bundled scenario (did you mean 'quickstart'?)");
    }

    @Test
    void quantities() {
        assertThat(Quantities.durationNanos("50ms").getAsDouble()).isEqualTo(50e6);
        assertThat(Quantities.durationNanos("1.5h").getAsDouble()).isEqualTo(1.5 * 3600e9);
        assertThat(Quantities.durationNanos("2").getAsDouble()).isEqualTo(2e9);
        assertThat(Quantities.durationNanos("2 parsecs")).isEmpty();
        assertThat(Quantities.ratePerSecond("3600/h").getAsDouble()).isEqualTo(1.0);
        assertThat(Quantities.ratePerSecond("40").getAsDouble()).isEqualTo(40.0);
        assertThat(Quantities.ratePerSecond("40/fortnight")).isEmpty();
    }
}
