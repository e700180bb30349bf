package org.tokenfab.hardware;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tokenfab.sim.TokenFabException;

/**
 * Numeric formats for weights, KV cache and activations, with their storage size.
 *
 * <p>Sizes are the raw element sizes. Block-scaled formats (FP8 block scaling, NVFP4/MXFP4) also
 * store one scale per block; that overhead is not counted yet. It is not small for FP4: NVFP4 adds
 * one 8-bit scale per 16 elements (12.5% over 4 bits), MXFP4 one per 32 (6.25%); FP8 with
 * 128 x 128 blocks adds a few thousandths of a percent.
 */
public enum Precision {
    FP32("fp32", 4.0),
    BF16("bf16", 2.0),
    FP16("fp16", 2.0),
    FP8("fp8", 1.0),
    INT8("int8", 1.0),
    FP4("fp4", 0.5);

    private final String yamlName;
    private final double bytesPerElement;

    Precision(String yamlName, double bytesPerElement) {
        this.yamlName = yamlName;
        this.bytesPerElement = bytesPerElement;
    }

    /** The lowercase name used in YAML and messages, e.g. {@code bf16}. */
    public String yamlName() {
        return yamlName;
    }

    /** Bytes one element occupies (0.5 for FP4). */
    public double bytesPerElement() {
        return bytesPerElement;
    }

    /**
     * Parses a YAML name ({@code fp32, bf16, fp16, fp8, int8, fp4}); surrounding blanks and case are
     * ignored.
     *
     * @throws TokenFabException naming the allowed names if {@code name} is none of them
     */
    public static Precision parse(String name) {
        if (name != null) {
            String n = name.strip().toLowerCase(Locale.ROOT);
            for (Precision p : values()) {
                if (p.yamlName.equals(n)) {
                    return p;
                }
            }
        }
        throw new TokenFabException("unknown precision '" + name + "'; allowed: " + allowedNames());
    }

    /**
     * The formats at least as wide as this one, in declaration order: those weights stored in this
     * format may be multiplied in (widened on the fly, never narrowed).
     */
    public List<Precision> atLeastAsWide() {
        return Arrays.stream(values()).filter(p -> p.bytesPerElement >= bytesPerElement).toList();
    }

    /**
     * Checks that weights stored in this format can be multiplied in {@code compute}.
     *
     * @throws TokenFabException saying what is allowed, when {@code compute} is narrower
     */
    public void requireComputableIn(Precision compute) {
        if (!atLeastAsWide().contains(compute)) {
            throw new TokenFabException("compute precision " + compute.yamlName() + " is narrower than the weights' "
                    + yamlName + ": matrix multiplications run in the weights' format or a wider one "
                    + "(allowed: " + names(atLeastAsWide()) + ")");
        }
    }

    /** The YAML names of {@code formats}, comma separated, for messages. */
    public static String names(List<Precision> formats) {
        return formats.stream().map(Precision::yamlName).collect(Collectors.joining(", "));
    }

    /** The YAML names, comma separated, for messages. */
    public static String allowedNames() {
        return names(List.of(values()));
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
