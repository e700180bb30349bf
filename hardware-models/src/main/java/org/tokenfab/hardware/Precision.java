package org.tokenfab.hardware;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tokenfab.sim.TokenFabException;

/**
 * Numeric formats for weights, KV cache and activations, with their storage size.
 *
 * <p>{@link #bytesPerElement()} is the raw element size, what activations and the KV cache
 * occupy. Stored weights also carry their block scales ({@link #storedBytesPerWeight()}): FP4 is
 * NVFP4, one FP8 scale per 16 elements, 4.5 bits a weight (llm-compressor's and ModelOpt's NVFP4
 * checkpoints: "per-group (size 16) local quantization scales"). MXFP4 (one 8-bit scale per 32,
 * 4.25 bits, gpt-oss's format) is counted as NVFP4, 5.9% more than it is. FP8 with per-tensor or
 * 128 x 128 block scales adds less than a ten-thousandth and is not counted.
 *
 * <p>Quantized checkpoints quantize the linear layers of the transformer blocks only; the embedding
 * and the LM head stay in 16 bits (NVIDIA's FP8 and FP4 model cards: "only the weights and
 * activations of the linear operators within transformers blocks are quantized").
 * {@link #embeddingBytesPerWeight()} says what they occupy.
 */
public enum Precision {
    FP32("fp32", 4.0),
    BF16("bf16", 2.0),
    FP16("fp16", 2.0),
    FP8("fp8", 1.0),
    INT8("int8", 1.0),
    FP4("fp4", 0.5, 1.0 / 16);

    /** Bytes of the 16-bit formats the embedding and LM head of a quantized checkpoint keep. */
    private static final double SIXTEEN_BIT_BYTES = 2.0;

    private final String yamlName;
    private final double bytesPerElement;
    private final double scaleBytesPerElement;

    Precision(String yamlName, double bytesPerElement) {
        this(yamlName, bytesPerElement, 0);
    }

    Precision(String yamlName, double bytesPerElement, double scaleBytesPerElement) {
        this.yamlName = yamlName;
        this.bytesPerElement = bytesPerElement;
        this.scaleBytesPerElement = scaleBytesPerElement;
    }

    /** The lowercase name used in YAML and messages, e.g. {@code bf16}. */
    public String yamlName() {
        return yamlName;
    }

    /** Bytes one element occupies (0.5 for FP4), without block scales. */
    public double bytesPerElement() {
        return bytesPerElement;
    }

    /** Bytes a weight of a transformer block's linear layer occupies stored in this format, block scales included (0.5625 for FP4). */
    public double storedBytesPerWeight() {
        return bytesPerElement + scaleBytesPerElement;
    }

    /** Whether this format is narrower than 16 bits: a checkpoint in it is quantized. */
    public boolean quantized() {
        return bytesPerElement < SIXTEEN_BIT_BYTES;
    }

    /**
     * Bytes an embedding or LM-head weight occupies in a checkpoint whose blocks are in this
     * format: 2 (16 bits) for a quantized format, else this format's size.
     */
    public double embeddingBytesPerWeight() {
        return quantized() ? SIXTEEN_BIT_BYTES : bytesPerElement;
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
