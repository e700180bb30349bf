package org.tokenfab.scenario.run;

import java.util.Locale;

import org.tokenfab.hardware.AcceleratorPrice;
import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.scenario.PoolCostSpec;

/**
 * What one accelerator of a pool costs per hour, and whether its energy is paid on top.
 *
 * <p>Why the split: a rental or total-cost-of-ownership rate is all-in (it already pays for the
 * power), so adding the electricity would count it twice; owned accelerators (capex amortised
 * plus opex) pay the facility's energy at the electricity rate. Without a price from the pool and
 * none in the catalog the rate is NaN: a missing price never reads as free.
 *
 * <p>Catalog default order, for a pool without {@code cost:}: the hyperscaler total cost of
 * ownership, else the neocloud one, else the 3-year rental rate (SemiAnalysis InferenceX TCO
 * figures; an operator's own cost first, then what others would charge).
 *
 * @param usdPerAcceleratorHour the hourly rate of one accelerator, $; NaN if unknown
 * @param paysEnergy            whether the facility's energy is priced on top (owned accelerators)
 * @param source                where the rate came from, for the summary
 */
record PoolCost(double usdPerAcceleratorHour, boolean paysEnergy, String source) {
    static final double HOURS_PER_YEAR = 8760;

    static PoolCost of(String pool, java.util.Optional<PoolCostSpec> given, AcceleratorSpec accelerator) {
        if (given.isPresent()) {
            PoolCostSpec c = given.get();
            if (!Double.isNaN(c.usdPerAcceleratorHour())) {
                return new PoolCost(c.usdPerAcceleratorHour(), false, pool + ": the scenario's rental rate (power included)");
            }
            double rate = c.capexUsdPerAccelerator() / (c.amortizationYears() * HOURS_PER_YEAR)
                    + c.opexUsdPerAcceleratorYear() / HOURS_PER_YEAR;
            return new PoolCost(rate, true, String.format(Locale.ROOT,
                    "%s: the scenario's capex over %s years plus opex, and the energy at the electricity rate", pool,
                    trim(c.amortizationYears())));
        }
        AcceleratorPrice price = accelerator.price();
        String catalog = pool + ": catalog " + accelerator.id() + " ";
        if (!Double.isNaN(price.usdPerHourHyperscaler())) {
            return new PoolCost(price.usdPerHourHyperscaler(), false, catalog + AcceleratorPrice.FIELD_HYPERSCALER + " (all-in TCO)");
        }
        if (!Double.isNaN(price.usdPerHourNeocloud())) {
            return new PoolCost(price.usdPerHourNeocloud(), false, catalog + AcceleratorPrice.FIELD_NEOCLOUD + " (all-in TCO)");
        }
        if (!Double.isNaN(price.usdPerHourRental3yr())) {
            return new PoolCost(price.usdPerHourRental3yr(), false, catalog + AcceleratorPrice.FIELD_RENTAL_3YR + " (all-in)");
        }
        return new PoolCost(Double.NaN, false, pool + ": no price (the catalog has no public price for " + accelerator.id()
                + "; give the pool a cost: section)");
    }

    boolean known() {
        return !Double.isNaN(usdPerAcceleratorHour);
    }

    private static String trim(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }
}
