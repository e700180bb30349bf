package org.tokenfab.serving;

/**
 * vLLM V1's scheduler (Sarathi-Serve style chunked prefill), one token budget per iteration
 * ({@code max_num_batched_tokens}):
 * <ol>
 *   <li>Running requests first, oldest first: a decoding request takes one token (plus its draft
 *       tokens with speculative decoding), a request part-way through its prefill its next chunk,
 *       up to the remaining budget.</li>
 *   <li>If a running request needs KV blocks that are not available, the newest running request
 *       is preempted.</li>
 *   <li>Then, if nothing was preempted, waiting requests are admitted in queue order while the
 *       budget, {@code max_num_seqs} and the KV cache allow; the head is never overtaken.</li>
 * </ol>
 */
final class ChunkedPrefill implements BatchPolicy {
    @Override
    public long plan(Replica replica, long now) {
        int budget = replica.maxBatchTokens();
        for (int i = 0; i < replica.runningCount() && budget > 0; i++) {
            Request r = replica.running(i);
            int want = r.inDecode() ? replica.decodeTokens(r, budget) : Math.min(r.prefillRemaining(), budget);
            if (!replica.reserve(r, want)) {
                break; // r itself was preempted: it was the newest, so nothing after it runs
            }
            replica.schedule(r, want);
            budget -= want;
        }
        // Admission only if no one was preempted (as in vLLM V1), unless the batch would otherwise
        // be empty: then every block is free and the head can always start.
        if (!replica.preemptedThisStep() || replica.batchSize() == 0) {
            while (budget > 0 && replica.runningCount() < replica.maxSeqs()) {
                int took = replica.admitHead(budget, false);
                if (took < 0) {
                    break;
                }
                budget -= took;
            }
        }
        return NOW;
    }
}
