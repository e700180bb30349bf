package org.tokenfab.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;

/**
 * Folding decode steps into one event is an optimisation, not a model: a folded run and the plain
 * step-by-step run of the same scenario and seed give the same summary.json (apart from wall time
 * and the engine's event count, which is what folding reduces) and the same timeseries.csv, byte
 * for byte. Checked on every bundled scenario and on random scenarios that mix what a fold has to
 * get right: KV pressure (preemption by recompute or swap, no-evict admission), prefix caching,
 * power caps (steps stretched), reasoning outputs (the first answer token mid-fold), failures
 * (a fold cut by a failure), several replicas under load-probing routers, bursty arrivals.
 */
class FoldingEquivalenceTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    static Stream<String> library() {
        return ScenarioLibrary.names().stream();
    }

    static Stream<Integer> randomCases() {
        return IntStream.range(0, 40).boxed();
    }

    private record Outputs(String summary, String timeSeries, long events) {
    }

    private static Outputs run(Scenario s, boolean fold) throws Exception {
        ScenarioRun run = new ScenarioRun(s).foldDecodeSteps(fold);
        RunResult r = run.run();
        StringWriter ts = new StringWriter();
        run.timeSeries().write(ts);
        String summary = ScenarioRunTest.withoutWallTime(SummaryJson.toJson(r))
                .replaceAll("\"events\" : [0-9]+", "\"events\" : X");
        return new Outputs(summary, ts.toString(), r.events());
    }

    private static void assertSame(Scenario s) throws Exception {
        Outputs folded = run(s, true);
        Outputs plain = run(s, false);
        assertThat(folded.summary()).isEqualTo(plain.summary()).contains("\"completed\"");
        assertThat(folded.timeSeries()).isEqualTo(plain.timeSeries());
        assertThat(folded.events()).isLessThanOrEqualTo(plain.events());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("library")
    void bundledScenariosGiveIdenticalOutputsFoldedAndUnfolded(String name) throws Exception {
        assertSame(new ScenarioLoader(CATALOG).parse(name, ScenarioLibrary.text(name), List.of("requests=300", "duration=10m")));
    }

    @ParameterizedTest(name = "random scenario {0}")
    @MethodSource("randomCases")
    void randomScenariosGiveIdenticalOutputsFoldedAndUnfolded(int seed) throws Exception {
        String yaml = randomScenario(seed);
        assertSame(new ScenarioLoader(CATALOG).parse("random-" + seed, yaml, List.of()));
    }

    @Test
    void foldingRemovesMostEventsOfALightlyLoadedReplica() throws Exception {
        Scenario s = new ScenarioLoader(CATALOG).parse("quickstart", ScenarioLibrary.text("quickstart"),
                List.of("requests=500", "workload.arrivals.rate=2/s"));
        long folded = run(s, true).events();
        long plain = run(s, false).events();
        // At 1 req/s per replica most steps are decode-only: ~200 steps per request unfolded.
        assertThat(folded).isLessThan(plain / 5);
    }

    /** A random scenario for {@code seed}: one H100 model, knobs drawn to stress the fold's edges. */
    static String randomScenario(int seed) {
        SplittableRandom rnd = new SplittableRandom(0xF01D + seed);
        StringBuilder y = new StringBuilder();
        y.append("name: random-").append(seed).append('\n');
        y.append("seed: ").append(rnd.nextInt(1000)).append('\n');
        y.append("requests: ").append(150 + rnd.nextInt(250)).append('\n');
        y.append("model: llama-3.1-8b\n");
        y.append("cluster:\n  pools:\n    - name: main\n      accelerator: h100-sxm\n");
        int replicas = 1 + rnd.nextInt(3);
        y.append("      replicas: ").append(replicas).append('\n');
        String policy = rnd.nextBoolean() ? "continuous" : "chunked-prefill";
        y.append("      batching: { policy: ").append(policy).append(", max_batch_tokens: ")
                .append(pick(rnd, 512, 2048, 8192)).append(", max_seqs: ").append(pick(rnd, 8, 32, 256)).append(" }\n");
        y.append("      kv_cache: { block_tokens: ").append(pick(rnd, 16, 32));
        if (rnd.nextInt(3) > 0) {
            y.append(", blocks: ").append(400 + rnd.nextInt(2000)); // pressure: preemptions
        }
        y.append(", preemption: ").append(rnd.nextBoolean() ? "recompute" : "swap");
        if (rnd.nextBoolean()) {
            y.append(", swap_space_gb: 1");
        }
        y.append(", prefix_caching: ").append(rnd.nextBoolean());
        if (rnd.nextInt(4) == 0) {
            y.append(", admission: no-evict");
        }
        y.append(" }\n");
        if (rnd.nextInt(3) == 0) {
            y.append("      power_cap_w: ").append(pick(rnd, 350, 500)).append('\n');
        }
        if (rnd.nextInt(4) == 0) {
            y.append("      failures: { mtbf: ").append(pick(rnd, 20, 60)).append("s, repair: 5s, cold_start: 2s }\n");
        }
        y.append("  router: ").append(pickName(rnd, "round-robin", "least-outstanding", "least-kv", "power-of-two")).append('\n');
        y.append("workload:\n");
        int rate = pick(rnd, 1, 5, 20, 60);
        if (rnd.nextBoolean()) {
            y.append("  arrivals: { process: poisson, rate: ").append(rate).append("/s }\n");
        } else {
            y.append("  arrivals: { process: gamma, rate: ").append(rate).append("/s, cv: 3 }\n");
        }
        y.append("  input_tokens: { dist: lognormal, median: ").append(pick(rnd, 100, 600, 2000)).append(", p99: 6000 }\n");
        y.append("  output_tokens: { dist: lognormal, median: ").append(pick(rnd, 20, 150, 500)).append(", p99: 2000 }\n");
        if (rnd.nextInt(3) == 0) {
            y.append("  reasoning: { fraction: 0.6 }\n");
        }
        if (rnd.nextInt(3) == 0) {
            y.append("  shared_prefix: { tokens: 512, variants: 4 }\n");
        }
        return y.toString();
    }

    private static String pickName(SplittableRandom rnd, String... choices) {
        return choices[rnd.nextInt(choices.length)];
    }

    private static int pick(SplittableRandom rnd, int... choices) {
        return choices[rnd.nextInt(choices.length)];
    }
}
