package org.tokenfab.scenario;

/**
 * The iteration scheduler.
 *
 * @param policy         YAML name of the policy ({@code chunked-prefill})
 * @param maxBatchTokens token budget per iteration (vLLM {@code max_num_batched_tokens})
 * @param maxSeqs        requests running at once (vLLM {@code max_num_seqs})
 */
public record BatchingSpec(String policy, int maxBatchTokens, int maxSeqs) {
}
