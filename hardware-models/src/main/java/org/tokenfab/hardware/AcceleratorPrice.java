package org.tokenfab.hardware;

/**
 * What one accelerator costs, where a public figure exists; {@code NaN} marks an unknown figure
 * (most parts have no public price, and a missing price must never read as free).
 *
 * <p>Hourly rates are per accelerator, all-in as their source defines them. The bundled figures
 * come from SemiAnalysis InferenceX's TCO calculator (shared reference
 * {@code inferencex_gpu_specs_tco.csv}, [V5]): a 4-year hyperscaler TCO, a neocloud TCO and a
 * 3-year rental rate.
 *
 * @param usdPerHourHyperscaler $/accelerator-hour, hyperscaler total cost of ownership
 * @param usdPerHourNeocloud $/accelerator-hour, neocloud total cost of ownership
 * @param usdPerHourRental3yr $/accelerator-hour on a 3-year rental contract
 * @param purchaseUsd purchase price of one accelerator, $ (street or list price)
 */
public record AcceleratorPrice(
        double usdPerHourHyperscaler, double usdPerHourNeocloud, double usdPerHourRental3yr, double purchaseUsd) {

    public static final String FIELD = "price";
    public static final String FIELD_HYPERSCALER = "price.usd_per_hour_hyperscaler";
    public static final String FIELD_NEOCLOUD = "price.usd_per_hour_neocloud";
    public static final String FIELD_RENTAL_3YR = "price.usd_per_hour_rental_3yr";
    public static final String FIELD_PURCHASE = "price.purchase_usd";

    /** No public price at all. */
    public static final AcceleratorPrice UNKNOWN = new AcceleratorPrice(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public AcceleratorPrice {
        requirePositiveOrUnknown(FIELD_HYPERSCALER, usdPerHourHyperscaler);
        requirePositiveOrUnknown(FIELD_NEOCLOUD, usdPerHourNeocloud);
        requirePositiveOrUnknown(FIELD_RENTAL_3YR, usdPerHourRental3yr);
        requirePositiveOrUnknown(FIELD_PURCHASE, purchaseUsd);
    }

    /** Whether any figure is known. */
    public boolean isKnown() {
        return !Double.isNaN(usdPerHourHyperscaler) || !Double.isNaN(usdPerHourNeocloud)
                || !Double.isNaN(usdPerHourRental3yr) || !Double.isNaN(purchaseUsd);
    }

    private static void requirePositiveOrUnknown(String field, double v) {
        if (!Double.isNaN(v) && !(v > 0 && v < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("'" + field + "' must be a positive finite number, got " + v);
        }
    }
}
