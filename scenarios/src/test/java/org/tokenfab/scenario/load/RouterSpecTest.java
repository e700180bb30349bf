package org.tokenfab.scenario.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.RouterSpec;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.sim.TokenFabException;

/** The {@code cluster.router} field in its two forms, its options, and the pools' own models. */
class RouterSpecTest {
    private final ScenarioLoader loader = new ScenarioLoader(Catalog.builtIn());

    /** Two pools (small, big) and two classes (chat, docs); ROUTER is replaced by each test. */
    private static final String TWO_POOLS = """
            name: t
            requests: 100
            model: llama-3.1-8b
            cluster:
              pools:
                - name: small
                  accelerator: h100-sxm
                - name: big
                  accelerator: h200
                  model: llama-3.1-70b
                  parallelism: { tp: 4 }
              router: ROUTER
            workload:
              classes:
                - name: chat
                  arrivals: { process: poisson, rate: 5/s }
                  input_tokens: { dist: fixed, tokens: 100 }
                  output_tokens: { dist: fixed, tokens: 10 }
                - name: docs
                  arrivals: { process: poisson, rate: 1/s }
                  input_tokens: { dist: fixed, tokens: 5000 }
                  output_tokens: { dist: fixed, tokens: 10 }
            """;

    private Scenario parse(String router) {
        return loader.parse("s.yaml", TWO_POOLS.replace("ROUTER", router), List.of());
    }

    private void assertError(String router, String... expected) {
        assertThatThrownBy(() -> parse(router)).isInstanceOf(TokenFabException.class)
                .satisfies(e -> assertThat(e.getMessage()).startsWith("s.yaml: ").contains(expected));
    }

    @Test
    void aPlainNameOrAMappingWithTheName() {
        assertThat(parse("least-outstanding").cluster().router()).isEqualTo(RouterSpec.named("least-outstanding"));
        assertThat(parse("{name: power-of-two}").cluster().router()).isEqualTo(RouterSpec.named("power-of-two"));
        assertThat(loader.parse("s.yaml", TWO_POOLS.replace("  router: ROUTER\n", ""), List.of()).cluster().router().name())
                .isEqualTo("round-robin");
    }

    @Test
    void everyRouterNameLoads() {
        for (String name : List.of("round-robin", "random", "least-outstanding", "least-kv", "power-of-two",
                "prefix-affinity", "session-sticky")) {
            assertThat(parse(name).cluster().router().name()).isEqualTo(name);
        }
    }

    @Test
    void unknownNamesSuggestTheNearestInBothForms() {
        assertError("least-outstandng", "cluster.router: 'least-outstandng' is not allowed; expected one of cascade, class-based,",
                "did you mean 'least-outstanding'");
        assertError("{name: casade}", "cluster.router.name: 'casade' is not allowed", "did you mean 'cascade'");
        assertError("[round-robin]", "cluster.router: expected a router name (cascade, class-based,", "got a list");
        assertError("{name: random, seed: 3}", "cluster.router.seed: unknown field", "allowed here: name");
    }

    @Test
    void classBasedRoutesClassesToPools() {
        RouterSpec r = parse("{name: class-based, routes: {chat: small, docs: big}}").cluster().router();
        assertThat(r.name()).isEqualTo("class-based");
        assertThat(r.routes()).containsExactly(Map.entry("chat", "small"), Map.entry("docs", "big"));
    }

    @Test
    void classBasedErrorsNameTheClassOrPool() {
        assertError("class-based", "cluster.router: class-based needs options; write router: {name: class-based, routes:");
        assertError("{name: class-based, routes: {chat: smal, docs: big}}",
                "cluster.router.routes.chat: 'smal' is not allowed; expected one of small, big", "did you mean 'small'");
        assertError("{name: class-based, routes: {chta: small, docs: big}}",
                "cluster.router.routes.chta: 'chta' is not a workload class", "did you mean 'chat'", "classes: chat, docs");
        assertError("{name: class-based, routes: {chat: small}}",
                "cluster.router.routes: class 'docs' has no route; add docs: POOL (pools: small, big)");
        assertError("{name: class-based}", "cluster.router.routes: missing; expected a mapping");
        assertError("{name: class-based, routes: {}}", "cluster.router.routes: expected at least one route");
    }

    @Test
    void cascadeTakesTwoPoolsAndAShare() {
        RouterSpec r = parse("{name: cascade, first: small, escalate: big, escalate_share: 0.3}").cluster().router();
        assertThat(r).isEqualTo(new RouterSpec("cascade", Map.of(), "small", "big", 0.3));
    }

    @Test
    void cascadeErrors() {
        assertError("cascade", "cluster.router: cascade needs options; write router: {name: cascade, first: SMALL_POOL");
        assertError("{name: cascade, first: small, escalate: small, escalate_share: 0.3}",
                "cluster.router.escalate: 'small' is also the first pool; escalate to another pool (pools: small, big)");
        assertError("{name: cascade, first: small, escalate: bgi, escalate_share: 0.3}",
                "cluster.router.escalate: 'bgi' is not allowed; expected one of small, big", "did you mean 'big'");
        assertError("{name: cascade, first: small, escalate: big, escalate_share: 1.5}",
                "cluster.router.escalate_share: 1.5 is out of range; allowed: [0.0, 1.0]");
        assertError("{name: cascade, escalate: big, escalate_share: 0.3}", "cluster.router.first: missing; expected one of small, big");
        assertError("{name: cascade, first: small, escalate: big, escalate_share: 0.3, routes: {chat: small}}",
                "cluster.router.routes: unknown field");
    }

    @Test
    void poolsMayServeTheirOwnModel() {
        Scenario s = parse("round-robin");
        assertThat(s.cluster().pools().get(0).model()).isEmpty();
        assertThat(s.cluster().pools().get(1).model()).isEqualTo(Optional.of("llama-3.1-70b"));
        assertThatThrownBy(() -> loader.parse("s.yaml", TWO_POOLS.replace("ROUTER", "random")
                .replace("model: llama-3.1-70b", "model: llama-3.1-70"), List.of()))
                .hasMessageContaining("s.yaml: cluster.pools[1].model: 'llama-3.1-70' is not a catalog model")
                .hasMessageContaining("did you mean");
    }
}
