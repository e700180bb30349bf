package org.tokenfab.serving;

import org.tokenfab.hardware.cost.StepUsage;

/**
 * How long one iteration of a replica takes, from aggregate sums over its batch (so the cost of a
 * step does not grow with the batch), and what it used. The hardware module's calibrated
 * {@code StepCostModel#evaluate} is the real one; tests use simple closed forms and may leave the
 * usage empty.
 */
@FunctionalInterface
public interface StepCost {
    /**
     * @param prefillSeqs           prefill chunks in this step (one per request being prefilled)
     * @param prefillTokens         new prompt tokens in this step (sum of chunk lengths)
     * @param prefillAttentionPairs query-key pairs of causal attention over the prefill chunks
     * @param prefillContextTokens  cached prefix tokens the prefill chunks attend to
     * @param decodeSeqs            sequences producing one token each
     * @param decodeContextTokens   sum of their context lengths (KV tokens read)
     * @param usage                 filled with what the step used per accelerator (reused; overwritten)
     * @return the step's duration in nanoseconds at full clock
     */
    long evaluate(int prefillSeqs, int prefillTokens, long prefillAttentionPairs, long prefillContextTokens, int decodeSeqs,
            long decodeContextTokens, StepUsage usage);
}
