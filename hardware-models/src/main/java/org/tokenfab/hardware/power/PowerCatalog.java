package org.tokenfab.hardware.power;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Confidence;
import org.tokenfab.hardware.Provenance;
import org.tokenfab.sim.TokenFabException;

/**
 * The calibrated power parameters bundled with TokenFab, and priors for every other accelerator.
 * Immutable.
 *
 * <p>The numbers live in {@value #BUILT_IN}, written by the calibration fit
 * ({@code org.tokenfab.validation.power.PowerCalibration}); see that file for the data, the method
 * and the residuals. An accelerator without measurements gets a <b>prior</b>: the calibrated
 * active/compute/memory power of its nearest measured relative (listed in the resource, else the
 * default relative), as fractions of that relative's dynamic range TDP − idle, applied to its own
 * range (its catalog TDP and idle power), with the relative's clock behaviour; every number of a
 * prior is {@link Confidence#LOW_PRELIMINARY} and its source says so.
 */
public final class PowerCatalog {
    /** Classpath location of the bundled calibration. */
    public static final String BUILT_IN = "org/tokenfab/hardware/power/power-calibration.yaml";

    private final String version;
    private final Map<String, Calibrated> calibrated;
    private final String defaultRelative;
    private final Map<String, String> relatives;

    /** One measured accelerator: parameters at the TDP they were fitted under, and the fit's summary. */
    record Calibrated(PowerParameters parameters, Map<String, String> fit) {
    }

    PowerCatalog(String version, Map<String, Calibrated> calibrated, String defaultRelative,
            Map<String, String> relatives) {
        this.version = version;
        this.calibrated = Collections.unmodifiableMap(new LinkedHashMap<>(calibrated));
        this.defaultRelative = defaultRelative;
        this.relatives = Collections.unmodifiableMap(new LinkedHashMap<>(relatives));
        requireCalibrated(defaultRelative, "priors.default_relative");
        relatives.forEach((id, relative) -> requireCalibrated(relative, "priors.relatives." + id));
    }

    /** The bundled calibration, loaded once per class loader (it is immutable). */
    public static PowerCatalog builtIn() {
        return BuiltIn.CATALOG;
    }

    /** Reads a calibration file; {@code origin} names it in messages. Closes the reader. */
    public static PowerCatalog read(Reader reader, String origin) {
        return PowerCatalogReader.read(reader, origin);
    }

    /** Version of the calibration (changes whenever a number changes). */
    public String version() {
        return version;
    }

    /** Ids of the accelerators with measured parameters, in file order. */
    public List<String> calibratedIds() {
        return List.copyOf(calibrated.keySet());
    }

    /** Measured parameters of {@code acceleratorId} at the TDP they were fitted under, if any. */
    public Optional<PowerParameters> calibrated(String acceleratorId) {
        Calibrated c = calibrated.get(acceleratorId);
        return c == null ? Optional.empty() : Optional.of(c.parameters());
    }

    /** The fit's summary for a measured accelerator (data, rows, errors), as written by the fit. */
    public Map<String, String> fitSummary(String acceleratorId) {
        Calibrated c = calibrated.get(acceleratorId);
        return c == null ? Map.of() : c.fit();
    }

    /** The measured accelerator a prior for {@code acceleratorId} is scaled from. */
    public String relativeOf(String acceleratorId) {
        return relatives.getOrDefault(acceleratorId, defaultRelative);
    }

    /** The power model of {@code spec}: measured if the calibration has it, else a prior. */
    public PowerModel modelFor(AcceleratorSpec spec) {
        return new PowerModel(parametersFor(spec));
    }

    /**
     * Parameters for {@code spec}. Measured ones keep their coefficients and take the catalog's TDP
     * (the number of record; the tests check the two agree for the bundled entries).
     */
    public PowerParameters parametersFor(AcceleratorSpec spec) {
        Calibrated c = calibrated.get(spec.id());
        if (c != null) {
            return c.parameters().withTdp(spec.tdpW());
        }
        return prior(spec, calibrated.get(relativeOf(spec.id())).parameters());
    }

    private static PowerParameters prior(AcceleratorSpec spec, PowerParameters relative) {
        double relativeRange = relative.tdpW() - relative.idleW();
        // The catalog's idle power when it has one; otherwise the relative's idle share of TDP.
        double idle = spec.idleW() > 0 ? spec.idleW() : relative.idleW() / relative.tdpW() * spec.tdpW();
        double range = spec.tdpW() - idle;
        double scale = range / relativeRange;
        String basis = String.format(Locale.ROOT,
                "prior, no power measurements for %s: %s's calibrated value as a fraction of its range TDP − idle"
                        + " (%.0f − %.0f W) applied to %s's range (%.0f − %.0f W)",
                spec.id(), relative.acceleratorId(), relative.tdpW(), relative.idleW(), spec.id(), spec.tdpW(), idle);
        Map<String, Provenance> provenance = new LinkedHashMap<>();
        provenance.put(PowerParameters.FIELD_IDLE, spec.idleW() > 0
                ? new Provenance("catalog idle_w of " + spec.id() + ": " + spec.provenanceOf(AcceleratorSpec.FIELD_IDLE)
                        .source(), Confidence.LOW_PRELIMINARY)
                : new Provenance("prior: " + relative.acceleratorId() + "'s idle share of TDP", Confidence.LOW_PRELIMINARY));
        for (String field : List.of(PowerParameters.FIELD_ACTIVE, PowerParameters.FIELD_COMPUTE,
                PowerParameters.FIELD_MEMORY)) {
            provenance.put(field, new Provenance(basis, Confidence.LOW_PRELIMINARY));
        }
        for (String field : List.of(PowerParameters.FIELD_CLOCK_EXPONENT,
                PowerParameters.FIELD_MEMORY_CLOCK_SENSITIVITY, PowerParameters.FIELD_MIN_CLOCK_FRACTION)) {
            provenance.put(field, new Provenance("prior: " + relative.acceleratorId() + "'s value",
                    Confidence.LOW_PRELIMINARY));
        }
        return new PowerParameters(spec.id(), idle, relative.activeW() * scale, relative.computeW() * scale,
                relative.memoryW() * scale, spec.tdpW(), relative.clockExponent(), relative.memoryClockSensitivity(),
                relative.minClockFraction(), provenance);
    }

    private void requireCalibrated(String id, String where) {
        if (!calibrated.containsKey(Objects.requireNonNull(id, where))) {
            throw new TokenFabException("power calibration: " + where + " names '" + id
                    + "', which has no measured parameters; measured: " + String.join(", ", calibrated.keySet()));
        }
    }

    /** Holder idiom: loads the bundled file on first use, thread-safely, without mutable statics. */
    private static final class BuiltIn {
        static final PowerCatalog CATALOG = load();

        private static PowerCatalog load() {
            InputStream in = PowerCatalog.class.getClassLoader().getResourceAsStream(BUILT_IN);
            if (in == null) {
                throw new TokenFabException("power calibration resource " + BUILT_IN + " not found on the classpath");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), BUILT_IN);
        }
    }
}
