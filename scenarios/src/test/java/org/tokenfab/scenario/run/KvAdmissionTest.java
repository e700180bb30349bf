package org.tokenfab.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** kv_cache.admission: on-demand growth preempts under KV pressure; no-evict never does and still finishes everything. */
class KvAdmissionTest {
    private static RunResult run(String admission) {
        // 64 users with 2,000-token prompts and 1,000-token outputs against 2,000 blocks (32,000 tokens):
        // at most ~10 whole requests fit, so on-demand admission overcommits and must preempt.
        String yaml = """
                name: pressure
                seed: 3
                requests: 200
                model: llama-3.1-8b
                cluster:
                  pools:
                    - accelerator: h100-sxm
                      kv_cache: { blocks: 2000, admission: %s }
                workload:
                  arrivals: { process: closed-loop, users: 64 }
                  input_tokens: { dist: fixed, tokens: 2000 }
                  output_tokens: { dist: fixed, tokens: 1000 }
                """.formatted(admission);
        return new ScenarioRun(new org.tokenfab.scenario.load.ScenarioLoader(org.tokenfab.hardware.Catalog.builtIn())
                .parse("pressure.yaml", yaml, java.util.List.of())).run();
    }

    @Test
    void noEvictAdmissionNeverPreemptsAndOnDemandDoes() {
        RunResult onDemand = run("on-demand");
        RunResult noEvict = run("no-evict");
        assertThat(onDemand.pools().get(0).preemptions()).isPositive();
        assertThat(noEvict.pools().get(0).preemptions()).isZero();
        assertThat(noEvict.completed()).isEqualTo(200);
        assertThat(onDemand.completed()).isEqualTo(200);
        // Reserving whole requests keeps fewer in flight: the running batch is smaller on average.
        assertThat(noEvict.pools().get(0).meanRunningRequests()).isLessThan(onDemand.pools().get(0).meanRunningRequests());
    }
}
