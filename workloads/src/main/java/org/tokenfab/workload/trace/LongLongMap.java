package org.tokenfab.workload.trace;

import java.util.Arrays;

/** An open-addressing map of long to long for non-negative keys (linear probing, no boxing). */
final class LongLongMap {
    private long[] keys = new long[1024];
    private long[] values = new long[1024];
    private int size;

    LongLongMap() {
        Arrays.fill(keys, -1);
    }

    long get(long key, long missing) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
            if (keys[i] == -1) {
                return missing;
            }
        }
    }

    void put(long key, long value) {
        if (key < 0) {
            throw new IllegalArgumentException("negative key " + key);
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != -1 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == -1) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
        if (size * 2 > keys.length) {
            long[] ok = keys;
            long[] ov = values;
            keys = new long[ok.length * 2];
            values = new long[ok.length * 2];
            Arrays.fill(keys, -1);
            size = 0;
            for (int j = 0; j < ok.length; j++) {
                if (ok[j] != -1) {
                    put(ok[j], ov[j]);
                }
            }
        }
    }

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
