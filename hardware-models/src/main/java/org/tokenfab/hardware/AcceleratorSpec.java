package org.tokenfab.hardware;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.tokenfab.sim.TokenFabException;

/**
 * What one accelerator is, per chip, as its catalog entry states it. Units follow the YAML field
 * names (GB, TB/s, MB, TFLOPS, GB/s, Gb/s, W, $; 1 GB = 10^9 bytes, 1 MB = 10^6 bytes) so a reader
 * can check an entry against its datasheet; the {@code ...Bytes()}/{@code ...PerSecond()}
 * accessors convert to SI units for the models.
 *
 * <p>All peaks are <b>dense</b> tensor-core figures (no 2:4 sparsity). A precision missing from
 * {@link #densePeakTflops()} has no hardware support worth modelling (e.g. FP4 on Hopper). The
 * INT8 entry is in TOPS (integer operations), the others in TFLOPS.
 *
 * <p><b>SRAM-only chips</b> (Groq, Cerebras) have no off-chip memory: their {@code memoryGb} and
 * {@code memoryBandwidthTbS} are the capacity and bandwidth of the on-chip SRAM that holds the
 * weights and KV cache, and {@link #sramOnly()} is true.
 *
 * <p><b>Optional numbers</b> are {@code NaN} when the catalog has none (on-chip SRAM, scale-out
 * bandwidth, prices; the scale-up bandwidth of a chip without a scale-up fabric). Test with
 * {@link #has(String)} or {@link Double#isNaN}; {@link #numbers()} lists only the numbers present.
 *
 * <p>Every number has an entry in {@link #provenance()}, keyed by its YAML field path (the
 * {@code FIELD_...} constants; peaks use {@code dense_peak_tflops.<precision>}).
 *
 * @param id catalog id, lowercase with hyphens, e.g. {@code h100-sxm}
 * @param name display name
 * @param vendor vendor name
 * @param memoryKind memory technology; {@link MemoryKind#SRAM} for SRAM-only chips
 * @param memoryGb device memory capacity, GB (10^9 bytes); the SRAM capacity of SRAM-only chips
 * @param memoryBandwidthTbS device memory bandwidth, TB/s (10^12 bytes/s)
 * @param onChipSramMb on-chip SRAM or last-level cache, MB (10^6 bytes); NaN if not published
 * @param densePeakTflops dense peak per precision, TFLOPS (TOPS for INT8)
 * @param scaleUpTechnology scale-up fabric name (e.g. NVLink 4), for reports; "none" if there is none
 * @param scaleUpBandwidthBidirGbS scale-up bandwidth per chip, both directions summed, GB/s
 *     (NVIDIA's convention: H100 900 GB/s = 450 GB/s each way); NaN only when the domain is 1 chip
 * @param scaleUpDomainSize chips reachable over the scale-up fabric in the usual system (the
 *     largest tensor-parallel group that does not fall back to the scale-out network)
 * @param scaleOutGbitS scale-out (NIC) bandwidth per chip, Gb/s (gigabits, one direction, as NICs
 *     are rated); NaN if not published
 * @param tdpW thermal design power (board power limit) per chip, W
 * @param idleW power per chip when powered, model loaded, doing nothing, W; below {@code tdpW}
 * @param price public prices, {@link AcceleratorPrice#UNKNOWN} if none
 * @param provenance source and confidence of every number, keyed by YAML field path
 */
public record AcceleratorSpec(
        String id,
        String name,
        String vendor,
        MemoryKind memoryKind,
        double memoryGb,
        double memoryBandwidthTbS,
        double onChipSramMb,
        Map<Precision, Double> densePeakTflops,
        String scaleUpTechnology,
        double scaleUpBandwidthBidirGbS,
        int scaleUpDomainSize,
        double scaleOutGbitS,
        double tdpW,
        double idleW,
        AcceleratorPrice price,
        Map<String, Provenance> provenance) {

    public static final String FIELD_MEMORY_GB = "memory_gb";
    public static final String FIELD_MEMORY_BANDWIDTH = "memory_bandwidth_tb_s";
    public static final String FIELD_ON_CHIP_SRAM = "on_chip_sram_mb";
    public static final String FIELD_DENSE_PEAK = "dense_peak_tflops";
    public static final String FIELD_SCALE_UP_BANDWIDTH = "scale_up.bandwidth_bidir_gb_s";
    public static final String FIELD_SCALE_UP_DOMAIN = "scale_up.domain_size";
    public static final String FIELD_SCALE_OUT = "scale_out_gbit_s";
    public static final String FIELD_TDP = "tdp_w";
    public static final String FIELD_IDLE = "idle_w";

    public AcceleratorSpec {
        CatalogIds.requireValid(Objects.requireNonNull(id, "id"));
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(memoryKind, "memoryKind");
        Objects.requireNonNull(scaleUpTechnology, "scaleUpTechnology");
        Objects.requireNonNull(price, "price");
        requirePositive(FIELD_MEMORY_GB, memoryGb);
        requirePositive(FIELD_MEMORY_BANDWIDTH, memoryBandwidthTbS);
        requirePositiveOrUnknown(FIELD_ON_CHIP_SRAM, onChipSramMb);
        requirePositive(FIELD_SCALE_UP_DOMAIN, scaleUpDomainSize);
        if (scaleUpDomainSize > 1 || !Double.isNaN(scaleUpBandwidthBidirGbS)) {
            // A domain of several chips without a link bandwidth would make every collective NaN.
            requirePositive(FIELD_SCALE_UP_BANDWIDTH, scaleUpBandwidthBidirGbS);
        }
        requirePositiveOrUnknown(FIELD_SCALE_OUT, scaleOutGbitS);
        requirePositive(FIELD_TDP, tdpW);
        if (!(idleW >= 0) || !(idleW < tdpW)) {
            throw new IllegalArgumentException("'" + FIELD_IDLE + "' must be at least 0 and below " + FIELD_TDP + " ("
                    + tdpW + " W), got " + idleW);
        }
        if (densePeakTflops == null || densePeakTflops.isEmpty()) {
            throw new IllegalArgumentException(FIELD_DENSE_PEAK + " must list at least one precision");
        }
        EnumMap<Precision, Double> peaks = new EnumMap<>(Precision.class);
        densePeakTflops.forEach((p, v) -> {
            requirePositive(peakField(p), Objects.requireNonNull(v, "peak"));
            peaks.put(p, v);
        });
        densePeakTflops = Collections.unmodifiableMap(peaks);

        provenance = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(provenance, "provenance")));
        Map<String, Double> present = numbers(memoryGb, memoryBandwidthTbS, onChipSramMb, peaks,
                scaleUpBandwidthBidirGbS, scaleUpDomainSize, scaleOutGbitS, tdpW, idleW, price);
        for (String field : present.keySet()) {
            if (!provenance.containsKey(field)) {
                throw new IllegalArgumentException("'" + field + "' has no source (every number needs one)");
            }
        }
        for (String field : provenance.keySet()) {
            if (!present.containsKey(field)) {
                throw new IllegalArgumentException("provenance names '" + field + "', which holds no number");
            }
        }
    }

    /** The provenance key of a precision's peak, e.g. {@code dense_peak_tflops.fp8}. */
    public static String peakField(Precision p) {
        return FIELD_DENSE_PEAK + "." + p.yamlName();
    }

    /** Whether the weights and KV cache live in on-chip SRAM (no off-chip memory). */
    public boolean sramOnly() {
        return memoryKind == MemoryKind.SRAM;
    }

    /** Device memory in bytes (SRAM for SRAM-only chips). */
    public double memoryBytes() {
        return memoryGb * 1e9;
    }

    /** Device memory bandwidth in bytes per second. */
    public double memoryBandwidthBytesPerSecond() {
        return memoryBandwidthTbS * 1e12;
    }

    /** Whether the catalog lists a dense peak for {@code p}. */
    public boolean supports(Precision p) {
        return densePeakTflops.containsKey(p);
    }

    /**
     * Dense peak of {@code p} in FLOP/s (OP/s for INT8).
     *
     * @throws TokenFabException if the accelerator has no peak for {@code p}
     */
    public double densePeakFlops(Precision p) {
        Double tflops = densePeakTflops.get(p);
        if (tflops == null) {
            throw new TokenFabException(id + " has no dense " + p.yamlName() + " peak in the catalog (it lists "
                    + densePeakTflops.keySet().stream().map(Precision::yamlName).collect(Collectors.joining(", "))
                    + "); choose one of those precisions or another accelerator, or keep the weights in "
                    + p.yamlName() + " and compute in a listed wider one (precision.compute, e.g. bf16 for W4A16)");
        }
        return tflops * 1e12;
    }

    /**
     * Scale-up bandwidth per chip in one direction, bytes per second: what one chip can send
     * while it receives as much, the {@code B_link} of the collective cost formulas. NaN for a
     * chip without a scale-up fabric (its domain is 1 chip, so no collective uses it).
     */
    public double scaleUpBytesPerSecondPerDirection() {
        return scaleUpBandwidthBidirGbS * 1e9 / 2.0;
    }

    /** Scale-out bandwidth per chip in bytes per second (one direction); NaN if not published. */
    public double scaleOutBytesPerSecond() {
        return scaleOutGbitS * 1e9 / 8.0;
    }

    /** Whether the catalog has a number at {@code field} (a YAML field path). */
    public boolean has(String field) {
        return provenance.containsKey(field);
    }

    /**
     * Every number present, keyed by YAML field path, in schema order (for listings: optional
     * numbers that are unknown are left out rather than shown as NaN).
     */
    public Map<String, Double> numbers() {
        return numbers(memoryGb, memoryBandwidthTbS, onChipSramMb, densePeakTflops, scaleUpBandwidthBidirGbS,
                scaleUpDomainSize, scaleOutGbitS, tdpW, idleW, price);
    }

    /** Source and confidence of the number at {@code field} (a YAML field path). */
    public Provenance provenanceOf(String field) {
        Provenance p = provenance.get(field);
        if (p == null) {
            throw new IllegalArgumentException(id + " has no number at '" + field + "'; fields: " + provenance.keySet());
        }
        return p;
    }

    /** The weakest confidence of all the numbers, for a one-word summary in listings. */
    public Confidence weakestConfidence() {
        Confidence weakest = Confidence.HIGH;
        for (Provenance p : provenance.values()) {
            if (p.confidence().compareTo(weakest) > 0) {
                weakest = p.confidence();
            }
        }
        return weakest;
    }

    private static Map<String, Double> numbers(double memoryGb, double bandwidth, double sram,
            Map<Precision, Double> peaks, double scaleUp, int domain, double scaleOut, double tdp, double idle,
            AcceleratorPrice price) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(FIELD_MEMORY_GB, memoryGb);
        m.put(FIELD_MEMORY_BANDWIDTH, bandwidth);
        putKnown(m, FIELD_ON_CHIP_SRAM, sram);
        peaks.forEach((p, v) -> m.put(peakField(p), v));
        putKnown(m, FIELD_SCALE_UP_BANDWIDTH, scaleUp);
        m.put(FIELD_SCALE_UP_DOMAIN, (double) domain);
        putKnown(m, FIELD_SCALE_OUT, scaleOut);
        m.put(FIELD_TDP, tdp);
        m.put(FIELD_IDLE, idle);
        putKnown(m, AcceleratorPrice.FIELD_HYPERSCALER, price.usdPerHourHyperscaler());
        putKnown(m, AcceleratorPrice.FIELD_NEOCLOUD, price.usdPerHourNeocloud());
        putKnown(m, AcceleratorPrice.FIELD_RENTAL_3YR, price.usdPerHourRental3yr());
        putKnown(m, AcceleratorPrice.FIELD_PURCHASE, price.purchaseUsd());
        return Collections.unmodifiableMap(m);
    }

    private static void putKnown(Map<String, Double> m, String field, double v) {
        if (!Double.isNaN(v)) {
            m.put(field, v);
        }
    }

    static void requirePositive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("'" + field + "' must be a positive finite number, got " + v);
        }
    }

    static void requirePositiveOrUnknown(String field, double v) {
        if (!Double.isNaN(v)) {
            requirePositive(field, v);
        }
    }

    /** Fields that must be present in every entry, for tests and documentation. */
    public static List<String> requiredFields() {
        return List.of(FIELD_MEMORY_GB, FIELD_MEMORY_BANDWIDTH, FIELD_SCALE_UP_DOMAIN, FIELD_TDP, FIELD_IDLE);
    }
}
