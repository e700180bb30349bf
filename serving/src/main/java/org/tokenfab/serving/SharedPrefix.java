package org.tokenfab.serving;

/**
 * Synthetic shared prompt prefixes (system prompts): each request's prompt starts with one of
 * {@code variants} prefixes of {@code tokens} tokens, picked uniformly, cut into units of
 * {@link #UNIT_TOKENS} tokens for the prefix cache.
 */
public record SharedPrefix(int tokens, int variants) {
    /** Tokens per prefix unit: a multiple of the usual KV block sizes (16, 32, 64). */
    public static final int UNIT_TOKENS = 64;

    public SharedPrefix {
        if (tokens < 1 || variants < 1) {
            throw new IllegalArgumentException("shared prefix tokens and variants must be >= 1");
        }
    }
}
