package org.tokenfab.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLoader;

/** Heterogeneous pools, per-pool models and the routers that need them, run end to end. */
class RoutingTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    /** An H200 pool of the 8B model beside a B200 pool of the 70B; two classes. ROUTER is replaced. */
    private static final String FLEET = """
            name: fleet
            seed: 5
            requests: 600
            model: llama-3.1-8b
            cluster:
              pools:
                - name: small
                  accelerator: h200
                  replicas: 2
                - name: big
                  accelerator: b200
                  model: llama-3.1-70b
                  parallelism: { tp: 4 }
                  replicas: 1
              router: ROUTER
            workload:
              classes:
                - name: chat
                  arrivals: { process: poisson, rate: 8/s }
                  input_tokens: { dist: lognormal, median: 600, p99: 4000 }
                  output_tokens: { dist: lognormal, median: 120, p99: 800 }
                - name: docs
                  arrivals: { process: poisson, rate: 1/s }
                  input_tokens: { dist: lognormal, median: 6000, p99: 30000 }
                  output_tokens: { dist: lognormal, median: 200, p99: 800 }
            """;

    private static ScenarioRun run(String router, String... sets) {
        Scenario s = new ScenarioLoader(CATALOG).parse("fleet.yaml", FLEET.replace("ROUTER", router), List.of(sets));
        return new ScenarioRun(s);
    }

    @Test
    void h200BesideB200RunsWithEveryLoadAwareRouter() {
        for (String router : List.of("least-outstanding", "least-kv", "power-of-two", "prefix-affinity", "random")) {
            RunResult r = run(router).run();
            assertThat(r.completed() + r.rejected()).as(router).isEqualTo(r.arrived()).isEqualTo(600);
            PoolResult small = r.pools().get(0);
            PoolResult big = r.pools().get(1);
            assertThat(small.accelerator()).isEqualTo("h200");
            assertThat(big.accelerator()).isEqualTo("b200");
            assertThat(small.model()).isEqualTo("llama-3.1-8b");
            assertThat(big.model()).isEqualTo("llama-3.1-70b");
            assertThat(small.requests() + big.requests()).as(router).isEqualTo(600);
            assertThat(small.requests()).as(router).isPositive();
            assertThat(big.requests()).as(router).isPositive();
        }
    }

    @Test
    void theLargerModelHasLessKvRoomPerAccelerator() {
        RunResult r = run("least-outstanding").run();
        // 70B on 4 x B200 (192 GB each) vs 8B on one H200 (141 GB): the pools' own models sized their caches.
        assertThat(r.pools().get(0).kvCapacityTokens()).isNotEqualTo(r.pools().get(1).kvCapacityTokens());
        assertThat(r.pools().get(1).kvCapacityTokens() / 4.0).isLessThan(r.pools().get(0).kvCapacityTokens());
    }

    @Test
    void classBasedServesEachClassOnlyOnItsPool() {
        ScenarioRun run = run("{name: class-based, routes: {chat: small, docs: big}}");
        RunResult r = run.run();
        ClassResult chat = r.classes().get(0);
        ClassResult docs = r.classes().get(1);
        assertThat(chat.arrived()).isPositive();
        assertThat(docs.arrived()).isPositive();
        // Every request is routed once: each pool's count is exactly its class's arrivals.
        assertThat(r.pools().get(0).requests()).isEqualTo(chat.arrived());
        assertThat(r.pools().get(1).requests()).isEqualTo(docs.arrived());
        assertThat(r.completed() + r.rejected()).isEqualTo(r.arrived());

        RunResult swapped = run("{name: class-based, routes: {chat: big, docs: small}}").run();
        assertThat(swapped.pools().get(1).requests()).isEqualTo(swapped.classes().get(0).arrived());
    }

    @Test
    void cascadeConservesRequestsAndEscalatesTheShare() {
        ScenarioRun run = run("{name: cascade, first: small, escalate: big, escalate_share: 0.3}", "requests=6000");
        long[] checks = new long[1];
        run.onRow(row -> {
            var m = run.metrics();
            assertThat(m.completed() + m.rejected() + run.cluster().inFlight()).isEqualTo(m.arrived());
            checks[0]++;
        });
        RunResult r = run.run();
        assertThat(checks[0]).isGreaterThan(100); // at every time-series row (1 s)
        assertThat(r.arrived()).isEqualTo(6000);
        assertThat(r.completed() + r.rejected()).isEqualTo(r.arrived());
        PoolResult small = r.pools().get(0);
        PoolResult big = r.pools().get(1);
        assertThat(small.requests()).isEqualTo(6000);
        // Escalated = attempts on the big pool: Binomial(6000, 0.3), sd 35.5; within 4 sd.
        assertThat(big.requests()).isEqualTo(run.metrics().escalated()).isBetween(1800L - 142, 1800L + 142);
        // The class still counts each request once.
        assertThat(r.classes().get(0).arrived() + r.classes().get(1).arrived()).isEqualTo(6000);
    }

    @Test
    void randomRoutersAreDeterministic() {
        for (String router : List.of("random", "power-of-two", "{name: cascade, first: small, escalate: big, escalate_share: 0.5}")) {
            String a = SummaryJson.toJson(run(router).run()).replaceAll("\"wall_seconds\" : [0-9.Ee-]+", "");
            String b = SummaryJson.toJson(run(router).run()).replaceAll("\"wall_seconds\" : [0-9.Ee-]+", "");
            assertThat(a).as(router).isEqualTo(b);
        }
    }
}
