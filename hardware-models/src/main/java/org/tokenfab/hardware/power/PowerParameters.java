package org.tokenfab.hardware.power;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.tokenfab.hardware.Confidence;
import org.tokenfab.hardware.Provenance;

/**
 * The numbers of one accelerator's power model (see {@link PowerModel} for the formula), each with
 * its source and confidence in {@link #provenance()}, keyed by the {@code FIELD_...} names used in
 * the calibration resource.
 *
 * @param acceleratorId catalog id the numbers belong to
 * @param idleW awake, model loaded, no kernel running, W
 * @param activeW added whenever a step runs, whatever it does (clock tree, schedulers, caches), W at
 *     full clock
 * @param computeW added at compute utilisation 1 (achieved FLOP/s = dense peak), W at full clock
 * @param memoryW added at memory utilisation 1 (achieved bytes/s = peak bandwidth), W
 * @param tdpW board power limit the GPU enforces by itself, W (the catalog's TDP)
 * @param clockExponent α in "clock-scaled power ∝ f^α" (f·V(f)², V rising with f) under a power cap
 * @param memoryClockSensitivity β: memory-bound time scales as 1 + β(1/f − 1); 0 means HBM time
 *     does not depend on the SM clock
 * @param minClockFraction lowest clock fraction a cap may impose
 * @param provenance source and confidence of every number above but the id and TDP (whose source
 *     is the catalog)
 */
public record PowerParameters(
        String acceleratorId,
        double idleW,
        double activeW,
        double computeW,
        double memoryW,
        double tdpW,
        double clockExponent,
        double memoryClockSensitivity,
        double minClockFraction,
        Map<String, Provenance> provenance) {

    public static final String FIELD_IDLE = "idle_w";
    public static final String FIELD_ACTIVE = "active_w";
    public static final String FIELD_COMPUTE = "compute_w";
    public static final String FIELD_MEMORY = "memory_w";
    public static final String FIELD_CLOCK_EXPONENT = "clock_exponent";
    public static final String FIELD_MEMORY_CLOCK_SENSITIVITY = "memory_clock_sensitivity";
    public static final String FIELD_MIN_CLOCK_FRACTION = "min_clock_fraction";

    /** Every field that needs a source, in the order the resource lists them. */
    public static final List<String> FIELDS = List.of(FIELD_IDLE, FIELD_ACTIVE, FIELD_COMPUTE, FIELD_MEMORY,
            FIELD_CLOCK_EXPONENT, FIELD_MEMORY_CLOCK_SENSITIVITY, FIELD_MIN_CLOCK_FRACTION);

    public PowerParameters {
        Objects.requireNonNull(acceleratorId, "acceleratorId");
        require(FIELD_IDLE, idleW, idleW > 0, "> 0");
        require(FIELD_ACTIVE, activeW, activeW >= 0, ">= 0");
        require(FIELD_COMPUTE, computeW, computeW >= 0, ">= 0");
        require(FIELD_MEMORY, memoryW, memoryW >= 0, ">= 0");
        require("tdp_w", tdpW, tdpW > 0, "> 0");
        // A GPU that reaches its limit while doing nothing would make every cap meaningless.
        require(FIELD_ACTIVE, activeW, idleW + activeW < tdpW,
                "such that idle_w + active_w < tdp_w (" + idleW + " + " + activeW + " >= " + tdpW + ")");
        require(FIELD_CLOCK_EXPONENT, clockExponent, clockExponent >= 1 && clockExponent <= 4, "in [1, 4]");
        require(FIELD_MEMORY_CLOCK_SENSITIVITY, memoryClockSensitivity,
                memoryClockSensitivity >= 0 && memoryClockSensitivity <= 1, "in [0, 1]");
        require(FIELD_MIN_CLOCK_FRACTION, minClockFraction, minClockFraction > 0 && minClockFraction < 1,
                "in (0, 1)");
        provenance = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(provenance, "provenance")));
        for (String field : FIELDS) {
            if (!provenance.containsKey(field)) {
                throw new IllegalArgumentException(acceleratorId + ": power parameter '" + field
                        + "' has no source (every number needs one)");
            }
        }
    }

    /** The same coefficients under another board limit (the catalog's TDP is the number of record). */
    public PowerParameters withTdp(double newTdpW) {
        return new PowerParameters(acceleratorId, idleW, activeW, computeW, memoryW, newTdpW, clockExponent,
                memoryClockSensitivity, minClockFraction, provenance);
    }

    /** The weakest confidence of any number: a model is as trustworthy as its least certain part. */
    public Confidence weakestConfidence() {
        Confidence weakest = Confidence.HIGH;
        for (Provenance p : provenance.values()) {
            if (p.confidence().ordinal() > weakest.ordinal()) {
                weakest = p.confidence();
            }
        }
        return weakest;
    }

    private static void require(String field, double value, boolean ok, String allowed) {
        if (!ok || !Double.isFinite(value)) {
            throw new IllegalArgumentException("power parameter '" + field + "' must be finite and " + allowed
                    + ", got " + value);
        }
    }
}
