package org.tokenfab.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.sim.TokenFabException;

/** Disaggregation, autoscaling and failures end to end: conservation, energy, and what each changes. */
class DatacenterTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    private static final String BASE = """
            name: dc
            seed: 9
            requests: 1500
            model: llama-3.1-8b
            cluster:
              pools:
                - name: main
                  accelerator: h100-sxm
                  system: hgx-h100
                  replicas: 4
              router: least-outstanding
            workload:
              arrivals: { process: poisson, rate: 12/s }
              input_tokens: { dist: lognormal, median: 1500, p99: 8000 }
              output_tokens: { dist: lognormal, median: 200, p99: 1200 }
            """;

    private static ScenarioRun scenario(String... sets) {
        return new ScenarioRun(new ScenarioLoader(CATALOG).parse("dc.yaml", BASE, List.of(sets)));
    }

    /** Runs with a conservation check every 65,536 events, and at the end. */
    private static RunResult runChecked(ScenarioRun run) {
        RunResult r = run.run((fraction, events) -> {
            var m = run.metrics();
            assertThat(m.completed() + m.rejected() + run.cluster().inFlight()).isEqualTo(m.arrived());
        });
        assertThat(r.completed() + r.rejected()).isEqualTo(r.arrived());
        assertThat(run.cluster().inFlight()).isZero();
        return r;
    }

    private static final String DISAGGREGATED = "cluster.pools=["
            + "{name: pre, role: prefill, accelerator: h100-sxm, system: hgx-h100, replicas: 2},"
            + "{name: dec, role: decode, accelerator: h100-sxm, system: hgx-h100, replicas: 2}]";

    @Test
    void disaggregationMovesEveryMultiTokenRequestAndFlattensTpot() {
        RunResult colocated = runChecked(scenario());
        RunResult split = runChecked(scenario(DISAGGREGATED));
        assertThat(split.completed()).isEqualTo(1500);
        assertThat(split.outputTokens()).isEqualTo(colocated.outputTokens());
        PoolResult pre = split.pools().get(0);
        PoolResult dec = split.pools().get(1);
        // Every request prefilled on the prefill pool; all with two or more output tokens moved.
        assertThat(pre.requests()).isEqualTo(1500);
        assertThat(dec.requests()).isZero(); // decode replicas get transfers, not arrivals
        assertThat(split.kvTransfers().transfers()).isEqualTo(pre.lifecycle().handedOff()).isGreaterThan(1400);
        // KV bytes: the prompt's tokens x 131,072 B (Llama-3.1-8B: 32 layers x 8 KV heads x 128 x 2 x 2 B).
        assertThat(split.kvTransfers().bytes() % 131_072).isZero();
        // No prompt ever shares a decode step: the inter-token tail is far below the colocated one's.
        assertThat(split.tpot().p99()).isLessThan(colocated.tpot().p99());
        assertThat(split.itl().p99()).isLessThan(0.5 * colocated.itl().p99());
        assertThat(SummaryJson.toJson(split)).contains("\"kv_transfer\" : {", "\"role\" : \"prefill\"");
        assertThat(SummaryJson.toJson(colocated)).contains("\"kv_transfer\" : null");
    }

    @Test
    void aDisaggregatedClusterNeedsBothRolesAndOneModel() {
        assertThatThrownBy(() -> scenario("cluster.pools[0].role=prefill"))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("dc.yaml: cluster.pools: a disaggregated cluster needs both a prefill pool and a decode pool");
        assertThatThrownBy(() -> scenario(DISAGGREGATED, "cluster.pools[1].model=llama-3.1-70b", "cluster.pools[1].parallelism.tp=4"))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("prefill and decode pools must serve the same model");
        assertThatThrownBy(() -> scenario(DISAGGREGATED, "cluster.pools[0].batching.policy=static"))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("cluster.pools[0].role: a prefill pool needs iteration-level batching");
    }

    @Test
    void theAutoscalerFollowsTheLoadAndSavesEnergy() {
        String scaled = "cluster.pools[0].autoscaling={policy: queue, target: 8, min: 1, initial: 1, interval: 10s, cold_start: 30s}";
        RunResult fixed = runChecked(scenario());
        RunResult auto = runChecked(scenario(scaled));
        assertThat(auto.completed()).isEqualTo(1500);
        assertThat(auto.scaleEvents()).isNotEmpty();
        assertThat(auto.scaleEvents().get(0).from()).isEqualTo(1);
        double up = auto.pools().get(0).lifecycle().meanReplicasUp();
        assertThat(up).isGreaterThan(1).isLessThan(4);
        assertThat(fixed.pools().get(0).lifecycle().meanReplicasUp()).isEqualTo(4.0);
        // Off replicas draw nothing: less accelerator and facility energy for the same work.
        assertThat(auto.pools().get(0).acceleratorJoules()).isLessThan(fixed.pools().get(0).acceleratorJoules());
        assertThat(auto.facility().facilityJoules()).isLessThan(fixed.facility().facilityJoules());
        assertThat(SummaryJson.toJson(auto)).contains("\"scale_events\" : [", "\"pool\" : \"main\"");
    }

    @Test
    void autoscalingAndFailureSettingsAreReadWithTheirDefaults() {
        var a = scenario("cluster.pools[0].autoscaling={policy: utilization, target: 0.6, storage_gb_s: 2}").scenario()
                .cluster().pools().get(0).autoscaling().orElseThrow();
        assertThat(a.storageGbPerS()).isEqualTo(2.0);
        assertThat(a.coldStartNanos()).isEqualTo(20_000_000_000L); // the engine start; the weights come on top
        assertThat(a.min()).isEqualTo(1);
        assertThat(a.initial()).isEqualTo(1);
        assertThat(a.intervalNanos()).isEqualTo(60_000_000_000L);
        var f = scenario("cluster.pools[0].failures={mtbf: 50000h, repair: 4h}").scenario().cluster().pools().get(0)
                .failures().orElseThrow();
        assertThat(f.mtbfNanos()).isEqualTo(50_000L * 3_600_000_000_000L);
        assertThat(f.weibullShape()).isNaN();
        assertThatThrownBy(() -> scenario("cluster.pools[0].autoscaling={policy: schedule, schedule: [{at: 1h, replicas: 2}]}"))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("cluster.pools[0].autoscaling.schedule[0].at: the first step of a schedule must be at 0s");
        assertThatThrownBy(() -> scenario("cluster.pools[0].autoscaling={policy: queue, target: 4, min: 5}"))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("cluster.pools[0].autoscaling.min");
    }

    @Test
    void failuresSendRequestsBackAndNothingIsLost() {
        RunResult healthy = runChecked(scenario());
        RunResult flaky = runChecked(scenario("cluster.pools[0].failures={mtbf: 2m, repair: 20s, cold_start: 10s}"));
        PoolResult p = flaky.pools().get(0);
        // A replica's MTBF is 2 min over about 2 simulated minutes x 4 replicas: several failures.
        assertThat(p.lifecycle().failures()).isGreaterThan(2);
        // 20 s per repair; the run may end during the last one.
        assertThat(p.lifecycle().downSeconds()).isGreaterThan(20.0 * (p.lifecycle().failures() - 1));
        assertThat(flaky.completed()).isEqualTo(healthy.completed());
        assertThat(flaky.outputTokens()).isEqualTo(healthy.outputTokens());
        assertThat(flaky.ttft().mean()).isGreaterThan(healthy.ttft().mean());
    }

    @Test
    void sameSeedSameOutputWithEveryFeature() {
        String[] sets = {DISAGGREGATED, "cluster.pools[0].failures={mtbf: 5m, repair: 10s}",
                "cluster.pools[1].autoscaling={policy: queue, target: 6, min: 1, interval: 5s, cold_start: 5s}"};
        String a = SummaryJson.toJson(scenario(sets).run()).replaceAll("\"wall_seconds\" : [0-9.Ee-]+", "");
        String b = SummaryJson.toJson(scenario(sets).run()).replaceAll("\"wall_seconds\" : [0-9.Ee-]+", "");
        assertThat(a).isEqualTo(b);
    }
}
