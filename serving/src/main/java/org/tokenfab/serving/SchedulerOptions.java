package org.tokenfab.serving;

/**
 * How a replica schedules, beyond its batch limits: the batching policy, the queue discipline,
 * admission control, the KV cache's watermark, preemption mode, prefix cache and CPU tier, and
 * speculative decoding. {@link #DEFAULT} is vLLM V1's behaviour without prefix caching.
 *
 * @param batching            the batching policy
 * @param batchTimeoutNanos   {@code dynamic} only: longest wait of the oldest request before a
 *                            partial batch starts ({@code max_queue_delay})
 * @param discipline          admission order of waiting requests
 * @param maxQueue            waiting requests beyond which a new arrival is rejected (0: no limit)
 * @param maxWaitNanos        wait after which a request not yet started is rejected (0: no limit;
 *                            checked when an iteration is planned, so it fires up to one step late)
 * @param watermark           share of KV blocks a new admission must leave free, in [0, 1)
 * @param swap                preempt by swapping the KV cache to host memory (when the swap space
 *                            has room) instead of recomputing it
 * @param swapBlocks          host swap space, in KV blocks
 * @param transferNanosPerBlock time to move one KV block over the host link (swap, CPU tier)
 * @param prefixCaching       reuse cached prompt prefixes
 * @param cpuTierBlocks       CPU-memory tier for evicted prefixes, in KV blocks (0: none)
 * @param spec                speculative decoding, or null
 * @param noEvict             admit a request only when KV blocks for its whole prompt and output can
 *                            be reserved at once, so nothing is ever preempted (TensorRT-LLM's
 *                            GUARANTEED_NO_EVICT); false: blocks on demand, preempting when they run
 *                            out (vLLM)
 */
public record SchedulerOptions(BatchingMode batching, long batchTimeoutNanos, QueueDiscipline discipline, int maxQueue,
        long maxWaitNanos, double watermark, boolean swap, int swapBlocks, long transferNanosPerBlock,
        boolean prefixCaching, long cpuTierBlocks, SpecDecoding spec, boolean noEvict) {

    /** Chunked prefill, first come first served, no limits, no watermark, recompute, no caching, no speculation. */
    public static final SchedulerOptions DEFAULT = new SchedulerOptions(BatchingMode.CHUNKED_PREFILL, 0,
            QueueDiscipline.FCFS, 0, 0, 0, false, 0, 0, false, 0, null, false);

    public SchedulerOptions {
        if (batching == null || discipline == null) {
            throw new IllegalArgumentException("batching and discipline are required");
        }
        if (batchTimeoutNanos < 0 || maxQueue < 0 || maxWaitNanos < 0 || swapBlocks < 0 || transferNanosPerBlock < 0
                || cpuTierBlocks < 0) {
            throw new IllegalArgumentException("timeouts, limits, swap space, transfer time and CPU tier must be >= 0");
        }
        if (!(watermark >= 0 && watermark < 1)) {
            throw new IllegalArgumentException("watermark must be in [0, 1), got " + watermark);
        }
    }

    public SchedulerOptions withBatching(BatchingMode mode, long timeoutNanos) {
        return new SchedulerOptions(mode, timeoutNanos, discipline, maxQueue, maxWaitNanos, watermark, swap, swapBlocks,
                transferNanosPerBlock, prefixCaching, cpuTierBlocks, spec, noEvict);
    }

    public SchedulerOptions withQueue(QueueDiscipline d, int limit, long waitLimitNanos) {
        return new SchedulerOptions(batching, batchTimeoutNanos, d, limit, waitLimitNanos, watermark, swap, swapBlocks,
                transferNanosPerBlock, prefixCaching, cpuTierBlocks, spec, noEvict);
    }

    public SchedulerOptions withKv(double watermarkShare, boolean swapOut, int swapSpaceBlocks, long nanosPerBlock,
            boolean caching, long cpuBlocks) {
        return new SchedulerOptions(batching, batchTimeoutNanos, discipline, maxQueue, maxWaitNanos, watermarkShare, swapOut,
                swapSpaceBlocks, nanosPerBlock, caching, cpuBlocks, spec, noEvict);
    }

    public SchedulerOptions withSpec(SpecDecoding s) {
        return new SchedulerOptions(batching, batchTimeoutNanos, discipline, maxQueue, maxWaitNanos, watermark, swap,
                swapBlocks, transferNanosPerBlock, prefixCaching, cpuTierBlocks, s, noEvict);
    }

    public SchedulerOptions withNoEvict(boolean reserveWholeRequests) {
        return new SchedulerOptions(batching, batchTimeoutNanos, discipline, maxQueue, maxWaitNanos, watermark, swap,
                swapBlocks, transferNanosPerBlock, prefixCaching, cpuTierBlocks, spec, reserveWholeRequests);
    }
}
