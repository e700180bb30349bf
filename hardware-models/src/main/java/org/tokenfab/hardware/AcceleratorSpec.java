package org.tokenfab.hardware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.tokenfab.sim.TokenFabException;

/**
 * What one accelerator is, per chip, as its catalog entry states it. Units follow the YAML field
 * names (GB, TB/s, TFLOPS, GB/s, W; 1 GB = 10^9 bytes) so a reader can check an entry against its
 * datasheet; the {@code ...Bytes()}/{@code ...PerSecond()} accessors convert to SI units for the
 * models.
 *
 * <p>All peaks are <b>dense</b> tensor-core figures (no 2:4 sparsity). A precision missing from
 * {@link #densePeakTflops()} has no hardware support worth modelling (e.g. FP4 on Hopper).
 *
 * <p>Every number has an entry in {@link #provenance()}, keyed by its YAML field path (see the
 * {@code FIELD_...} constants; peaks use {@code dense_peak_tflops.<precision>}).
 *
 * @param id catalog id, lowercase with hyphens, e.g. {@code h100-sxm}
 * @param name display name
 * @param vendor vendor name
 * @param memoryGb device memory capacity, GB (10^9 bytes)
 * @param memoryBandwidthTbS device memory bandwidth, TB/s (10^12 bytes/s)
 * @param densePeakTflops dense peak per precision, TFLOPS (TOPS for INT8)
 * @param scaleUpTechnology scale-up fabric name (e.g. NVLink 4), for reports
 * @param scaleUpBandwidthBidirGbS scale-up bandwidth per chip, both directions summed, GB/s
 *     (NVIDIA's convention: H100 900 GB/s = 450 GB/s each way)
 * @param scaleUpDomainSize chips reachable over the scale-up fabric (the largest tensor-parallel
 *     group that does not fall back to the scale-out network)
 * @param tdpW thermal design power per chip, W
 * @param provenance source and confidence of every number, keyed by YAML field path
 */
public record AcceleratorSpec(
        String id,
        String name,
        String vendor,
        double memoryGb,
        double memoryBandwidthTbS,
        Map<Precision, Double> densePeakTflops,
        String scaleUpTechnology,
        double scaleUpBandwidthBidirGbS,
        int scaleUpDomainSize,
        double tdpW,
        Map<String, Provenance> provenance) {

    public static final String FIELD_MEMORY_GB = "memory_gb";
    public static final String FIELD_MEMORY_BANDWIDTH = "memory_bandwidth_tb_s";
    public static final String FIELD_DENSE_PEAK = "dense_peak_tflops";
    public static final String FIELD_SCALE_UP_BANDWIDTH = "scale_up.bandwidth_bidir_gb_s";
    public static final String FIELD_SCALE_UP_DOMAIN = "scale_up.domain_size";
    public static final String FIELD_TDP = "tdp_w";

    public AcceleratorSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(scaleUpTechnology, "scaleUpTechnology");
        requirePositive(FIELD_MEMORY_GB, memoryGb);
        requirePositive(FIELD_MEMORY_BANDWIDTH, memoryBandwidthTbS);
        requirePositive(FIELD_SCALE_UP_BANDWIDTH, scaleUpBandwidthBidirGbS);
        requirePositive(FIELD_SCALE_UP_DOMAIN, scaleUpDomainSize);
        requirePositive(FIELD_TDP, tdpW);
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
        List<String> required = new ArrayList<>(List.of(FIELD_MEMORY_GB, FIELD_MEMORY_BANDWIDTH,
                FIELD_SCALE_UP_BANDWIDTH, FIELD_SCALE_UP_DOMAIN, FIELD_TDP));
        peaks.keySet().forEach(p -> required.add(peakField(p)));
        for (String field : required) {
            if (!provenance.containsKey(field)) {
                throw new IllegalArgumentException("'" + field + "' has no source (every number needs one)");
            }
        }
    }

    /** The provenance key of a precision's peak, e.g. {@code dense_peak_tflops.fp8}. */
    public static String peakField(Precision p) {
        return FIELD_DENSE_PEAK + "." + p.yamlName();
    }

    /** Device memory in bytes. */
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
                    + "); choose one of those precisions or another accelerator");
        }
        return tflops * 1e12;
    }

    /**
     * Scale-up bandwidth per chip in one direction, bytes per second: what one chip can send
     * while it receives as much, the {@code B_link} of the collective cost formulas.
     */
    public double scaleUpBytesPerSecondPerDirection() {
        return scaleUpBandwidthBidirGbS * 1e9 / 2.0;
    }

    /** Source and confidence of the number at {@code field} (a YAML field path). */
    public Provenance provenanceOf(String field) {
        Provenance p = provenance.get(field);
        if (p == null) {
            throw new IllegalArgumentException(id + " has no number at '" + field + "'; fields: " + provenance.keySet());
        }
        return p;
    }

    private static void requirePositive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("'" + field + "' must be a positive finite number, got " + v);
        }
    }
}
