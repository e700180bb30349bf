package org.tokenfab.serving;

/**
 * How long one iteration of a replica takes, from aggregate sums over its batch (so the cost of a
 * step does not grow with the batch). The hardware module's roofline model is the real one; tests
 * use simple closed forms.
 */
@FunctionalInterface
public interface StepCost {
    /**
     * @param prefillTokens         new prompt tokens in this step (sum of chunk lengths)
     * @param prefillAttentionPairs query-key pairs of causal attention over the prefill chunks
     * @param prefillContextTokens  cached prefix tokens the prefill chunks attend to
     * @param decodeSeqs            sequences producing one token each
     * @param decodeContextTokens   sum of their context lengths (KV tokens read)
     * @return the step's duration in nanoseconds
     */
    long stepNanos(int prefillTokens, long prefillAttentionPairs, long prefillContextTokens, int decodeSeqs,
            long decodeContextTokens);
}
