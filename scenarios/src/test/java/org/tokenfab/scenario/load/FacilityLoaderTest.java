package org.tokenfab.scenario.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.FacilitySpec;
import org.tokenfab.scenario.PoolCostSpec;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.sim.TokenFabException;

/** The {@code facility:} section and a pool's {@code cost:}. */
class FacilityLoaderTest {
    private static final String BASE = """
            name: f
            requests: 10
            model: llama-3.1-8b
            cluster:
              pools:
                - accelerator: h100-sxm
            workload:
              arrivals: { process: poisson, rate: 1/s }
              input_tokens: { dist: fixed, tokens: 100 }
              output_tokens: { dist: fixed, tokens: 10 }
            """;

    private static Scenario load(String extra, String... sets) {
        return new ScenarioLoader(Catalog.builtIn()).parse("f.yaml", BASE + extra, List.of(sets));
    }

    @Test
    void withoutAFacilitySectionTheDefaultsApply() {
        assertThat(load("").facility()).isEqualTo(FacilitySpec.DEFAULT);
        assertThat(FacilitySpec.DEFAULT.pue()).isEqualTo(1.2);
        assertThat(FacilitySpec.DEFAULT.hasBudget()).isFalse();
    }

    @Test
    void readsEveryFacilityKey() {
        FacilitySpec f = load("facility: { pue: 1.3, electricity_usd_per_kwh: 0.05, power_budget_mw: 2.5, over_budget: cap }\n")
                .facility();
        assertThat(f).isEqualTo(new FacilitySpec(1.3, 0.05, 2.5e6, "cap"));
    }

    @Test
    void facilityErrorsNameThePathAndWhatIsAllowed() {
        assertThatThrownBy(() -> load("facility: { pue: 0.9 }\n")).isInstanceOf(TokenFabException.class)
                .hasMessageContaining("f.yaml").hasMessageContaining("facility.pue").hasMessageContaining("[1.0, 3.0]");
        assertThatThrownBy(() -> load("facility: { power_budget_mw: 1, over_budget: shed }\n"))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("facility.over_budget")
                .hasMessageContaining("fail").hasMessageContaining("cap");
        assertThatThrownBy(() -> load("facility: { over_budget: cap }\n")).isInstanceOf(TokenFabException.class)
                .hasMessageContaining("facility.over_budget").hasMessageContaining("power_budget_mw");
        assertThatThrownBy(() -> load("facility: { pue: 1.2, budget_mw: 1 }\n")).isInstanceOf(TokenFabException.class)
                .hasMessageContaining("budget_mw");
    }

    @Test
    void readsAPoolsCost() {
        Scenario rental = load("", "cluster.pools[0].cost.usd_per_accelerator_hour=2.5");
        assertThat(rental.cluster().pools().get(0).cost()).contains(new PoolCostSpec(2.5, Double.NaN, Double.NaN, 0));
        Scenario owned = load("", "cluster.pools[0].cost.capex_usd_per_accelerator=30000",
                "cluster.pools[0].cost.amortization_years=4");
        assertThat(owned.cluster().pools().get(0).cost()).contains(new PoolCostSpec(Double.NaN, 30000, 4, 0));
        assertThat(load("").cluster().pools().get(0).cost()).isEmpty();
    }

    @Test
    void costErrorsSayWhichFormsAreAllowed() {
        assertThatThrownBy(() -> load("", "cluster.pools[0].cost.amortization_years=4"))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("cluster.pools[0].cost")
                .hasMessageContaining("usd_per_accelerator_hour").hasMessageContaining("neither");
        assertThatThrownBy(() -> load("", "cluster.pools[0].cost.usd_per_accelerator_hour=2",
                "cluster.pools[0].cost.opex_usd_per_accelerator_year=100"))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("opex_usd_per_accelerator_year")
                .hasMessageContaining("all-in");
        assertThatThrownBy(() -> load("", "cluster.pools[0].cost.capex_usd_per_accelerator=30000"))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("amortization_years");
    }
}
