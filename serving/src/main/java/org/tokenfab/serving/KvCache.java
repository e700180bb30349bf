package org.tokenfab.serving;

/**
 * A replica's paged KV cache: a pool of fixed-size blocks, a prefix cache over them, an optional
 * CPU-memory tier for prefixes evicted from the GPU, and the host swap space for preempted
 * requests.
 *
 * <h2>Blocks</h2>
 * A block holds {@code blockTokens} tokens of one sequence. A request holds
 * {@code ceil(kvTokens / blockTokens)} blocks ({@link Request#kvBlocks}), of which the first
 * {@code sharedUnits x unitBlocks} may be shared cached prefix blocks. Blocks are free, held by a
 * request, or held by the prefix cache; cached blocks no request uses are evictable and count as
 * available: they are evicted, least recently used first, when an allocation needs them.
 *
 * <h2>Prefix caching</h2>
 * As in vLLM's automatic prefix caching: a request's prompt is cut into prefix units (the trace's
 * blocks, e.g. 512 tokens for Mooncake) named by a hash chain ({@link Request#prefixKeys}: each key
 * names the unit and everything before it). On admission the longest run of leading units found
 * in the cache is reused: those tokens are not prefilled again (at least one prompt token is
 * always computed, as vLLM needs logits). When a request leaves (completion or preemption), its
 * fully computed units enter the cache, the last unit least recently used, so a prefix is evicted
 * from its tail. A unit must be a whole number of blocks to be cacheable.
 *
 * <h2>CPU tier</h2>
 * With a CPU tier, units evicted from the GPU move to host memory (LRU, its own capacity). A unit
 * found there after the GPU hits end is loaded back over the host link instead of recomputed: it
 * takes GPU blocks like new tokens, and the load time is added to the step that admits it.
 */
final class KvCache {
    private final int totalBlocks;
    private final int blockTokens;
    private final int watermarkBlocks;
    private final boolean prefixCaching;
    private final PrefixIndex gpu = new PrefixIndex();
    /** Null without a CPU tier. */
    private final PrefixIndex cpu;
    private final long cpuCapacityBlocks;
    private int freeBlocks;
    private final int swapCapacityBlocks;
    private int swapUsedBlocks;

    // Statistics.
    long promptTokensLookedUp;
    long gpuHitTokens;
    long cpuHitTokens;

    /**
     * @param totalBlocks blocks on the GPUs
     * @param blockTokens tokens per block
     * @param watermark share of blocks kept free when admitting a new request (vLLM's watermark)
     * @param prefixCaching whether prompts' prefix units are cached and reused
     * @param cpuTierBlocks blocks of the CPU-memory prefix tier, 0 for none
     * @param swapBlocks blocks of host swap space for preempted requests, 0 for none
     */
    KvCache(int totalBlocks, int blockTokens, double watermark, boolean prefixCaching, long cpuTierBlocks,
            int swapBlocks) {
        this.totalBlocks = totalBlocks;
        this.blockTokens = blockTokens;
        this.watermarkBlocks = (int) Math.floor(watermark * totalBlocks);
        this.prefixCaching = prefixCaching;
        this.cpu = prefixCaching && cpuTierBlocks > 0 ? new PrefixIndex() : null;
        this.cpuCapacityBlocks = cpuTierBlocks;
        this.freeBlocks = totalBlocks;
        this.swapCapacityBlocks = swapBlocks;
    }

    int blocksFor(long tokens) {
        return (int) ((tokens + blockTokens - 1) / blockTokens);
    }

    int totalBlocks() {
        return totalBlocks;
    }

    /** Blocks a new request can be admitted with on an idle replica: all but the watermark. */
    int admissibleBlocks() {
        return totalBlocks - watermarkBlocks;
    }

    /** Blocks an allocation can use now: free ones and evictable cached ones. */
    long availableBlocks() {
        return freeBlocks + gpu.evictableBlocks();
    }

    /** Blocks in use by requests or referenced prefixes (not free, not evictable). */
    long usedBlocks() {
        return totalBlocks - availableBlocks();
    }

    /** Whether a running request may grow by {@code extra} blocks. */
    boolean canGrow(int extra) {
        return extra <= availableBlocks();
    }

    /** Whether a new request may be admitted taking {@code extra} blocks: the watermark stays free. */
    boolean canAdmit(int extra) {
        return availableBlocks() - extra >= watermarkBlocks;
    }

    /** Gives {@code r} {@code extra} more blocks, evicting cached prefixes if needed. Requires {@link #canGrow}. */
    void grow(Request r, int extra) {
        if (extra <= 0) {
            return;
        }
        while (freeBlocks < extra) {
            evictOne();
        }
        freeBlocks -= extra;
        r.kvBlocks += extra;
    }

    /**
     * Takes {@code blocks} free blocks for running requests whose block counts are brought up to
     * date later (a replica's folded decode steps: see {@code Replica#settle}). Requires that many
     * free blocks, so nothing is evicted.
     */
    void takeFree(int blocks) {
        if (blocks > freeBlocks) {
            throw new IllegalStateException("folded steps take " + blocks + " blocks, " + freeBlocks + " are free");
        }
        freeBlocks -= blocks;
    }

    private void evictOne() {
        int unitBlocks = gpu.lruBlocks();
        long key = gpu.evictLru();
        freeBlocks += unitBlocks;
        if (cpu != null && cpu.find(key) < 0) {
            while (cpu.heldBlocks() + unitBlocks > cpuCapacityBlocks && cpu.hasEvictable()) {
                cpu.evictLru();
            }
            if (cpu.heldBlocks() + unitBlocks <= cpuCapacityBlocks) {
                cpu.insert(key, unitBlocks);
            }
        }
    }

    /**
     * Looks up a request that is about to start its prompt from scratch and takes references to its
     * cached leading units. Sets {@code r.sharedUnits}, {@code r.kvTokens}, {@code r.prefilled},
     * {@code r.kvBlocks} for the GPU hits and {@code r.loadUnits} for the CPU hits (whose tokens
     * count as prefilled but whose blocks the caller must still allocate with {@link #grow}).
     * Returns the tokens found (GPU and CPU).
     */
    int lookup(Request r) {
        r.sharedUnits = 0;
        r.loadUnits = 0;
        if (!prefixCaching || r.prefixCount == 0 || !cacheable(r)) {
            return 0;
        }
        int unitTokens = r.prefixUnitTokens;
        // At least one prompt token is computed: the last one's logits give the first output token.
        int maxUnits = Math.min(r.prefixCount, (r.prefillTarget - 1) / unitTokens);
        promptTokensLookedUp += r.inputTokens;
        int units = 0;
        while (units < maxUnits) {
            int s = gpu.find(r.prefixKeys[units]);
            if (s < 0) {
                break;
            }
            gpu.reference(s);
            units++;
        }
        int unitBlocks = unitTokens / blockTokens;
        r.sharedUnits = units;
        r.kvBlocks = units * unitBlocks;
        int loaded = 0;
        if (cpu != null) {
            while (units + loaded < maxUnits && cpu.find(r.prefixKeys[units + loaded]) >= 0) {
                loaded++;
            }
            r.loadUnits = loaded;
        }
        int tokens = (units + loaded) * unitTokens;
        r.kvTokens = tokens;
        r.prefilled = tokens;
        gpuHitTokens += (long) units * unitTokens;
        cpuHitTokens += (long) loaded * unitTokens;
        return tokens;
    }

    /** Prompt tokens of {@code r} a lookup would find in the GPU cache now (read-only; for routers). */
    int probe(Request r) {
        if (!prefixCaching || r.prefixCount == 0 || !cacheable(r)) {
            return 0;
        }
        int maxUnits = Math.min(r.prefixCount, (r.prefillTarget - 1) / r.prefixUnitTokens);
        int units = 0;
        while (units < maxUnits && gpu.find(r.prefixKeys[units]) >= 0) {
            units++;
        }
        return units * r.prefixUnitTokens;
    }

    /** Blocks the request's CPU-tier hits take on the GPU (to allocate and to load). */
    int loadBlocks(Request r) {
        return r.loadUnits * (r.prefixUnitTokens / blockTokens);
    }

    /** Undoes {@link #lookup} for a request that was looked up but not admitted after all. */
    void unlook(Request r) {
        releaseShared(r);
        promptTokensLookedUp -= r.inputTokens;
        gpuHitTokens -= (long) r.sharedUnits * r.prefixUnitTokens;
        cpuHitTokens -= (long) r.loadUnits * r.prefixUnitTokens;
        r.sharedUnits = 0;
        r.loadUnits = 0;
        r.kvBlocks = 0;
        r.kvTokens = 0;
        r.prefilled = 0;
    }

    /**
     * The request leaves the GPU (completion, or preemption by recompute): its fully computed prefix
     * units enter the cache and all its blocks are freed or left to the cache.
     */
    void release(Request r) {
        int privateBlocks = r.kvBlocks - sharedBlocks(r);
        if (prefixCaching && r.prefixCount > 0 && cacheable(r)) {
            int unitTokens = r.prefixUnitTokens;
            int unitBlocks = unitTokens / blockTokens;
            int computedPrompt = Math.min(r.kvTokens, r.inputTokens);
            int full = Math.min(r.prefixCount, computedPrompt / unitTokens);
            // Tail first into the LRU list, so that a prefix is evicted from its end.
            for (int u = full - 1; u >= r.sharedUnits; u--) {
                if (gpu.find(r.prefixKeys[u]) < 0) {
                    gpu.insert(r.prefixKeys[u], unitBlocks);
                    privateBlocks -= unitBlocks;
                }
            }
        }
        releaseShared(r);
        freeBlocks += privateBlocks;
        r.kvBlocks = 0;
        r.sharedUnits = 0;
        r.loadUnits = 0;
    }

    private void releaseShared(Request r) {
        for (int u = r.sharedUnits - 1; u >= 0; u--) {
            gpu.release(gpu.find(r.prefixKeys[u]));
        }
    }

    private int sharedBlocks(Request r) {
        return r.sharedUnits == 0 ? 0 : r.sharedUnits * (r.prefixUnitTokens / blockTokens);
    }

    private boolean cacheable(Request r) {
        return r.prefixUnitTokens > 0 && r.prefixUnitTokens % blockTokens == 0;
    }

    /** Whether the swap space can take {@code blocks} more. */
    boolean canSwapOut(int blocks) {
        return swapUsedBlocks + blocks <= swapCapacityBlocks;
    }

    /** Moves a preempted request's blocks to host memory; returns the blocks moved. */
    int swapOut(Request r) {
        int blocks = r.kvBlocks;
        release(r);
        swapUsedBlocks += blocks;
        r.swappedBlocks = blocks;
        return blocks;
    }

    /** Brings a swapped request's blocks back (as private blocks); returns the blocks moved. Requires {@link #canGrow}. */
    int swapIn(Request r) {
        int blocks = r.swappedBlocks;
        swapUsedBlocks -= blocks;
        r.swappedBlocks = 0;
        grow(r, blocks);
        return blocks;
    }

    /** A swapped-out request's host copy is dropped (its replica failed). */
    void dropSwapped(Request r) {
        swapUsedBlocks -= r.swappedBlocks;
        r.swappedBlocks = 0;
    }

    /** Forgets every cached prefix no request uses (the GPU memory was lost). */
    void dropUnreferencedCache() {
        while (gpu.hasEvictable()) {
            freeBlocks += gpu.lruBlocks();
            gpu.evictLru();
        }
    }

    int swapUsedBlocks() {
        return swapUsedBlocks;
    }

    int freeBlocks() {
        return freeBlocks;
    }

    /** Blocks the prefix cache holds on the GPU (referenced or not). */
    long cachedBlocks() {
        return gpu.heldBlocks();
    }
}
