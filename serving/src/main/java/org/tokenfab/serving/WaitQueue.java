package org.tokenfab.serving;

import java.util.Arrays;

/**
 * A replica's waiting requests, in admission order: a binary heap on (front, rank, sequence), with
 * each request's heap slot kept in the request so that one can leave from anywhere (a wait-limit
 * timeout) in O(log n). Allocation-free once grown.
 *
 * <p>Keys: a request preempted by recompute is put in front of every waiting one, the most
 * recently preempted first; others go by their {@link QueueDiscipline} rank, then by the order
 * in which they reached the replica.
 */
final class WaitQueue {
    private final QueueDiscipline discipline;
    private Request[] heap = new Request[64];
    private int size;
    private long sequence;
    private long preemptions;

    WaitQueue(QueueDiscipline discipline) {
        this.discipline = discipline;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The next request to admit, or null. */
    Request peek() {
        return size == 0 ? null : heap[0];
    }

    /** Queues a request that has just reached the replica. */
    void add(Request r) {
        r.queueFront = false;
        r.queueRank = discipline.rank(r);
        r.queueSeq = sequence++;
        insert(r);
    }

    /** Queues a preempted request ahead of every waiting one. */
    void addFront(Request r) {
        r.queueFront = true;
        r.queueRank = 0;
        r.queueSeq = -(++preemptions); // the latest preempted first
        insert(r);
    }

    /** Removes and returns the head, or null. */
    Request poll() {
        if (size == 0) {
            return null;
        }
        Request head = heap[0];
        remove(head);
        return head;
    }

    /** Removes {@code r}, which must be waiting here. */
    void remove(Request r) {
        int i = r.heapIndex;
        Request last = heap[--size];
        heap[size] = null;
        r.heapIndex = -1;
        if (i < size) {
            heap[i] = last;
            last.heapIndex = i;
            if (!siftUp(i)) {
                siftDown(i);
            }
        }
    }

    /** Whether {@code r} is waiting in this queue (not another replica's) since the add that gave it {@code seq}. */
    boolean holds(Request r, long seq) {
        int i = r.heapIndex;
        return i >= 0 && i < size && heap[i] == r && r.queueSeq == seq;
    }

    /** Whether {@code r} is waiting here. */
    static boolean contains(Request r) {
        return r.heapIndex >= 0;
    }

    private void insert(Request r) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = r;
        r.heapIndex = size;
        siftUp(size++);
    }

    private static boolean before(Request a, Request b) {
        if (a.queueFront != b.queueFront) {
            return a.queueFront;
        }
        if (a.queueRank != b.queueRank) {
            return a.queueRank < b.queueRank;
        }
        return a.queueSeq < b.queueSeq;
    }

    private boolean siftUp(int i) {
        Request r = heap[i];
        int start = i;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Request p = heap[parent];
            if (!before(r, p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = r;
        r.heapIndex = i;
        return i != start;
    }

    private void siftDown(int i) {
        Request r = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], r)) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = r;
        r.heapIndex = i;
    }
}
