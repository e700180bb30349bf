package org.tokenfab.hardware.cost;

/**
 * What one engine iteration processes, as aggregate sums over its batch: what the step-cost model
 * needs, in O(1) space whatever the batch size. The scheduler fills it request by request with
 * {@link #addPrefillChunk} and {@link #addDecode}, after {@link #clear()}.
 *
 * <p>Mutable and reused on purpose: a replica owns one and refills it every step, so the event
 * loop allocates nothing. Not thread-safe; one per replica.
 */
public final class BatchShape {
    /** Prefill chunks (one per request being prefilled). */
    public int prefillSeqs;
    /** New prompt tokens (sum of chunk lengths). */
    public int prefillTokens;
    /** Query-key pairs of causal attention over the chunks ({@link StepCostModel#causalPairs}). */
    public long prefillPairs;
    /** Cached prefix tokens the chunks attend to (their KV is read). */
    public long prefillContext;
    /** Sequences producing one token each. */
    public int decodeSeqs;
    /** Sum of the decode sequences' context lengths (keys their new token attends to). */
    public long decodeContext;
    /** The longest decode context: a kernel that gives each sequence its own thread block waits for it. */
    public long decodeMaxContext;

    /** Empties the batch. */
    public BatchShape clear() {
        prefillSeqs = 0;
        prefillTokens = 0;
        prefillPairs = 0;
        prefillContext = 0;
        decodeSeqs = 0;
        decodeContext = 0;
        decodeMaxContext = 0;
        return this;
    }

    /** Adds a prefill chunk of {@code tokens} new tokens after {@code cached} tokens already in the KV cache. */
    public BatchShape addPrefillChunk(long cached, int tokens) {
        prefillSeqs++;
        prefillTokens += tokens;
        prefillPairs += StepCostModel.causalPairs(cached, tokens);
        prefillContext += cached;
        return this;
    }

    /** Adds a sequence generating one token that attends to {@code context} keys (its own included). */
    public BatchShape addDecode(long context) {
        decodeSeqs++;
        decodeContext += context;
        if (context > decodeMaxContext) {
            decodeMaxContext = context;
        }
        return this;
    }

    /** {@code count} decoding sequences of {@code context} keys each (a uniform batch, as kernel benchmarks use). */
    public BatchShape addDecodes(int count, long context) {
        decodeSeqs += count;
        decodeContext += (long) count * context;
        if (count > 0 && context > decodeMaxContext) {
            decodeMaxContext = context;
        }
        return this;
    }

    /** True when the step has no work. */
    public boolean isEmpty() {
        return prefillTokens == 0 && decodeSeqs == 0;
    }

    @Override
    public String toString() {
        return "BatchShape[prefill " + prefillSeqs + " chunks, " + prefillTokens + " tokens, " + prefillPairs + " pairs, "
                + prefillContext + " cached; decode " + decodeSeqs + " seqs, " + decodeContext + " context, max "
                + decodeMaxContext + "]";
    }
}
