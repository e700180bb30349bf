package org.tokenfab.hardware;

import java.util.Objects;

/**
 * Where one catalog number comes from and how much to trust it.
 *
 * @param source citation: document, table or derivation (never blank)
 * @param confidence how far the number can be trusted
 */
public record Provenance(String source, Confidence confidence) {
    public Provenance {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(confidence, "confidence");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
    }
}
