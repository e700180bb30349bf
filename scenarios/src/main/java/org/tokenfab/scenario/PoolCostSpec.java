package org.tokenfab.scenario;

/**
 * What a pool's accelerators cost: a rental rate, or ownership (capex amortised plus opex); the
 * energy is priced by the facility's electricity rate. Idle capacity is paid for.
 *
 * @param usdPerAcceleratorHour rental rate per accelerator-hour, or NaN when owned
 * @param capexUsdPerAccelerator purchase price per accelerator (with its share of the system), or NaN
 * @param amortizationYears years over which the capex is spread, or NaN
 * @param opexUsdPerAcceleratorYear other operating cost per accelerator and year (space, support), or 0
 */
public record PoolCostSpec(double usdPerAcceleratorHour, double capexUsdPerAccelerator, double amortizationYears,
        double opexUsdPerAcceleratorYear) {
}
