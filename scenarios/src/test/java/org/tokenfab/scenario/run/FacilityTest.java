package org.tokenfab.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.FacilitySpec;
import org.tokenfab.scenario.PoolCostSpec;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.sim.TokenFabException;

/** Node overhead, PUE, the 1-second power windows, the power budget and cost. */
class FacilityTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    /** Two tp2 replicas of H100 (hgx-h100: 8 per node, 4,600 W overhead) and one tp1 of H200. */
    private static final String FLEET = """
            name: fleet
            seed: 5
            requests: 300
            model: llama-3.1-8b
            facility: { pue: 1.3, electricity_usd_per_kwh: 0.1 }
            cluster:
              pools:
                - name: a
                  accelerator: h100-sxm
                  replicas: 2
                  parallelism: { tp: 2 }
                - name: b
                  accelerator: h200
                  replicas: 1
            workload:
              arrivals: { process: poisson, rate: 12/s }
              input_tokens: { dist: lognormal, median: 800, p99: 6000 }
              output_tokens: { dist: lognormal, median: 150, p99: 1000 }
            """;

    private static ScenarioRun scenarioRun(String... sets) {
        return new ScenarioRun(new ScenarioLoader(CATALOG).parse("fleet.yaml", FLEET, List.of(sets)));
    }

    @Test
    void facilityEnergyIsAcceleratorEnergyPlusNodeOverheadTimesPue() {
        RunResult r = scenarioRun().run();
        FacilityResult f = r.facility();
        PoolResult a = r.pools().get(0);
        PoolResult b = r.pools().get(1);
        // 2 replicas of 2 GPUs pack into one node of 8, and pay 4/8 of its overhead.
        assertThat(a.nodes()).isEqualTo(1);
        assertThat(a.nodeOverheadW()).isEqualTo(4 * CATALOG.system("hgx-h100").nodeOverheadW() / 8);
        assertThat(b.nodes()).isEqualTo(1);
        double accelerators = a.acceleratorJoules() + b.acceleratorJoules();
        double overhead = a.nodeOverheadW() + b.nodeOverheadW();
        double expected = (accelerators + overhead * r.simulatedSeconds()) * 1.3;
        assertThat(f.facilityJoules()).isCloseTo(expected, within(1e-9 * expected));
        assertThat(f.itJoules() * 1.3).isCloseTo(f.facilityJoules(), within(1e-9 * expected));
        assertThat(f.facilityMeanW()).isCloseTo(expected / r.simulatedSeconds(), within(1e-6));
        assertThat(f.outputTokensPerFacilityJoule()).isCloseTo(r.outputTokens() / expected, within(1e-12));
    }

    @Test
    void theOneSecondWindowsIntegrateToTheFacilityEnergy() {
        ScenarioRun run = scenarioRun();
        RunResult r = run.run();
        PowerSampler s = run.sampler();
        // Energy equals the integral of the power samples, to rounding.
        assertThat(s.facilityJoules()).isCloseTo(r.facility().facilityJoules(), within(1e-9 * r.facility().facilityJoules()));
        assertThat(s.windows()).isEqualTo((long) Math.ceil(r.simulatedSeconds()));
        assertThat(r.facility().facilityPeakW()).isEqualTo(s.peakW()).isGreaterThanOrEqualTo(r.facility().facilityMeanW());
    }

    @Test
    void theSamplerDoesNotMoveTheClockOrTheResults() {
        RunResult r = scenarioRun().run();
        // The last event is the last request's completion, not a power sample.
        assertThat(r.e2e().count()).isEqualTo(r.completed());
        assertThat(r.simulatedSeconds() * 1e9).isLessThan(Math.ceil(r.simulatedSeconds()) * 1e9);
    }

    @Test
    void windowPowerStaysBetweenIdleAndTheConfiguredPeak() {
        // Short decode steps: a step is charged in the window it starts in, which moves at most a
        // few milliseconds of a step's energy across a window edge (see PowerSampler), so 2%.
        ScenarioRun run = scenarioRun("cluster.pools[0].power_cap_w=500");
        RunResult r = run.run();
        FleetPower fleet = run.fleet();
        assertThat(run.sampler().lowestW()).isGreaterThanOrEqualTo(0.98 * fleet.idleFacilityW());
        assertThat(run.sampler().peakW()).isLessThanOrEqualTo(1.02 * fleet.peakFacilityW());
        PoolResult a = r.pools().get(0);
        assertThat(a.powerCapW()).isEqualTo(500);
        assertThat(a.meanWattsPerAccelerator(r.simulatedSeconds())).isBetween(fleet.pool("a").idleW(), 500.0);
        // The configured peak counts a's accelerators at their cap, b's at TDP.
        double expected = (4 * 500 + 4 * 4600.0 / 8 + 700 + CATALOG.system("hgx-h200").nodeOverheadW() / 8) * 1.3;
        assertThat(r.facility().fleetPeakConfiguredW()).isCloseTo(expected, within(1e-6));
    }

    @Test
    void overBudgetFailsWithTheNumbersAndWhatFits() {
        // Peak: (4 x 700 + 4 x 575 + 700 + 575) x 1.3 = 8,287.5 W (575 W: an accelerator's share of
        // a 4,600 W node of 8). Budget 7 kW: 5,384.6 W of IT; b takes 1,275, leaving a 4,109.6 W,
        // one replica of 2 x (700 + 575) = 2,550 W; a's 5,100 W leave b 284.6 W, less than its 1,275.
        assertThatThrownBy(() -> scenarioRun("facility.power_budget_mw=0.007"))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("fleet.yaml: facility.power_budget_mw:")
                .hasMessageContaining("0.008 MW (PUE 1.30 x IT 0.006 MW), over the budget of 0.007 MW")
                .hasMessageContaining("pool a 0.007 MW (4 x h100-sxm at 700 W + 2,300 W of node overhead, x PUE)")
                .hasMessageContaining("pool a fits 1 of its 2 replicas (2 of 4 accelerators)")
                .hasMessageContaining("pool b fits 0 of its 1 replicas")
                .hasMessageContaining("over_budget: cap");
    }

    @Test
    void capModeCapsEveryPoolAtTheSameFractionOfTdpSoThePeakFits() {
        ScenarioRun run = scenarioRun("facility.power_budget_mw=0.0075", "facility.over_budget=cap");
        RunResult r = run.run();
        FacilityResult f = r.facility();
        assertThat(f.fleetPeakConfiguredW()).isLessThanOrEqualTo(7_500).isGreaterThan(7_499);
        // (4 x 700 f + 2300 + 700 f + 575) x 1.3 = 7,500  =>  f = (7500/1.3 - 2875) / 3500 = 0.827
        double fraction = (7_500 / 1.3 - 2_875) / 3_500;
        assertThat(f.capFraction()).isCloseTo(fraction, within(1e-9));
        assertThat(r.pools().get(0).powerCapW()).isCloseTo(700 * fraction, within(1e-6));
        assertThat(r.pools().get(1).powerCapW()).isCloseTo(700 * fraction, within(1e-6));
        assertThat(f.note()).contains("capped every accelerator at");
        assertThat(run.sampler().peakW()).isLessThanOrEqualTo(1.02 * 7_500);
    }

    @Test
    void capModeRejectsABudgetBelowTheIdleFloor() {
        assertThatThrownBy(() -> scenarioRun("facility.power_budget_mw=0.004", "facility.over_budget=cap"))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("No power cap fits it: even at the lowest cap the power models allow");
    }

    @Test
    void costArithmeticOnAHandComputedCase() {
        FacilitySpec facility = new FacilitySpec(1.5, 0.1, Double.NaN, FacilitySpec.FAIL);
        // Owned: $30,000 over 3 years plus $1,000 a year per accelerator.
        PoolCost owned = PoolCost.of("p", java.util.Optional.of(new PoolCostSpec(Double.NaN, 30_000, 3, 1_000)),
                CATALOG.accelerator("h100-sxm"));
        double hourly = 30_000 / (3 * 8760.0) + 1_000 / 8760.0;
        assertThat(owned.usdPerAcceleratorHour()).isCloseTo(hourly, within(1e-12));
        assertThat(owned.paysEnergy()).isTrue();
        // 8 accelerators, 3,600 s, 7.2 MJ of accelerator energy (2 kW) + 1 kW overhead, PUE 1.5:
        // facility 4.5 kW = 4.5 kWh per hour = $0.45/h.
        assertThat(FacilityResult.poolUsdPerHour(owned, 8, 7.2e6, 1_000, 3_600, facility))
                .isCloseTo(8 * hourly + 0.45, within(1e-9));
        // A rental rate is all-in: no energy on top.
        PoolCost rented = PoolCost.of("p", java.util.Optional.of(new PoolCostSpec(2.5, Double.NaN, Double.NaN, 0)),
                CATALOG.accelerator("h100-sxm"));
        assertThat(FacilityResult.poolUsdPerHour(rented, 8, 7.2e6, 1_000, 3_600, facility)).isEqualTo(20.0);
        // The catalog default: the hyperscaler TCO rate.
        PoolCost catalog = PoolCost.of("p", java.util.Optional.empty(), CATALOG.accelerator("h200"));
        assertThat(catalog.usdPerAcceleratorHour()).isEqualTo(CATALOG.accelerator("h200").price().usdPerHourHyperscaler());
        assertThat(catalog.source()).contains("price.usd_per_hour_hyperscaler");
    }

    @Test
    void costPerMillionTokensInARun() {
        RunResult r = scenarioRun("cluster.pools[0].cost.usd_per_accelerator_hour=3",
                "cluster.pools[1].cost.usd_per_accelerator_hour=4").run();
        FacilityResult f = r.facility();
        assertThat(f.usdPerHour()).isCloseTo(4 * 3 + 4, within(1e-12));
        double total = 16 * r.simulatedSeconds() / 3600;
        assertThat(f.usdTotal()).isCloseTo(total, within(1e-12));
        assertThat(f.usdPerMillionOutputTokens()).isCloseTo(total / r.outputTokens() * 1e6, within(1e-9));
        assertThat(f.usdPerMillionInputTokens()).isCloseTo(total / r.inputTokens() * 1e6, within(1e-9));
        assertThat(f.usdEnergy()).isZero();
    }

    @Test
    void anUnknownPriceGivesNullCostsWithANote() {
        RunResult r = scenarioRun("cluster.pools[1].accelerator=a100-80gb").run();
        FacilityResult f = r.facility();
        assertThat(f.usdTotal()).isNaN();
        assertThat(f.usdPerMillionOutputTokens()).isNaN();
        assertThat(r.pools().get(1).costUsdPerHour()).isNaN();
        assertThat(r.pools().get(0).costUsdPerHour()).isPositive();
        assertThat(f.costSource()).contains("b: no price (the catalog has no public price for a100-80gb");
        String json = SummaryJson.toJson(r);
        assertThat(json).contains("\"usd_per_million_output_tokens\" : null").contains("\"goodput_rps\" :");
    }
}
