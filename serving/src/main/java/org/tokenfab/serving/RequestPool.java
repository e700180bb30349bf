package org.tokenfab.serving;

import java.util.ArrayDeque;

/**
 * Reuses {@link Request} objects so that a run of millions of requests allocates only as many as
 * are ever in flight at once.
 */
public final class RequestPool {
    private final ArrayDeque<Request> free = new ArrayDeque<>();
    private int created;

    Request acquire() {
        Request r = free.pollFirst();
        if (r == null) {
            created++;
            return new Request();
        }
        return r;
    }

    void release(Request r) {
        free.addFirst(r);
    }

    /** How many request objects were ever allocated: the peak number in flight. */
    public int created() {
        return created;
    }
}
