package org.tokenfab.scenario;

/**
 * KV-cache layout and policies.
 *
 * @param blockTokens       tokens per paged block (vLLM {@code block_size})
 * @param memoryUtilization share of accelerator memory the engine may use for weights, activations
 *                          and KV cache (vLLM {@code gpu_memory_utilization})
 * @param watermark         share of blocks a new admission must leave free (vLLM's watermark)
 * @param preemption        {@code recompute} or {@code swap}
 * @param swapSpaceGb       host memory for swapped-out KV per accelerator, GB (vLLM {@code swap_space})
 * @param prefixCaching     reuse cached prompt prefixes (vLLM {@code enable_prefix_caching})
 * @param cpuTierGb         host-memory tier for prefixes evicted from the GPU, per accelerator, GB (0: none)
 * @param blocks            KV blocks per replica as given (vLLM {@code num_gpu_blocks_override}), instead of
 *                          what the memory model leaves; 0: from the memory model
 * @param admission         {@code on-demand}: blocks as requests grow, preempting when they run out
 *                          (vLLM); {@code no-evict}: a request starts only when blocks for its whole
 *                          prompt and output can be reserved, so nothing is preempted (TensorRT-LLM's
 *                          GUARANTEED_NO_EVICT)
 */
public record KvCacheSpec(int blockTokens, double memoryUtilization, double watermark, String preemption,
        double swapSpaceGb, boolean prefixCaching, double cpuTierGb, int blocks, String admission) {
    /** vLLM V1's defaults without prefix caching. */
    public static final KvCacheSpec DEFAULT = new KvCacheSpec(16, 0.9, 0.0, "recompute", 4, false, 0, 0, "on-demand");
}
