package org.tokenfab.serving;

/**
 * How many more requests a run may create, shared by all its traffic sources (one per workload
 * class), so a scenario's {@code requests: N} caps the total, not each class.
 */
public final class RequestBudget {
    private long remaining;

    /** @param requests the total, or {@code Long.MAX_VALUE} for no limit */
    public RequestBudget(long requests) {
        if (requests < 0) {
            throw new IllegalArgumentException("requests must be >= 0, got " + requests);
        }
        this.remaining = requests;
    }

    boolean exhausted() {
        return remaining == 0;
    }

    void take() {
        if (remaining == 0) {
            throw new IllegalStateException("no request left in the budget");
        }
        if (remaining != Long.MAX_VALUE) {
            remaining--;
        }
    }
}
