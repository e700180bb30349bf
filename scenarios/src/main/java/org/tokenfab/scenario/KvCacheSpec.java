package org.tokenfab.scenario;

/**
 * KV-cache layout.
 *
 * @param blockTokens       tokens per paged block (vLLM {@code block_size})
 * @param memoryUtilization share of accelerator memory the engine may use for weights, activations
 *                          and KV cache (vLLM {@code gpu_memory_utilization})
 */
public record KvCacheSpec(int blockTokens, double memoryUtilization) {
}
