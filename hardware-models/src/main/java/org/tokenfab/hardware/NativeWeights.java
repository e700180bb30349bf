package org.tokenfab.hardware;

import java.util.Objects;

/**
 * The precision a model's weights are published in, when it is not BF16 (DeepSeek-V3 in FP8,
 * gpt-oss's experts in MXFP4). Informational: the precision a scenario simulates is the
 * scenario's {@code precision.weights}, applied to all weights.
 *
 * @param precision the published format, mapped to the nearest {@link Precision}
 * @param scope which weights are stored so and how (block scales, excluded modules)
 * @param provenance where this comes from
 */
public record NativeWeights(Precision precision, String scope, Provenance provenance) {

    public static final String FIELD = "native_weights";

    public NativeWeights {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(provenance, "provenance");
    }
}
