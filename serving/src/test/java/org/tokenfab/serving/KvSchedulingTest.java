package org.tokenfab.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tokenfab.serving.SchedHarness.MS;
import static org.tokenfab.serving.SchedHarness.US;
import static org.tokenfab.serving.SchedHarness.req;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Preemption by swap and by recompute, prefix caching with LRU eviction and the CPU tier. */
class KvSchedulingTest {
    private final SchedHarness h = new SchedHarness();

    private static int prefillTokens(List<SchedHarness.Step> steps) {
        return steps.stream().mapToInt(SchedHarness.Step::prefillTokens).sum();
    }

    /*
     * 4 blocks of 16 tokens; A and B (16 in, 20 out) at 0 (A starts alone: the replica starts at A's arrival).
     * Each grows to ceil(35/16) = 3 blocks, so both cannot finish together: when A needs its third block
     * B (the newest) is preempted.
     */
    @Test
    void preemptionBySwapMovesBlocksBothWaysAndRecomputesNothing() {
        h.replica(4, 16, 8192, 8, SchedulerOptions.DEFAULT.withKv(0, true, 8, 50 * US, false, 0));
        h.arrive(req(0, 16, 20), req(0, 16, 20));
        h.run();
        ReplicaStats st = h.stats();
        assertThat(st.preemptions()).isEqualTo(1);
        assertThat(st.swapOuts()).isEqualTo(1);
        // Only the two prompts are ever prefilled: nothing recomputed.
        assertThat(prefillTokens(h.steps)).isEqualTo(32);
        assertThat(h.metrics.outputTokens()).isEqualTo(40);
        assertThat(h.fate(0).generated()).isEqualTo(20);
        assertThat(h.fate(1).generated()).isEqualTo(20);
        // Timeline. 1: A prefill 16 (1.16 ms). 2: A decode + B prefill 16 (1.26). A's kvTokens after
        // step k >= 2: 16 + (k - 1); B's: 16 + (k - 2). A needs block 3 when its kvTokens is 32 (step 18),
        // B holds 2 blocks then: 4 = 3 + 2 - 1 -> B swapped out (2 blocks x 50 us): step 18 = 1.1 + 0.1.
        // B had generated 16 tokens (kvTokens 31 = 16 + 16 - 1). Steps 19, 20: A decodes alone (1.1);
        // A done (1 + 19 decodes = 20 tokens). Step 21: B swaps in (2 blocks) and decodes: 1.2.
        // B's remaining 4 tokens: steps 21-24.
        long t = 1160 * US + 1260 * US + 15 * 1200 * US; // steps 1-17
        t += 1200 * US; // step 18: swap-out
        t += 2 * 1100 * US; // 19, 20
        assertThat(h.fate(0).finish()).isEqualTo(t);
        t += 1200 * US; // 21: swap-in
        t += 3 * 1100 * US; // 22-24
        assertThat(h.fate(1).finish()).isEqualTo(t);
        assertThat(h.replica.usedKvBlocks()).isZero();
    }

    @Test
    void withoutSwapRoomPreemptionFallsBackToRecompute() {
        // Swap space of 1 block cannot take B's 2.
        h.replica(4, 16, 8192, 8, SchedulerOptions.DEFAULT.withKv(0, true, 1, 50 * US, false, 0));
        h.arrive(req(0, 16, 20), req(0, 16, 20));
        h.run();
        ReplicaStats st = h.stats();
        assertThat(st.preemptions()).isEqualTo(1);
        assertThat(st.swapOuts()).isZero();
        // B had generated 16 tokens: its prompt and those are prefilled again (16 + 16 = 32), and
        // that prefill emits its 17th token.
        assertThat(prefillTokens(h.steps)).isEqualTo(32 + 32);
        assertThat(h.metrics.outputTokens()).isEqualTo(40);
        long t = 1160 * US + 1260 * US + 15 * 1200 * US + 1100 * US + 2 * 1100 * US; // no transfer time
        assertThat(h.fate(0).finish()).isEqualTo(t);
        t += MS + 320 * US; // B's recompute: 32 tokens, the first of its remaining 4 tokens
        t += 3 * 1100 * US;
        assertThat(h.fate(1).finish()).isEqualTo(t);
    }

    private static SchedulerOptions caching(long cpuBlocks, long nanosPerBlock) {
        return SchedulerOptions.DEFAULT.withKv(0, false, 0, nanosPerBlock, true, cpuBlocks);
    }

    @Test
    void secondRequestSkipsTheCachedPrefixButComputesAtLeastOneToken() {
        h.replica(100, 16, 8192, 8, caching(0, 0));
        // Units of 32 tokens (2 blocks). A and B (100 in): 3 units = 96 tokens shared; B prefills 4.
        // C (96 in, same units): at most (96 - 1) / 32 = 2 units reused, 32 tokens computed.
        // D: a different first id, so no unit matches (the keys chain).
        h.arrive(req(0, 100, 1).prefix(32, 1, 2, 3), req(5 * MS, 100, 1).prefix(32, 1, 2, 3),
                req(10 * MS, 96, 1).prefix(32, 1, 2, 3), req(15 * MS, 100, 1).prefix(32, 9, 2, 3));
        h.run();
        assertThat(h.steps).extracting(SchedHarness.Step::prefillTokens).containsExactly(100, 4, 32, 100);
        assertThat(h.fate(1).firstToken() - 5 * MS).isEqualTo(MS + 40 * US);
        ReplicaStats st = h.stats();
        assertThat(st.gpuHitTokens()).isEqualTo(96 + 64);
        assertThat(st.promptTokensLookedUp()).isEqualTo(100 + 100 + 96 + 100);
        assertThat(st.cpuHitTokens()).isZero();
    }

    @Test
    void lruEvictionFreesCachedBlocksButNeverReferencedOnes() {
        // 8 blocks of 16; units of 32 tokens (2 blocks); every request 65 in (5 blocks), 1 out.
        h.replica(8, 16, 8192, 8, caching(0, 0));
        h.arrive(req(0, 65, 1).prefix(32, 1, 2), req(5 * MS, 65, 1).prefix(32, 7, 8),
                req(10 * MS, 65, 1).prefix(32, 1, 2), req(15 * MS, 65, 1).prefix(32, 7, 8),
                req(20 * MS, 65, 1).prefix(32, 1, 2));
        h.run();
        // A leaves units a0, a1 (LRU order a1, a0: tail first), 4 free. B needs 5: evicts a1 only.
        // C: a0 hit (32 tokens), prefills 33; needs 3 more blocks with 2 free + b1, b0 evictable:
        // evicts b1, never a0 which C references. D: b0 hit, evicts c1 (LRU: b0 referenced). E: a0 hit.
        assertThat(h.steps).extracting(SchedHarness.Step::prefillTokens).containsExactly(65, 65, 33, 33, 33);
        assertThat(h.stats().gpuHitTokens()).isEqualTo(3 * 32);
        assertThat(h.replica.usedKvBlocks()).isZero();
        assertThat(h.replica.freeKvBlocks()).isEqualTo(2); // 6 blocks hold cached units, evictable
    }

    @Test
    void cpuTierHitsAreLoadedWithTransferTime() {
        // 6 blocks of 16; CPU tier of 10 blocks; 50 us per block over the host link.
        h.replica(6, 16, 8192, 8, caching(10, 50 * US));
        h.arrive(req(0, 65, 1).prefix(32, 1, 2), req(5 * MS, 65, 1).prefix(32, 7, 8),
                req(10 * MS, 65, 1).prefix(32, 1, 2));
        h.run();
        // B's 5 blocks evict both of A's units to the CPU tier. C finds both there: 64 tokens loaded
        // (4 blocks x 50 us = 0.2 ms), 1 token computed: 1 + 0.01 + 0.2 ms.
        assertThat(h.steps).extracting(SchedHarness.Step::prefillTokens).containsExactly(65, 65, 1);
        assertThat(h.fate(2).firstToken() - 10 * MS).isEqualTo(MS + 10 * US + 200 * US);
        ReplicaStats st = h.stats();
        assertThat(st.cpuHitTokens()).isEqualTo(64);
        assertThat(st.gpuHitTokens()).isZero();
    }

    /** The index against a LinkedHashMap model: entries with refs and blocks, LRU list of unreferenced keys. */
    @Test
    void prefixIndexMatchesANaiveModel() {
        SplittableRandom rnd = new SplittableRandom(99);
        PrefixIndex idx = new PrefixIndex();
        Map<Long, int[]> model = new LinkedHashMap<>(); // key -> {refs, blocks}
        LinkedHashMap<Long, Boolean> lru = new LinkedHashMap<>(); // unreferenced keys, least recent first
        List<Long> keys = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // Small keys collide in the table; large random ones spread.
            keys.add(i < 200 ? (long) i * 64 : rnd.nextLong());
        }
        for (int step = 0; step < 100_000; step++) {
            long key = keys.get(rnd.nextInt(keys.size()));
            int op = rnd.nextInt(5);
            int slot = idx.find(key);
            assertThat(slot >= 0).isEqualTo(model.containsKey(key));
            if (op == 0 && slot < 0) {
                int b = 1 + rnd.nextInt(4);
                idx.insert(key, b);
                model.put(key, new int[] {0, b});
                lru.put(key, true);
            } else if (op == 1 && slot >= 0) {
                idx.reference(slot);
                if (model.get(key)[0]++ == 0) {
                    lru.remove(key);
                }
            } else if (op == 2 && slot >= 0 && model.get(key)[0] > 0) {
                idx.release(slot);
                if (--model.get(key)[0] == 0) {
                    lru.put(key, true);
                }
            } else if (op == 3) {
                assertThat(idx.hasEvictable()).isEqualTo(!lru.isEmpty());
                if (!lru.isEmpty()) {
                    long expected = lru.keySet().iterator().next();
                    assertThat(idx.lruBlocks()).isEqualTo(model.get(expected)[1]);
                    assertThat(idx.evictLru()).isEqualTo(expected);
                    lru.remove(expected);
                    model.remove(expected);
                    assertThat(idx.find(expected)).isNegative();
                }
            }
            if (slot >= 0 && model.containsKey(key)) {
                assertThat(idx.blocks(idx.find(key))).isEqualTo(model.get(key)[1]);
            }
            assertThat(idx.entries()).isEqualTo(model.size());
            assertThat(idx.heldBlocks()).isEqualTo(model.values().stream().mapToLong(e -> e[1]).sum());
            assertThat(idx.evictableBlocks()).isEqualTo(lru.keySet().stream().mapToLong(k -> model.get(k)[1]).sum());
        }
        for (long k : keys) {
            assertThat(idx.find(k) >= 0).isEqualTo(model.containsKey(k));
        }
    }
}
