package org.tokenfab.workload;

/**
 * Lengths of prompts or outputs, in tokens. One instance owns its random stream.
 */
@FunctionalInterface
public interface TokenLengthDistribution {
    /** Draws one length, at least 1 token. Allocates nothing. */
    int sample();
}
