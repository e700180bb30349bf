package org.tokenfab.scenario;

/**
 * The iteration scheduler.
 *
 * @param policy             YAML name of the policy: {@code chunked-prefill}, {@code continuous},
 *                           {@code static} or {@code dynamic}
 * @param maxBatchTokens     token budget per iteration (vLLM {@code max_num_batched_tokens})
 * @param maxSeqs            requests running at once (vLLM {@code max_num_seqs}; the batch size of
 *                           {@code static} and {@code dynamic})
 * @param maxQueueDelayNanos {@code dynamic} only: the longest the oldest request waits for a full batch
 */
public record BatchingSpec(String policy, int maxBatchTokens, int maxSeqs, long maxQueueDelayNanos) {
}
