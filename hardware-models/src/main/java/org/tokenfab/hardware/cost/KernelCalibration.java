package org.tokenfab.hardware.cost;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Precision;
import org.tokenfab.sim.TokenFabException;

/**
 * A versioned set of fitted op-model parameters, as {@code tokenfab calibrate} writes it: one
 * {@link SystemCalibration} per measured accelerator, the element-wise and host-overhead
 * constants, and a mapping that says which measured accelerator stands in for each one without
 * measurements, and why. {@link #forAccelerator} resolves it for one accelerator.
 *
 * <p>The bundled calibration is the resource {@value #BUILT_IN}, read once per class loader and
 * shared (it is immutable).
 *
 * @param name the calibration's name and version, e.g. {@code kernels-v1}
 * @param origin where it was read from (resource name or file), for messages
 * @param generated how and when it was produced (command, TokenFab version, date, run time)
 * @param sources the repositories the measurements come from
 * @param systems fitted tables by catalog id of the measured accelerator
 * @param elementwise element-wise kernel constants by kind ({@link #ELEMENTWISE_KINDS})
 * @param cpuOverhead host-side step overhead
 * @param mapping catalog id of an unmeasured accelerator to its stand-in
 */
public record KernelCalibration(String name, String origin, Map<String, String> generated, List<String> sources,
        Map<String, SystemCalibration> systems, Map<String, Fitted<ElementwiseParams>> elementwise,
        Fitted<CpuOverhead> cpuOverhead, Map<String, Mapping> mapping) {

    /** Element-wise kernel kinds: RMSNorm (fused with the residual add), residual add (also used
     * for plain streaming: embedding gather, sampler passes), rotary embedding, gated activation. */
    public static final List<String> ELEMENTWISE_KINDS = List.of("norm", "add", "rope", "activation");

    /** Classpath resource of the bundled calibration. */
    public static final String BUILT_IN = "org/tokenfab/hardware/calibration/kernels-v1.yaml";

    /**
     * The stand-in for an accelerator without measurements.
     *
     * @param use catalog id of a measured accelerator
     * @param reason why it is the nearest relative
     */
    public record Mapping(String use, String reason) {
        public Mapping {
            Objects.requireNonNull(use, "use");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public KernelCalibration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        generated = Collections.unmodifiableMap(new LinkedHashMap<>(generated));
        sources = List.copyOf(sources);
        systems = Collections.unmodifiableMap(new LinkedHashMap<>(systems));
        elementwise = Collections.unmodifiableMap(new LinkedHashMap<>(elementwise));
        if (!elementwise.keySet().containsAll(ELEMENTWISE_KINDS)) {
            throw new TokenFabException(origin + ": elementwise must have " + ELEMENTWISE_KINDS + ", has " + elementwise.keySet());
        }
        Objects.requireNonNull(cpuOverhead, "cpuOverhead");
        mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        if (systems.isEmpty()) {
            throw new TokenFabException(origin + ": a calibration needs at least one measured system");
        }
        for (Map.Entry<String, Mapping> e : mapping.entrySet()) {
            if (!systems.containsKey(e.getValue().use())) {
                throw new TokenFabException(origin + ": mapping." + e.getKey() + ".use: '" + e.getValue().use()
                        + "' is not a measured system; measured: " + systems.keySet());
            }
        }
        for (SystemCalibration s : systems.values()) {
            for (Map.Entry<String, String> b : s.borrowed().entrySet()) {
                if (!systems.containsKey(b.getValue())) {
                    throw new TokenFabException(origin + ": systems." + s.id() + ".borrowed." + b.getKey() + ": '"
                            + b.getValue() + "' is not a measured system");
                }
            }
        }
    }

    /** The bundled calibration. */
    public static KernelCalibration builtIn() {
        return BuiltIn.CALIBRATION;
    }

    /** Reads a calibration file (for {@code --calibration FILE} and for checking a fresh fit). */
    public static KernelCalibration read(Path file) {
        try {
            return CalibrationReader.read(Files.newInputStream(file), file.toString());
        } catch (IOException e) {
            throw new TokenFabException("cannot read calibration " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a calibration from a stream; {@code name} is used in messages. */
    public static KernelCalibration read(InputStream in, String name) {
        return CalibrationReader.read(in, name);
    }

    /**
     * This calibration resolved for one accelerator: its own fitted tables if it was measured,
     * else those of its stand-in ({@link #mapping}, or if it has no entry, the measured accelerator
     * nearest in memory bandwidth and BF16 peak), with the efficiencies applied to its own peaks
     * and bandwidths. Ops a measured accelerator has no data for come from the accelerator its
     * {@link SystemCalibration#borrowed()} names. The result says which of these happened.
     */
    public AcceleratorCalibration forAccelerator(AcceleratorSpec accelerator) {
        Objects.requireNonNull(accelerator, "accelerator");
        SystemCalibration own = systems.get(accelerator.id());
        if (own != null) {
            return resolve(accelerator, own, true, accelerator.id() + ": measured");
        }
        Mapping m = mapping.get(accelerator.id());
        if (m != null) {
            return resolve(accelerator, systems.get(m.use()), false,
                    accelerator.id() + " -> " + m.use() + " (" + m.reason() + ")");
        }
        SystemCalibration nearest = nearest(accelerator);
        return resolve(accelerator, nearest, false, accelerator.id() + " -> " + nearest.id()
                + " (no measurements and no mapping entry: the measured accelerator nearest in memory bandwidth and BF16 peak)");
    }

    private SystemCalibration nearest(AcceleratorSpec a) {
        double bw = a.memoryBandwidthTbS();
        double peak = a.supports(Precision.BF16) ? a.densePeakTflops().get(Precision.BF16)
                : a.densePeakTflops().values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        SystemCalibration best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (SystemCalibration s : systems.values()) {
            double sPeak = s.reference().peakTflops().getOrDefault(GemmKeys.BF16, 1.0);
            double d = Math.abs(Math.log(bw / s.reference().memoryTbS())) + Math.abs(Math.log(peak / sPeak));
            if (d < bestDistance) {
                bestDistance = d;
                best = s;
            }
        }
        return best;
    }

    private AcceleratorCalibration resolve(AcceleratorSpec a, SystemCalibration basis, boolean measured, String note) {
        List<String> notes = new ArrayList<>();
        SystemCalibration gemmFrom = lender(basis, SystemCalibration.FAMILY_GEMM, notes);
        SystemCalibration prefillFrom = lender(basis, SystemCalibration.FAMILY_PREFILL, notes);
        SystemCalibration decodeFrom = lender(basis, SystemCalibration.FAMILY_DECODE, notes);
        SystemCalibration moeFrom = lender(basis, SystemCalibration.FAMILY_MOE, notes);
        SystemCalibration collectivesFrom = lender(basis, SystemCalibration.FAMILY_COLLECTIVES, notes);
        return AcceleratorCalibration.resolve(this, a, basis, measured, note, gemmFrom, prefillFrom, decodeFrom, moeFrom,
                collectivesFrom, notes);
    }

    private SystemCalibration lender(SystemCalibration basis, String family, List<String> notes) {
        String other = basis.borrowed().get(family);
        if (other == null) {
            return basis;
        }
        notes.add(family + " from " + other + " (" + basis.id() + " has no " + family + " measurements)");
        return systems.get(other);
    }

    private static final class BuiltIn {
        static final KernelCalibration CALIBRATION = load();

        private static KernelCalibration load() {
            InputStream in = KernelCalibration.class.getClassLoader().getResourceAsStream(BUILT_IN);
            if (in == null) {
                throw new IllegalStateException("bundled calibration " + BUILT_IN + " is missing from the classpath");
            }
            return CalibrationReader.read(in, BUILT_IN);
        }
    }
}
