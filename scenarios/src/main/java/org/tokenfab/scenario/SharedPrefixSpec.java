package org.tokenfab.scenario;

/**
 * Synthetic shared prompt prefixes (system prompts, few-shot examples): every request's prompt
 * starts with one of {@code variants} prefixes of {@code tokens} tokens, picked uniformly; prefix
 * caching can reuse them.
 */
public record SharedPrefixSpec(int tokens, int variants) {
}
