package org.tokenfab.workload.stats;

/** An open-addressing set of longs (linear probing, no boxing); grows at 50 % load. */
final class LongHashSet {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] keys;
    private int size;
    private boolean hasEmptyKey;

    LongHashSet(int initialCapacity) {
        int cap = Integer.highestOneBit(Math.max(16, initialCapacity) * 2 - 1);
        keys = new long[cap];
        java.util.Arrays.fill(keys, EMPTY);
    }

    int size() {
        return size;
    }

    boolean contains(long k) {
        if (k == EMPTY) {
            return hasEmptyKey;
        }
        int mask = keys.length - 1;
        for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
            long v = keys[i];
            if (v == k) {
                return true;
            }
            if (v == EMPTY) {
                return false;
            }
        }
    }

    /** Adds {@code k}; true if it was new. */
    boolean add(long k) {
        if (k == EMPTY) {
            boolean added = !hasEmptyKey;
            hasEmptyKey = true;
            size += added ? 1 : 0;
            return added;
        }
        int mask = keys.length - 1;
        int i = mix(k) & mask;
        while (true) {
            long v = keys[i];
            if (v == k) {
                return false;
            }
            if (v == EMPTY) {
                keys[i] = k;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] old = keys;
        keys = new long[old.length * 2];
        java.util.Arrays.fill(keys, EMPTY);
        int mask = keys.length - 1;
        for (long k : old) {
            if (k != EMPTY) {
                int i = mix(k) & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
            }
        }
    }

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
