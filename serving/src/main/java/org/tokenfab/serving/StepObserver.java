package org.tokenfab.serving;

/**
 * Told about every iteration a replica starts, for views that replay one replica's schedule (the
 * desktop app's replica timeline). Called on the simulation thread with primitives only, so an
 * observer that copies them into preallocated arrays keeps the event loop free of allocation.
 */
@FunctionalInterface
public interface StepObserver {
    /**
     * @param start          simulated start of the iteration, ns
     * @param duration       its length, ns
     * @param prefillSeqs    sequences that get a prefill chunk in it
     * @param prefillTokens  prompt tokens computed in it
     * @param decodeSeqs     sequences that decode one token (plus drafts) in it
     * @param kvBlocksUsed   KV blocks held once it is planned
     * @param kvBlocks       the replica's KV blocks in all
     * @param queued         requests still waiting once it is planned
     * @param preemptions    requests preempted while planning it
     */
    void step(long start, long duration, int prefillSeqs, int prefillTokens, int decodeSeqs, int kvBlocksUsed,
            int kvBlocks, int queued, int preemptions);
}
