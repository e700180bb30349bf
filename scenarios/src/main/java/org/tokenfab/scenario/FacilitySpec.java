package org.tokenfab.scenario;

/**
 * The building the cluster runs in: how much power the facility draws on top of the IT load (PUE),
 * what electricity costs, and an optional power budget that bounds the fleet.
 *
 * <p>Why a separate record: facility figures apply to the whole fleet, not to one pool, and the
 * budget decides how many accelerators of each kind fit (or how hard they are capped) before any
 * replica is built.
 *
 * @param pue                    power usage effectiveness: facility power / IT power, at least 1
 * @param electricityUsdPerKwh   electricity price, $/kWh (prices the energy of owned accelerators)
 * @param powerBudgetW           the facility's power budget, W; NaN for none
 * @param overBudget             what to do when the fleet's peak exceeds the budget: {@code fail} or
 *                               {@code cap} (cap every accelerator at the same fraction of its TDP)
 */
public record FacilitySpec(double pue, double electricityUsdPerKwh, double powerBudgetW, String overBudget) {

    /**
     * Assumption: 1.2. The Uptime Institute Global Data Center Survey 2023 reports an industry
     * average annual PUE of 1.58; hyperscalers report about 1.1 (Google's fleet-wide trailing
     * twelve-month PUE was 1.10 in its 2023 Environmental Report). A new-build AI inference hall with
     * liquid cooling sits in between; 1.2 is our middle assumption, not a measurement.
     */
    public static final double DEFAULT_PUE = 1.2;

    /**
     * Assumption: 0.08 $/kWh, about the US average retail price of electricity to industrial
     * customers in 2023 (US EIA, Electric Power Monthly, table 5.3: 8.0 cents/kWh). Set your own.
     */
    public static final double DEFAULT_ELECTRICITY_USD_PER_KWH = 0.08;

    public static final String FAIL = "fail";
    public static final String CAP = "cap";

    /** No {@code facility:} section: the defaults above, no budget. */
    public static final FacilitySpec DEFAULT = new FacilitySpec(DEFAULT_PUE, DEFAULT_ELECTRICITY_USD_PER_KWH, Double.NaN, FAIL);

    public FacilitySpec {
        if (!(pue >= 1) || Double.isInfinite(pue)) {
            throw new IllegalArgumentException("pue must be a finite number >= 1, got " + pue);
        }
        if (!(electricityUsdPerKwh >= 0) || Double.isInfinite(electricityUsdPerKwh)) {
            throw new IllegalArgumentException("electricityUsdPerKwh must be a finite number >= 0, got " + electricityUsdPerKwh);
        }
        if (!Double.isNaN(powerBudgetW) && !(powerBudgetW > 0 && powerBudgetW < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("powerBudgetW must be positive and finite, or NaN for none, got " + powerBudgetW);
        }
        if (!FAIL.equals(overBudget) && !CAP.equals(overBudget)) {
            throw new IllegalArgumentException("overBudget must be 'fail' or 'cap', got " + overBudget);
        }
    }

    /** Whether a power budget is set. */
    public boolean hasBudget() {
        return !Double.isNaN(powerBudgetW);
    }
}
