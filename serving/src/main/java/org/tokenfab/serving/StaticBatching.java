package org.tokenfab.serving;

/**
 * Request-level batching (FasterTransformer; Triton's dynamic batcher in front of it): a batch of
 * up to {@code max_num_seqs} requests is formed from the queue, its prompts are prefilled together
 * in one iteration, and it decodes until its longest request is done. Nobody joins a running
 * batch; a request that finishes early streams its last token but keeps its slot and its KV
 * blocks, and still costs a (padding) decode row every iteration, until the batch ends. Each
 * request reserves KV blocks for its whole prompt and output at admission (no preemption). The
 * batch is bounded by {@code max_num_seqs} and the KV cache, not by {@code max_num_batched_tokens}.
 *
 * <p>Static batches start as soon as the replica is free and anything waits. Dynamic batches
 * wait until {@code max_num_seqs} requests queue or the oldest has waited
 * {@code max_queue_delay}, whichever comes first.
 */
final class StaticBatching implements BatchPolicy {
    private final boolean dynamic;

    StaticBatching(boolean dynamic) {
        this.dynamic = dynamic;
    }

    @Override
    public long plan(Replica replica, long now) {
        if (replica.runningCount() > 0) {
            for (int i = 0; i < replica.runningCount(); i++) {
                Request r = replica.running(i);
                if (r.done) {
                    replica.schedulePadding(r);
                } else {
                    replica.schedule(r, replica.decodeTokens(r, Integer.MAX_VALUE));
                }
            }
            return NOW;
        }
        if (replica.waitingCount() == 0) {
            return NOW;
        }
        if (dynamic && replica.waitingCount() < replica.maxSeqs()) {
            long due = replica.oldestWaitingArrival() + replica.batchTimeoutNanos();
            if (now < due) {
                return due;
            }
        }
        // The batch is bounded by max_num_seqs and memory only: request-level engines have no
        // per-iteration token budget.
        while (replica.runningCount() < replica.maxSeqs() && replica.admitWhole(Integer.MAX_VALUE) >= 0) {
            // admitted
        }
        return NOW;
    }
}
