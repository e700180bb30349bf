package org.tokenfab.scenario.run;

import java.util.List;

import org.tokenfab.scenario.FacilitySpec;

/**
 * The fleet as a datacenter sees it: power (accelerators, IT with node overhead, facility with
 * PUE), energy over the simulated time, tokens per joule and what it all cost.
 *
 * <p>IT power = accelerators + node overhead; facility power = IT x PUE. Means are over the whole
 * simulated time; {@code facilityPeakW} is the highest 1-second window ({@link PowerSampler});
 * {@code fleetPeakConfiguredW} is every accelerator at its limit (TDP or cap) plus node overhead,
 * x PUE. Cost: every accelerator is paid for the whole simulated time, busy or idle; dollars per
 * million output (or input) tokens divide the whole cost by those tokens alone (not a split).
 * Cost fields are NaN when any pool's price is unknown ({@code costSource} says which).
 *
 * @param powerBudgetW   the facility's budget, NaN for none
 * @param capFraction    fraction of TDP the budget capped every accelerator at, NaN if it did not
 * @param usdEnergy      electricity bought for owned pools over the run ($; rented pools' rates include it)
 * @param note           what the power model assumed or changed (budget caps, pools without nodes); may be empty
 */
public record FacilityResult(double pue, double electricityUsdPerKwh, double powerBudgetW, String overBudget,
        double capFraction, double acceleratorsMeanW, double itMeanW, double facilityMeanW, double facilityPeakW,
        double fleetPeakConfiguredW, double acceleratorJoules, double itJoules, double facilityJoules,
        double outputTokensPerFacilityJoule, double outputTokensPerAcceleratorJoule, double usdTotal, double usdPerHour,
        double usdEnergy, double usdPerMillionOutputTokens, double usdPerMillionInputTokens, String costSource,
        String note) implements java.io.Serializable {

    static final double JOULES_PER_KWH = 3.6e6;

    /** Facility energy of {@code acceleratorJoules} plus {@code overheadW} held for {@code seconds}, J. */
    static double facilityJoules(double acceleratorJoules, double overheadW, double seconds, double pue) {
        return (acceleratorJoules + overheadW * seconds) * pue;
    }

    /**
     * A pool's cost per hour of simulated time: its accelerators at {@code cost}'s rate, plus, for
     * owned accelerators, its facility energy at the electricity rate; NaN if the rate is unknown.
     *
     * @param acceleratorJoules the pool's accelerator energy over {@code seconds}
     * @param overheadW         the pool's node overhead, W
     */
    static double poolUsdPerHour(PoolCost cost, int accelerators, double acceleratorJoules, double overheadW,
            double seconds, FacilitySpec facility) {
        double rate = accelerators * cost.usdPerAcceleratorHour();
        if (!cost.paysEnergy()) {
            return rate;
        }
        double facilityW = seconds > 0 ? facilityJoules(acceleratorJoules, overheadW, seconds, facility.pue()) / seconds : 0;
        return rate + facilityW * 3600 / JOULES_PER_KWH * facility.electricityUsdPerKwh();
    }

    /**
     * Sums the pools into the fleet's figures.
     *
     * @param pools    the pools' results, with their node overhead and cost per hour
     * @param costs    each pool's rate, in the order of {@code pools}
     * @param fleet    the configured fleet (peak and budget)
     * @param peakW    the highest 1-second window of facility power
     */
    static FacilityResult of(List<PoolResult> pools, List<PoolCost> costs, FleetPower fleet, FacilitySpec facility,
            double peakW, double seconds, long outputTokens, long inputTokens) {
        double accelerators = 0;
        double overhead = 0;
        double usdPerHour = 0;
        double energyKwhOwned = 0;
        for (int i = 0; i < pools.size(); i++) {
            PoolResult p = pools.get(i);
            accelerators += p.acceleratorJoules();
            overhead += p.nodeOverheadW();
            usdPerHour += p.costUsdPerHour();
            if (costs.get(i).paysEnergy()) {
                energyKwhOwned += facilityJoules(p.acceleratorJoules(), p.nodeOverheadW(), seconds, facility.pue()) / JOULES_PER_KWH;
            }
        }
        double it = accelerators + overhead * seconds;
        double facilityJ = it * facility.pue();
        double hours = seconds / 3600;
        double usdTotal = usdPerHour * hours;
        List<String> sources = costs.stream().map(PoolCost::source).toList();
        return new FacilityResult(facility.pue(), facility.electricityUsdPerKwh(), facility.powerBudgetW(),
                facility.hasBudget() ? facility.overBudget() : null, fleet.capFraction(), perSecond(accelerators, seconds),
                perSecond(it, seconds), perSecond(facilityJ, seconds), peakW, fleet.peakFacilityW(), accelerators, it,
                facilityJ, outputTokens / facilityJ, outputTokens / accelerators, usdTotal, usdPerHour,
                Double.isNaN(usdPerHour) ? Double.NaN : energyKwhOwned * facility.electricityUsdPerKwh(),
                perMillion(usdTotal, outputTokens), perMillion(usdTotal, inputTokens), String.join("; ", sources),
                fleet.note());
    }

    private static double perSecond(double joules, double seconds) {
        return seconds > 0 ? joules / seconds : Double.NaN;
    }

    private static double perMillion(double usd, long tokens) {
        return tokens > 0 ? usd / tokens * 1e6 : Double.NaN;
    }
}
