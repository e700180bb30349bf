package org.tokenfab.serving;

/**
 * Iteration-level batching without chunking (Orca; vLLM v0's default scheduler): an iteration
 * either prefills or decodes. If waiting requests can be admitted with their whole prompt within
 * the token budget, {@code max_num_seqs} and the KV cache (above its watermark), the iteration
 * prefills them and running requests wait; otherwise every running request decodes, preempting
 * the newest when blocks run out, and swapped-out requests come back when nothing was preempted.
 * Prefills first gives short TTFT under light load but stalls every running stream while a
 * prompt is processed: the TPOT spikes chunked prefill was invented to remove.
 */
final class ContinuousBatching implements BatchPolicy {
    @Override
    public long plan(Replica replica, long now) {
        int budget = replica.maxBatchTokens();
        if (!replica.headIsSwapped()) {
            while (replica.runningCount() < replica.maxSeqs()) {
                // A prompt longer than the budget runs alone rather than never.
                int took = replica.admitHead(replica.batchSize() == 0 ? Integer.MAX_VALUE : budget, true);
                if (took < 0) {
                    break;
                }
                budget -= took;
                if (budget <= 0) {
                    break;
                }
            }
            if (replica.batchSize() > 0) {
                return NOW;
            }
        }
        budget = replica.maxBatchTokens();
        for (int i = 0; i < replica.runningCount() && budget > 0; i++) {
            Request r = replica.running(i);
            if (!r.inDecode()) {
                continue; // cannot happen without chunking; kept for a request swapped in mid-prompt
            }
            int want = replica.decodeTokens(r, budget);
            if (!replica.reserve(r, want)) {
                break;
            }
            replica.schedule(r, want);
            budget -= want;
        }
        if (!replica.preemptedThisStep()) {
            while (replica.headIsSwapped() && replica.runningCount() < replica.maxSeqs() && budget > 0) {
                int took = replica.admitHead(budget, true);
                if (took < 0) {
                    break;
                }
                budget -= took;
            }
        }
        return NOW;
    }
}
