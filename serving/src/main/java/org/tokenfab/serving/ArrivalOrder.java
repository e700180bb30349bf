package org.tokenfab.serving;

/**
 * A replica's waiting requests in arrival order, for the wait limit and the dynamic batcher: a
 * ring buffer with lazy deletion (admitted requests are dropped when they reach the head).
 *
 * <p>Each entry keeps the request's queue sequence number at its arrival: request objects are
 * pooled, so an admitted request's object may be waiting again, as a newer request, here or on
 * another replica, and must not be taken for the old entry.
 */
final class ArrivalOrder {
    private Request[] requests = new Request[64];
    private long[] seqs = new long[64];
    private int head;
    private int size;

    void add(Request r) {
        if (size == requests.length) {
            int n = requests.length;
            Request[] a = new Request[2 * n];
            long[] s = new long[2 * n];
            for (int i = 0; i < n; i++) {
                a[i] = requests[(head + i) % n];
                s[i] = seqs[(head + i) % n];
            }
            requests = a;
            seqs = s;
            head = 0;
        }
        int tail = (head + size++) % requests.length;
        requests[tail] = r;
        seqs[tail] = r.queueSeq;
    }

    /** The longest-waiting request that has not started, dropping stale entries; null if none. */
    Request oldest(WaitQueue waiting) {
        while (size > 0) {
            Request r = requests[head];
            if (waiting.holds(r, seqs[head]) && !r.started) {
                return r;
            }
            poll();
        }
        return null;
    }

    /** Drops the head. */
    void poll() {
        requests[head] = null;
        head = (head + 1) % requests.length;
        size--;
    }
}
