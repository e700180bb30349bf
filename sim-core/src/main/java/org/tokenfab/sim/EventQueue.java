package org.tokenfab.sim;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The pending events of one simulation, ordered by (time, then insertion sequence).
 *
 * <p>A 4-ary min-heap over primitive keys: the heap arrays hold each entry's time and slot id,
 * and the slot id indexes pooled parallel arrays with the event's sequence (the tie-break, read
 * only when two times are equal), handler, type and payload. Four children per node halve the
 * depth of a binary heap and keep a node's children in one cache line or two, which is what
 * matters for a queue that is popped once per event; keeping the sequence out of the heap means a
 * sift level moves a time and a slot id and nothing more (JMH, benchmarks/NOTES.md: +5-10% at
 * 1,000 pending over a third heap array of sequences). Slots
 * are recycled through a free list and all arrays grow by doubling and never shrink, so
 * {@link #push} and {@link #pop} allocate nothing once the queue has reached its working size.
 *
 * <p>Cancellation is lazy: {@link #cancel} only marks the slot (its handler is cleared), and the
 * entry is dropped when it reaches the top of the heap. So that cancelled entries cannot pile up,
 * the heap is rebuilt without them as soon as they are more than half of it (checked after every
 * cancel and pop, so the heap never holds more than twice the live events); each
 * rebuild removes more cancelled entries than it keeps live ones, so its cost is paid for by the
 * cancellations that caused it and cancel stays O(1) amortised.
 *
 * <p>A handle packs the slot id (low 32 bits) with the slot's generation (high 32 bits), and the
 * generation changes whenever a slot is freed, so a handle to an event that already fired or was
 * cancelled is recognised as stale even after its slot has been reused. Generations start at 1,
 * so a handle is never 0 and callers may use 0 as "no event". (A stale handle would only be
 * mistaken for a live one after its slot was reused 2^32 times.)
 *
 * <p>Not thread-safe: a queue belongs to one simulation, which runs on one thread at a time.
 */
public final class EventQueue {

    /** Heap indices are ints and a node's first child is 4i+1, which must not overflow. */
    private static final int MAX_CAPACITY = 1 << 28;
    /**
     * The arrays grow by doubling; a small start suits the many small simulations of a sweep (a
     * replica keeps a handful of events pending; 1,024 slots were a tenth of a sweep's allocation), and
     * a cluster's queue gets to its size in a few doublings.
     */
    static final int DEFAULT_CAPACITY = 64;

    // The heap, in heap order, entries [0, size). Cancelled entries stay until popped or compacted.
    private long[] heapTime;
    private int[] heapSlot;
    private int size;

    // The slot pool. A null handler marks a slot that is free or whose event was cancelled.
    private EventHandler[] handler;
    /** The insertion sequence of the slot's event: the tie-break, read only when two times are equal. */
    private long[] seqOf;
    private int[] type;
    private long[] payload;
    private int[] generation;
    private int[] freeSlots;
    private int freeCount;
    private int slotsEverUsed;

    private int live;
    private int cancelledInHeap;
    private long nextSeq;
    /** Null for insertion order; otherwise the source of random tie-break keys (debug mode). */
    private final UniformRandomProvider tieShuffle;

    /**
     * True after a pop until the next operation: the popped entry still occupies the root (its
     * slot already freed). A push then takes the root with one sift-down, instead of the pop's
     * sift-down plus the push's sift-up; anything else removes it first. Handlers usually schedule
     * their successor right away, so most events cost one sift. The order of events is unchanged:
     * (time, seq) keys are unique and the heap always yields the smallest.
     */
    private boolean hole;

    private long poppedTime;
    private EventHandler poppedHandler;
    private int poppedType;
    private long poppedPayload;

    public EventQueue() {
        this(DEFAULT_CAPACITY);
    }

    public EventQueue(int initialCapacity) {
        this(initialCapacity, null);
    }

    /**
     * @param tieShuffle if not null, same-time events are ordered by a random key drawn from it
     *                   instead of by insertion order; used to expose hidden order dependence
     */
    EventQueue(int initialCapacity, UniformRandomProvider tieShuffle) {
        if (initialCapacity < 1 || initialCapacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("initialCapacity must be in [1, " + MAX_CAPACITY
                    + "], was " + initialCapacity);
        }
        this.tieShuffle = tieShuffle;
        allocate(initialCapacity);
    }

    /**
     * Adds an event.
     *
     * @return a handle for {@link #cancel}; never 0
     */
    public long push(long time, EventHandler h, int eventType, long eventPayload) {
        return push(time, h, eventType, eventPayload, tieShuffle == null ? nextSeq++ : tieShuffle.nextLong() >>> 1);
    }

    /**
     * Adds an event that fires before every event at the same time added by {@link #push} (and
     * after those at that time added earlier by this method).
     *
     * @return a handle for {@link #cancel}; never 0
     */
    public long pushFirst(long time, EventHandler h, int eventType, long eventPayload) {
        // Sequences of ordinary events are >= 0; these have the sign bit set, so they sort first.
        return push(time, h, eventType, eventPayload, (tieShuffle == null ? nextSeq++ : tieShuffle.nextLong() >>> 1) | Long.MIN_VALUE);
    }

    private long push(long time, EventHandler h, int eventType, long eventPayload, long seq) {
        Objects.requireNonNull(h, "handler");
        int slot = allocateSlot();
        handler[slot] = h;
        seqOf[slot] = seq;
        type[slot] = eventType;
        payload[slot] = eventPayload;
        if (hole) {
            hole = false;
            siftDown(0, time, slot);
        } else {
            siftUp(size++, time, slot);
        }
        live++;
        return ((long) generation[slot] << 32) | slot;
    }

    /**
     * Cancels a pending event.
     *
     * @return false if the handle is stale: the event already fired or was cancelled (or the
     *         handle never came from this queue)
     */
    public boolean cancel(long handle) {
        int slot = (int) handle;
        int gen = (int) (handle >>> 32);
        if (slot < 0 || slot >= slotsEverUsed || generation[slot] != gen || handler[slot] == null) {
            return false;
        }
        handler[slot] = null;
        live--;
        cancelledInHeap++;
        if (cancelledInHeap > size >> 1) {
            fillHole();
            compact();
        }
        return true;
    }

    /** True when no live (non-cancelled) event is pending. */
    public boolean isEmpty() {
        return live == 0;
    }

    /** The number of live (non-cancelled) events pending. */
    public int size() {
        return live;
    }

    /**
     * The time of the next live event.
     *
     * @throws NoSuchElementException if the queue is empty
     */
    public long peekTime() {
        fillHole();
        dropCancelledTop();
        if (size == 0) {
            throw new NoSuchElementException("event queue is empty");
        }
        return heapTime[0];
    }

    /**
     * Removes the next live event and exposes it through the {@code popped...} getters until the
     * next pop.
     *
     * @return false, with nothing removed, if the queue is empty
     */
    public boolean pop() {
        return popUntil(Long.MAX_VALUE);
    }

    /**
     * Removes the next live event if it is due at or before {@code until} (the run loop's one call
     * per event, instead of a peek and a pop that would each check the root).
     *
     * @return false, with nothing removed, if the queue is empty or its next event is later
     */
    public boolean popUntil(long until) {
        fillHole();
        dropCancelledTop();
        if (size == 0 || heapTime[0] > until) {
            return false;
        }
        int slot = heapSlot[0];
        poppedTime = heapTime[0];
        poppedHandler = handler[slot];
        poppedType = type[slot];
        poppedPayload = payload[slot];
        handler[slot] = null;
        freeSlot(slot);
        live--;
        // Popping live entries raises the share of garbage too; checking here as well as in
        // cancel keeps cancelled entries at most half the heap after every operation.
        if (cancelledInHeap > (size - 1) >> 1) {
            removeTop();
            compact();
        } else {
            hole = true; // removed lazily: by the next push (one sift) or the next other operation
        }
        return true;
    }

    /** Removes the popped entry still at the root, if any. */
    private void fillHole() {
        if (hole) {
            hole = false;
            removeTop();
        }
    }

    public long poppedTime() {
        return poppedTime;
    }

    public EventHandler poppedHandler() {
        return poppedHandler;
    }

    public int poppedType() {
        return poppedType;
    }

    public long poppedPayload() {
        return poppedPayload;
    }

    /** Heap entries including cancelled ones not yet dropped; for tests of bounded garbage. */
    int heapSize() {
        return hole ? size - 1 : size;
    }

    /** Slots allocated so far (the high-water mark of the pool); for tests of slot reuse. */
    int slotsEverUsed() {
        return slotsEverUsed;
    }

    private void dropCancelledTop() {
        while (size > 0 && handler[heapSlot[0]] == null) {
            int slot = heapSlot[0];
            removeTop();
            cancelledInHeap--;
            freeSlot(slot);
        }
    }

    private void removeTop() {
        int last = --size;
        if (last > 0) {
            siftDown(0, heapTime[last], heapSlot[last]);
        }
    }

    /** Drops every cancelled entry and restores heap order bottom-up (Floyd), in O(size). */
    private void compact() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            int slot = heapSlot[i];
            if (handler[slot] == null) {
                freeSlot(slot);
            } else {
                heapTime[kept] = heapTime[i];
                heapSlot[kept] = slot;
                kept++;
            }
        }
        size = kept;
        cancelledInHeap = 0;
        for (int i = (size - 2) >> 2; i >= 0; i--) {
            siftDown(i, heapTime[i], heapSlot[i]);
        }
    }

    /** Moves the hole at {@code pos} up until (time, seq of slot) fits, then fills it. */
    private void siftUp(int pos, long time, int slot) {
        long[] ht = heapTime;
        int[] hs = heapSlot;
        while (pos > 0) {
            int parent = (pos - 1) >> 2;
            long pt = ht[parent];
            if (pt < time || (pt == time && seqOf[hs[parent]] <= seqOf[slot])) {
                break;
            }
            ht[pos] = pt;
            hs[pos] = hs[parent];
            pos = parent;
        }
        ht[pos] = time;
        hs[pos] = slot;
    }

    /**
     * Moves the hole at {@code pos} down until (time, seq of slot) fits, then fills it. The smallest
     * of a node's (up to) four children is found by time alone with selections the JIT can turn
     * into conditional moves (which child wins is a coin toss for random keys, so branches on it
     * would mostly be mispredicted); only when two children share the smallest time does the
     * sequence decide, on a slow path. The sequences live with the slots, not in the heap, so a
     * level of the sift moves a time and a slot id and nothing else.
     */
    private void siftDown(int pos, long time, int slot) {
        long[] ht = heapTime;
        int[] hs = heapSlot;
        int n = size;
        while (true) {
            int first = (pos << 2) + 1;
            if (first >= n) {
                break;
            }
            int best;
            long bt;
            if (first + 3 < n) {
                long t0 = ht[first];
                long t1 = ht[first + 1];
                long t2 = ht[first + 2];
                long t3 = ht[first + 3];
                int i01 = t1 < t0 ? first + 1 : first;
                long m01 = Math.min(t0, t1);
                int i23 = t3 < t2 ? first + 3 : first + 2;
                long m23 = Math.min(t2, t3);
                best = m23 < m01 ? i23 : i01;
                bt = Math.min(m01, m23);
                // Two children share the smallest time only if a pair ties or the pairs' minima do
                // (a tie elsewhere takes the slow path needlessly, which is harmless).
                if (t0 == t1 | t2 == t3 | m01 == m23) {
                    best = smallestChild(first, first + 4);
                }
            } else {
                best = smallestChild(first, n);
                bt = ht[best];
            }
            if (time < bt || (time == bt && seqOf[slot] <= seqOf[hs[best]])) {
                break;
            }
            ht[pos] = bt;
            hs[pos] = hs[best];
            pos = best;
        }
        ht[pos] = time;
        hs[pos] = slot;
    }

    /** The index of the smallest (time, seq) among heap entries [from, to). */
    private int smallestChild(int from, int to) {
        long[] ht = heapTime;
        int[] hs = heapSlot;
        int best = from;
        long bt = ht[from];
        long bq = seqOf[hs[from]];
        for (int c = from + 1; c < to; c++) {
            long ct = ht[c];
            if (ct < bt || (ct == bt && seqOf[hs[c]] < bq)) {
                best = c;
                bt = ct;
                bq = seqOf[hs[c]];
            }
        }
        return best;
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (slotsEverUsed == handler.length) {
            grow();
        }
        int slot = slotsEverUsed++;
        generation[slot] = 1;
        return slot;
    }

    private void freeSlot(int slot) {
        int next = generation[slot] + 1;
        generation[slot] = next == 0 ? 1 : next;
        freeSlots[freeCount++] = slot;
    }

    private void allocate(int capacity) {
        heapTime = new long[capacity];
        heapSlot = new int[capacity];
        handler = new EventHandler[capacity];
        seqOf = new long[capacity];
        type = new int[capacity];
        payload = new long[capacity];
        generation = new int[capacity];
        freeSlots = new int[capacity];
    }

    private void grow() {
        int capacity = handler.length;
        if (capacity >= MAX_CAPACITY) {
            throw new IllegalStateException("more than " + MAX_CAPACITY + " pending events");
        }
        int bigger = Math.min(MAX_CAPACITY, capacity * 2);
        // Heap entries never outnumber slots in use, so one capacity serves both.
        heapTime = Arrays.copyOf(heapTime, bigger);
        heapSlot = Arrays.copyOf(heapSlot, bigger);
        handler = Arrays.copyOf(handler, bigger);
        seqOf = Arrays.copyOf(seqOf, bigger);
        type = Arrays.copyOf(type, bigger);
        payload = Arrays.copyOf(payload, bigger);
        generation = Arrays.copyOf(generation, bigger);
        freeSlots = Arrays.copyOf(freeSlots, bigger);
    }
}
