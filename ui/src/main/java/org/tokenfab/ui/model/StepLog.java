package org.tokenfab.ui.model;

import java.util.Arrays;

import org.tokenfab.serving.StepObserver;

/**
 * The first {@code capacity} iterations of one replica, in primitive arrays (no allocation per
 * step once grown), for the replica timeline. Written by the simulation thread only; the step
 * count is published with a volatile write after each step, so another thread that reads
 * {@link #size()} first sees every step below it complete.
 */
public final class StepLog implements StepObserver {
    /** Default cap: 200,000 steps (about 12 MB), minutes of simulated time at typical step lengths. */
    public static final int DEFAULT_CAPACITY = 200_000;

    private final int capacity;
    private long[] start = new long[1024];
    private long[] duration = new long[1024];
    private int[] prefillSeqs = new int[1024];
    private int[] prefillTokens = new int[1024];
    private int[] decodeSeqs = new int[1024];
    private int[] kvUsed = new int[1024];
    private int[] queued = new int[1024];
    private int[] preemptions = new int[1024];
    private volatile int size;
    private volatile int kvBlocks;
    private volatile long dropped;

    public StepLog() {
        this(DEFAULT_CAPACITY);
    }

    public StepLog(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public void step(long stepStart, long stepDuration, int prefillSeqCount, int prefillTokenCount, int decodeSeqCount,
            int kvBlocksUsed, int kvBlockCount, int queuedCount, int preemptionCount) {
        int n = size;
        if (n == capacity) {
            dropped++;
            return;
        }
        if (n == start.length) {
            grow(Math.min(capacity, n * 2));
        }
        start[n] = stepStart;
        duration[n] = stepDuration;
        prefillSeqs[n] = prefillSeqCount;
        prefillTokens[n] = prefillTokenCount;
        decodeSeqs[n] = decodeSeqCount;
        kvUsed[n] = kvBlocksUsed;
        queued[n] = queuedCount;
        preemptions[n] = preemptionCount;
        kvBlocks = kvBlockCount;
        size = n + 1;
    }

    private void grow(int to) {
        start = Arrays.copyOf(start, to);
        duration = Arrays.copyOf(duration, to);
        prefillSeqs = Arrays.copyOf(prefillSeqs, to);
        prefillTokens = Arrays.copyOf(prefillTokens, to);
        decodeSeqs = Arrays.copyOf(decodeSeqs, to);
        kvUsed = Arrays.copyOf(kvUsed, to);
        queued = Arrays.copyOf(queued, to);
        preemptions = Arrays.copyOf(preemptions, to);
    }

    /** Steps recorded (read this first, then only indexes below it). */
    public int size() {
        return size;
    }

    /** Steps after the cap, not recorded. */
    public long dropped() {
        return dropped;
    }

    /** The replica's KV blocks in all (0 before the first step). */
    public int kvBlocks() {
        return kvBlocks;
    }

    /** Start of step {@code i}, ns of simulated time. */
    public long start(int i) {
        return start[i];
    }

    /** Length of step {@code i}, ns. */
    public long duration(int i) {
        return duration[i];
    }

    public int prefillSeqs(int i) {
        return prefillSeqs[i];
    }

    public int prefillTokens(int i) {
        return prefillTokens[i];
    }

    /** Sequences decoding in step {@code i}: one token each (plus drafts with speculative decoding). */
    public int decodeSeqs(int i) {
        return decodeSeqs[i];
    }

    public int kvUsed(int i) {
        return kvUsed[i];
    }

    public int queued(int i) {
        return queued[i];
    }

    public int preemptions(int i) {
        return preemptions[i];
    }

    /** Index of the last step starting at or before {@code time} ns, or -1 before the first. */
    public int indexAt(long time) {
        int lo = 0, hi = size - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (start[mid] <= time) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
