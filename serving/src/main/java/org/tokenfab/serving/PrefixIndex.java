package org.tokenfab.serving;

import java.util.Arrays;

/**
 * Cached prefix units of one tier (GPU or CPU memory): a hash map from a unit's chain key to an
 * entry with a reference count and the KV blocks it holds, and an LRU list of the entries no
 * running request references (those may be evicted). Open addressing with linear probing and
 * backward-shift deletion over primitive arrays, grown by doubling, so lookups and updates
 * allocate nothing once the index has reached its working size.
 */
final class PrefixIndex {
    private static final int NONE = -1;

    // Entries, by slot.
    private long[] keys = new long[16];
    private int[] refs = new int[16];
    private int[] blocks = new int[16];
    private int[] prev = new int[16];
    private int[] next = new int[16];
    private int nextFree; // head of the free-slot list (threaded through next[])
    private int entries;

    // Hash table of slot numbers (NONE = empty).
    private int[] table = newTable(32);

    private int lruHead = NONE;
    private int lruTail = NONE;
    private long evictableBlocks;
    private long heldBlocks;

    PrefixIndex() {
        threadFreeSlots(0);
    }

    /** The slot of {@code key}, or -1. */
    int find(long key) {
        int mask = table.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int s = table[i];
            if (s == NONE) {
                return NONE;
            }
            if (keys[s] == key) {
                return s;
            }
        }
    }

    /** Adds an unreferenced entry of {@code unitBlocks} blocks at the most recently used end; the key must be absent. */
    int insert(long key, int unitBlocks) {
        if (nextFree == NONE) {
            grow();
        }
        int s = nextFree;
        nextFree = next[s];
        keys[s] = key;
        refs[s] = 0;
        blocks[s] = unitBlocks;
        entries++;
        heldBlocks += unitBlocks;
        int mask = table.length - 1;
        int i = mix(key) & mask;
        while (table[i] != NONE) {
            i = (i + 1) & mask;
        }
        table[i] = s;
        lruAppend(s);
        return s;
    }

    /** A running request starts using the entry. */
    void reference(int s) {
        if (refs[s]++ == 0) {
            lruUnlink(s);
        }
    }

    /** A request stops using the entry; unreferenced, it becomes the most recently used evictable one. */
    void release(int s) {
        if (--refs[s] == 0) {
            lruAppend(s);
        }
    }

    /** Removes the least recently used unreferenced entry; returns its key. Requires {@link #hasEvictable()}. */
    long evictLru() {
        int s = lruHead;
        long key = keys[s];
        lruUnlink(s);
        heldBlocks -= blocks[s];
        removeFromTable(key);
        next[s] = nextFree;
        nextFree = s;
        entries--;
        return key;
    }

    /** Blocks of the least recently used unreferenced entry. Requires {@link #hasEvictable()}. */
    int lruBlocks() {
        return blocks[lruHead];
    }

    boolean hasEvictable() {
        return lruHead != NONE;
    }

    /** Blocks held by unreferenced entries (free for allocation after eviction). */
    long evictableBlocks() {
        return evictableBlocks;
    }

    /** Blocks held by all entries. */
    long heldBlocks() {
        return heldBlocks;
    }

    int entries() {
        return entries;
    }

    int blocks(int s) {
        return blocks[s];
    }

    private void lruAppend(int s) {
        prev[s] = lruTail;
        next[s] = NONE;
        if (lruTail == NONE) {
            lruHead = s;
        } else {
            next[lruTail] = s;
        }
        lruTail = s;
        evictableBlocks += blocks[s];
    }

    private void lruUnlink(int s) {
        int p = prev[s];
        int n = next[s];
        if (p == NONE) {
            lruHead = n;
        } else {
            next[p] = n;
        }
        if (n == NONE) {
            lruTail = p;
        } else {
            prev[n] = p;
        }
        evictableBlocks -= blocks[s];
    }

    private void removeFromTable(long key) {
        int mask = table.length - 1;
        int i = mix(key) & mask;
        while (keys[table[i]] != key) {
            i = (i + 1) & mask;
        }
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int hole = i;
        for (int j = (hole + 1) & mask; table[j] != NONE; j = (j + 1) & mask) {
            int home = mix(keys[table[j]]) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = NONE;
    }

    private void grow() {
        int old = keys.length;
        int n = old * 2;
        keys = Arrays.copyOf(keys, n);
        refs = Arrays.copyOf(refs, n);
        blocks = Arrays.copyOf(blocks, n);
        prev = Arrays.copyOf(prev, n);
        next = Arrays.copyOf(next, n);
        threadFreeSlots(old);
        int[] bigger = newTable(2 * n);
        int mask = bigger.length - 1;
        for (int s : table) {
            if (s != NONE) {
                int i = mix(keys[s]) & mask;
                while (bigger[i] != NONE) {
                    i = (i + 1) & mask;
                }
                bigger[i] = s;
            }
        }
        table = bigger;
    }

    private void threadFreeSlots(int from) {
        for (int s = from; s < keys.length - 1; s++) {
            next[s] = s + 1;
        }
        next[keys.length - 1] = NONE;
        nextFree = from;
    }

    private static int[] newTable(int size) {
        int[] t = new int[size];
        Arrays.fill(t, NONE);
        return t;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
