package org.tokenfab.serving;

/**
 * What a replica needs to run its iteration loop: the cost of a step, the KV-cache size and the
 * batch limits of the scheduler (vLLM V1 names in brackets).
 *
 * @param stepCost       time of one iteration on this replica's accelerators and parallelism
 * @param kvBlocks       KV-cache blocks in the replica (from the memory model)
 * @param blockTokens    tokens per KV block ({@code block_size})
 * @param maxBatchTokens token budget per iteration ({@code max_num_batched_tokens}); a decode counts one
 * @param maxSeqs        sequences running at once ({@code max_num_seqs})
 * @param power          the accelerators' power model and cap, or null to skip power and energy
 * @param options        batching policy, queue, KV-cache and speculative-decoding options
 */
public record ReplicaConfig(StepCost stepCost, int kvBlocks, int blockTokens, int maxBatchTokens, int maxSeqs,
        ReplicaPower.Spec power, SchedulerOptions options) {

    /** vLLM V1's defaults ({@link SchedulerOptions#DEFAULT}). */
    public ReplicaConfig(StepCost stepCost, int kvBlocks, int blockTokens, int maxBatchTokens, int maxSeqs,
            ReplicaPower.Spec power) {
        this(stepCost, kvBlocks, blockTokens, maxBatchTokens, maxSeqs, power, SchedulerOptions.DEFAULT);
    }

    public ReplicaConfig {
        if (stepCost == null || options == null) {
            throw new IllegalArgumentException("stepCost and options are required");
        }
        if (kvBlocks < 1 || blockTokens < 1 || maxBatchTokens < 1 || maxSeqs < 1) {
            throw new IllegalArgumentException("kvBlocks, blockTokens, maxBatchTokens and maxSeqs must be >= 1: "
                    + kvBlocks + ", " + blockTokens + ", " + maxBatchTokens + ", " + maxSeqs);
        }
    }

    /** Tokens the whole KV cache holds. */
    public long kvCapacityTokens() {
        return (long) kvBlocks * blockTokens;
    }
}
