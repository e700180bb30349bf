package org.tokenfab.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.sim.TokenFabException;

class ScenarioRunTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    private static final String SMALL = """
            name: small
            seed: 3
            requests: 400
            model: llama-3.1-8b
            cluster:
              pools:
                - accelerator: h100-sxm
                  replicas: 2
            workload:
              arrivals: { process: poisson, rate: 8/s }
              input_tokens: { dist: lognormal, median: 800, p99: 6000 }
              output_tokens: { dist: lognormal, median: 150, p99: 1000 }
            """;

    private static Scenario scenario(String... sets) {
        return new ScenarioLoader(CATALOG).parse("small.yaml", SMALL, List.of(sets));
    }

    private static RunResult run(String... sets) {
        return new ScenarioRun(scenario(sets)).run();
    }

    static String withoutWallTime(String json) {
        return json.replaceAll("\"wall_seconds\" : [0-9.Ee-]+", "\"wall_seconds\" : X");
    }

    @Test
    void sameSeedGivesAnIdenticalSummaryApartFromWallTime() {
        String a = withoutWallTime(SummaryJson.toJson(run()));
        String b = withoutWallTime(SummaryJson.toJson(run()));
        assertThat(a).isEqualTo(b).contains("\"wall_seconds\" : X");
        assertThat(withoutWallTime(SummaryJson.toJson(run("seed=4")))).isNotEqualTo(a);
    }

    @Test
    void everyRequestIsAccountedForAndMetricsAreConsistent() {
        RunResult r = run();
        assertThat(r.arrived()).isEqualTo(400);
        assertThat(r.completed() + r.rejected()).isEqualTo(r.arrived());
        assertThat(r.ttft().count()).isEqualTo(r.completed());
        assertThat(r.e2e().count()).isEqualTo(r.completed());
        // Percentiles are ordered, and a request's E2E is at least its TTFT.
        for (LatencySummary l : List.of(r.ttft(), r.tpot(), r.itl(), r.e2e())) {
            assertThat(l.p50()).isLessThanOrEqualTo(l.p90());
            assertThat(l.p90()).isLessThanOrEqualTo(l.p99());
            assertThat(l.p99()).isLessThanOrEqualTo(l.max() * 1.001);
        }
        assertThat(r.e2e().mean()).isGreaterThan(r.ttft().mean());
        // Tokens out = output tokens per second x simulated time.
        assertThat(r.outputTokensPerSecond() * r.simulatedSeconds()).isCloseTo(r.outputTokens(), org.assertj.core.data.Offset.offset(1.0));
        // At 8 req/s with ~1 s service, far below saturation: the offered rate is carried.
        assertThat(r.requestsPerSecond()).isBetween(6.5, 8.5);
        assertThat(r.pools().get(0).busyFraction()).isBetween(0.0, 1.0);
        assertThat(r.peakInFlight()).isLessThan(400);
    }

    @Test
    void durationStopsArrivals() {
        RunResult r = run("requests=1000000", "duration=10s");
        // Poisson 8/s for 10 s: 80 expected, ~9 standard deviations of room either way.
        assertThat(r.arrived()).isBetween(40L, 130L);
    }

    @Test
    void energyIsBetweenIdleAndTdpAndAPowerCapHolds() {
        RunResult free = run();
        PoolResult pool = free.pools().get(0);
        double watts = pool.meanWattsPerAccelerator(free.simulatedSeconds());
        var h100 = CATALOG.accelerator("h100-sxm");
        assertThat(watts).isBetween(h100.idleW(), h100.tdpW());
        assertThat(pool.mfu()).isBetween(0.0, 1.0);
        assertThat(pool.mbu()).isBetween(0.0, 1.0);

        RunResult capped = run("cluster.pools[0].power_cap_w=300");
        PoolResult cappedPool = capped.pools().get(0);
        assertThat(cappedPool.meanWattsPerAccelerator(capped.simulatedSeconds())).isLessThanOrEqualTo(300.0).isLessThan(watts);
        // Slower clocks: the same requests take at least as long to prefill.
        assertThat(capped.ttft().mean()).isGreaterThanOrEqualTo(free.ttft().mean());
    }

    @Test
    void aPowerCapBelowIdleIsExplained() {
        assertThatThrownBy(() -> new ScenarioRun(scenario("cluster.pools[0].power_cap_w=50")))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("small.yaml: cluster.pools[0] (main): ");
    }

    @Test
    void closedLoopKeepsAtMostOneRequestPerUserInFlight() {
        RunResult r = run("workload.arrivals={process: closed-loop, users: 16}");
        assertThat(r.completed()).isEqualTo(400);
        assertThat(r.peakInFlight()).isLessThanOrEqualTo(16);
    }

    @Test
    void everyArrivalProcessAndLengthDistributionRunsEndToEnd() {
        for (String arrivals : java.util.List.of("{process: gamma, rate: 8/s, cv: 2}", "{process: weibull, rate: 8/s, cv: 0.5}",
                "{process: mmpp, on_rate: 16/s, off_rate: 0, mean_on: 5s, mean_off: 5s}",
                "{process: poisson, rate: 8/s, rate_schedule: {type: diurnal, amplitude: 0.5, peak_hour: 0, weekend_factor: 1}}")) {
            RunResult r = run("workload.arrivals=" + arrivals, "workload.input_tokens={dist: empirical, table: azure2023_conv/input_tokens}",
                    "workload.output_tokens={dist: uniform, min: 100, max: 200}", "workload.correlation={spearman: 0.5}");
            assertThat(r.completed()).as(arrivals).isEqualTo(400);
            // Mean rate 8/s (the MMPP's long-run mean is 8/s too): 400 requests arrive in ~50 s.
            assertThat(r.simulatedSeconds()).as(arrivals).isBetween(20.0, 120.0);
        }
    }

    @Test
    void aBundledTraceIsReplayedRowForRow() {
        RunResult all = new ScenarioRun(new ScenarioLoader(CATALOG).parse("replay.yaml",
                SMALL.replace("requests: 400\n", "").replaceAll("(?s)workload:.*", "workload:\n  trace: { bundled: azure-code }\n"),
                List.of())).run();
        assertThat(all.arrived()).isEqualTo(8_819); // every row of the trace (shared traces README)
        assertThat(all.completed()).isEqualTo(8_819);
        // The first 10 minutes, four times as fast: a quarter of the time, the same requests.
        RunResult window = new ScenarioRun(new ScenarioLoader(CATALOG).parse("replay.yaml",
                SMALL.replace("requests: 400\n", "").replaceAll("(?s)workload:.*",
                        "workload:\n  trace: { bundled: azure-code, end: 10m, speedup: 4 }\n"), List.of())).run();
        assertThat(window.arrived()).isBetween(1_000L, 2_500L);
        assertThat(window.simulatedSeconds()).isLessThan(200);
    }

    private static final String MIX = "workload={classes: ["
            + "{name: chat, arrivals: {process: poisson, rate: 6/s}, input_tokens: {dist: fixed, tokens: 500},"
            + " output_tokens: {dist: fixed, tokens: 100}, slo: {ttft: 1ms, tpot: 1s}},"
            + " {name: batch, arrivals: {process: closed-loop, users: 2}, input_tokens: {dist: fixed, tokens: 4000},"
            + " output_tokens: {dist: fixed, tokens: 200}}]}";

    @Test
    void aWorkloadMixReportsEachClassWithItsSlo() {
        RunResult r = run(MIX);
        assertThat(r.classes()).extracting(ClassResult::name).containsExactly("chat", "batch");
        ClassResult chat = r.classes().get(0);
        ClassResult batch = r.classes().get(1);
        // One budget of 400 requests for the whole mix.
        assertThat(chat.arrived() + batch.arrived()).isEqualTo(400);
        assertThat(chat.completed() + batch.completed()).isEqualTo(r.completed());
        // A 1 ms TTFT cannot be met (a 500-token prefill alone takes longer): attainment 0, goodput 0.
        assertThat(chat.sloAttainment()).isZero();
        assertThat(chat.goodput()).isZero();
        // No SLO: every completed request counts.
        assertThat(batch.sloAttainment()).isEqualTo(1.0);
        assertThat(batch.goodput() * r.simulatedSeconds()).isCloseTo(batch.completed(), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(SummaryJson.toJson(r)).contains("\"classes\"", "\"goodput_requests_per_s\"", "\"attainment\"");
    }

    @Test
    void prefixCachingReusesASharedSystemPromptAndCutsTtft() {
        String shared = "workload.shared_prefix={tokens: 2048, variants: 2}";
        String longPrompts = "workload.input_tokens={dist: fixed, tokens: 3000}";
        RunResult cold = run(shared, longPrompts);
        RunResult warm = run(shared, longPrompts, "cluster.pools[0].kv_cache={prefix_caching: true}");
        // 2,048 of 3,000 prompt tokens are one of two system prompts: once each is cached on each
        // replica (4 misses), every later request finds its 32 units of 64 tokens.
        PoolResult p = warm.pools().get(0);
        assertThat(p.prefixHitRatio()).isGreaterThan(0.6).isLessThanOrEqualTo(2048.0 / 3000);
        assertThat(cold.pools().get(0).prefixHitRatio()).isNaN();
        assertThat(warm.ttft().mean()).isLessThan(0.8 * cold.ttft().mean());
        assertThat(warm.completed()).isEqualTo(cold.completed()).isEqualTo(400);
        assertThat(warm.outputTokens()).isEqualTo(cold.outputTokens());
        assertThat(SummaryJson.toJson(warm)).contains("\"prefix_cache_hit_ratio\" : 0.6");
    }

    @Test
    void priorityClassesOvertakeUnderLoad() {
        String mix = "workload={classes: ["
                + "{name: urgent, priority: 0, arrivals: {process: poisson, rate: 4/s}, input_tokens: {dist: fixed, tokens: 2000},"
                + " output_tokens: {dist: fixed, tokens: 50}},"
                + " {name: bulk, priority: 1, arrivals: {process: poisson, rate: 12/s}, input_tokens: {dist: fixed, tokens: 2000},"
                + " output_tokens: {dist: fixed, tokens: 50}}]}";
        // One replica with a small batch: a queue builds up, and its order decides who waits.
        String tight = "cluster.pools[0]={accelerator: h100-sxm, replicas: 1, batching: {max_seqs: 4, max_batch_tokens: 2048}}";
        RunResult fcfs = run(mix, tight);
        RunResult prio = run(mix, tight, "cluster.pools[0].queue={discipline: priority}");
        double urgentFcfs = fcfs.classes().get(0).ttft().mean();
        double urgentPrio = prio.classes().get(0).ttft().mean();
        assertThat(urgentPrio).isLessThan(0.5 * urgentFcfs);
        assertThat(prio.classes().get(1).ttft().mean()).isGreaterThan(urgentPrio);
    }

    @Test
    void admissionControlRejectsAndCountsByReason() {
        RunResult r = run("cluster.pools[0].replicas=1", "workload.arrivals.rate=40/s",
                "cluster.pools[0].queue={max_queue: 20, max_wait: 2s}");
        PoolResult p = r.pools().get(0);
        assertThat(p.rejectedQueueFull() + p.rejectedTimeout()).isPositive();
        assertThat(r.rejected()).isEqualTo(p.rejectedQueueFull() + p.rejectedTimeout() + p.rejectedTooLong());
        assertThat(r.arrived()).isEqualTo(r.completed() + r.rejected());
        assertThat(SummaryJson.toJson(r)).contains("\"queue_full\" : " + p.rejectedQueueFull());
    }

    @Test
    void speculativeDecodingEmitsSeveralTokensPerStepAndCutsTpot() {
        RunResult plain = run();
        RunResult spec = run("cluster.pools[0].speculative={method: mtp, draft_tokens: 3, acceptance: 0.8}");
        assertThat(spec.outputTokens()).isEqualTo(plain.outputTokens());
        // Accepted over proposed draft tokens: a(1 - a^k) / ((1 - a) k) = 0.8 x 0.488 / 0.6 = 0.651 for
        // a = 0.8 and k = 3 (fewer near the end of an answer; 400 requests leave a small sampling error).
        assertThat(spec.pools().get(0).draftAcceptance()).isCloseTo(0.651, org.assertj.core.data.Offset.offset(0.03));
        assertThat(spec.tpot().mean()).isLessThan(0.7 * plain.tpot().mean());
        RunResult draft = run("cluster.pools[0].speculative={method: draft-model, draft_model: llama-3.1-8b, draft_tokens: 3,"
                + " acceptance: 0.8}", "model=llama-3.1-70b", "cluster.pools[0].parallelism.tp=4");
        assertThat(draft.completed()).isEqualTo(400);
        // The 8B draft's weights take KV space from the 70B target.
        RunResult target = run("model=llama-3.1-70b", "cluster.pools[0].parallelism.tp=4");
        assertThat(draft.pools().get(0).kvCapacityTokens()).isLessThan(target.pools().get(0).kvCapacityTokens());
    }

    @Test
    void swapNeedsAHostLinkAndKeepsTokenCountsExact() {
        // A tiny KV cache forces preemptions.
        String small = "cluster.pools[0].kv_cache={memory_utilization: 0.5}";
        RunResult recompute = run(small, "model=llama-3.1-70b", "cluster.pools[0].parallelism.tp=2", "precision.weights=fp8");
        RunResult swap = run(small, "model=llama-3.1-70b", "cluster.pools[0].parallelism.tp=2", "precision.weights=fp8",
                "cluster.pools[0].kv_cache.preemption=swap", "cluster.pools[0].system=hgx-h100");
        assertThat(recompute.pools().get(0).preemptions()).isPositive();
        assertThat(swap.pools().get(0).swapOuts()).isPositive();
        assertThat(swap.outputTokens()).isEqualTo(recompute.outputTokens());
        // The same requests complete (one prompt of the lognormal tail is larger than this small cache: rejected in both).
        assertThat(swap.completed()).isEqualTo(recompute.completed());
        assertThat(swap.arrived()).isEqualTo(swap.completed() + swap.rejected());
        assertThat(swap.pools().get(0).rejectedTooLong()).isEqualTo(swap.rejected());
    }

    @Test
    void expertParallelismRunsAndMultipliesTheCache() {
        RunResult tp = run("model=qwen3-30b-a3b", "cluster.pools[0].parallelism={tp: 2}");
        RunResult ep = run("model=qwen3-30b-a3b", "cluster.pools[0].parallelism={tp: 2, ep: 4}");
        assertThat(ep.pools().get(0).accelerators()).isEqualTo(2 * tp.pools().get(0).accelerators());
        assertThat(ep.pools().get(0).kvCapacityTokens()).isGreaterThan(2 * tp.pools().get(0).kvCapacityTokens());
        assertThat(ep.completed()).isEqualTo(400);
    }

    @Test
    void reasoningModelsReportTheTimeToTheFirstAnswerToken() {
        RunResult plain = run("workload.output_tokens={dist: fixed, tokens: 400}");
        RunResult thinking = run("workload.output_tokens={dist: fixed, tokens: 400}", "workload.reasoning={fraction: 0.75}");
        // Same lengths, so the same schedule: TTFT and TPOT identical; the answer starts after 300
        // reasoning tokens, about 300 TPOTs after the first token.
        assertThat(thinking.ttft()).isEqualTo(plain.ttft());
        assertThat(plain.ttfa()).isEqualTo(plain.ttft());
        double expected = thinking.ttft().mean() + 300 * thinking.tpot().mean();
        assertThat(thinking.ttfa().mean()).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(2));
        assertThat(SummaryJson.toJson(thinking)).contains("\"ttfa\"", "\"ttfa_ms\"");
        RunResult table = run("workload.reasoning={fraction_table: servegen_deepseek-r1/reason_ratio}");
        assertThat(table.ttfa().mean()).isGreaterThan(table.ttft().mean());
    }

    @Test
    void agenticSessionsChainCallsWithGrowingContext() {
        RunResult r = run("workload.sessions={steps: {dist: fixed, tokens: 4}, tool_latency_ms: {dist: fixed, tokens: 200},"
                + " tool_tokens: {dist: fixed, tokens: 300}}", "workload.arrivals={process: poisson, rate: 2/s}");
        // 400 calls in sessions of 4: about 100 sessions; every call completes.
        assertThat(r.arrived()).isEqualTo(400);
        assertThat(r.completed()).isEqualTo(400);
        // Later calls carry the earlier context: the mean prompt is well above the first prompts' median of 800.
        assertThat((double) r.inputTokens() / r.completed()).isGreaterThan(1000);
        // With prefix caching and sessions kept on one replica, later calls find their context cached.
        RunResult cached = run("workload.sessions={steps: {dist: fixed, tokens: 4}, tool_latency_ms: {dist: fixed, tokens: 200},"
                + " tool_tokens: {dist: fixed, tokens: 300}}", "workload.arrivals={process: poisson, rate: 2/s}",
                "cluster.pools[0].kv_cache={prefix_caching: true}", "cluster.router=session-sticky");
        assertThat(cached.pools().get(0).prefixHitRatio()).isGreaterThan(0.3);
        assertThat(cached.ttft().mean()).isLessThan(r.ttft().mean());
    }

    @Test
    void sessionsNeedOpenLoopArrivals() {
        assertThatThrownBy(() -> scenario("workload.arrivals={process: closed-loop, users: 2}",
                "workload.sessions={steps: {dist: fixed, tokens: 4}, tool_latency_ms: {dist: fixed, tokens: 200},"
                        + " tool_tokens: {dist: fixed, tokens: 300}}"))
                .hasMessageContaining("workload.sessions: sessions are started by an open-loop arrival process");
    }

    @Test
    void serveGenClientWindowsDriveArrivalsWithLengthsFromDistributions() {
        String yaml = SMALL.replace("requests: 400\n", "").replaceAll("(?s)workload:.*", "workload:\n  trace: { bundled:"
                + " servegen-mm-image, end: 2m, input_tokens: { dist: fixed, tokens: 300 }, output_tokens: { dist: fixed, tokens: 20 } }\n");
        RunResult r = new ScenarioRun(new ScenarioLoader(CATALOG).parse("servegen.yaml", yaml, List.of())).run();
        assertThat(r.arrived()).isPositive();
        assertThat(r.completed()).isEqualTo(r.arrived());
        assertThat(r.inputTokens()).isEqualTo(300 * r.completed());
        assertThatThrownBy(() -> new ScenarioLoader(CATALOG).parse("servegen.yaml",
                yaml.replace("input_tokens: { dist: fixed, tokens: 300 }, ", ""), List.of()))
                .hasMessageContaining("workload.trace.input_tokens: missing");
    }

    @Test
    void impossibleParallelismIsExplainedWithNumbers() {
        assertThatThrownBy(() -> new ScenarioRun(scenario("cluster.pools[0].parallelism={tp: 16}")))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("small.yaml: cluster.pools[0] (main): ")
                .hasMessageContaining("16");
    }
}
