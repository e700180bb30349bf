package org.tokenfab.workload;

/** Adding a sampled gap to simulated time, shared by the arrival processes. */
final class ArrivalClock {
    private ArrivalClock() {
    }

    /**
     * {@code nowNanos + gapNanos}, the gap rounded to the nearest nanosecond, saturating at
     * {@code Long.MAX_VALUE} (an arrival beyond the end of simulated time never happens).
     *
     * @param gapNanos a gap &ge; 0 (NaN or +infinity also saturate)
     */
    static long after(long nowNanos, double gapNanos) {
        if (!(gapNanos < 0x1p63)) {
            return Long.MAX_VALUE;
        }
        long gap = Math.round(gapNanos);
        long next = nowNanos + gap;
        return ((nowNanos ^ next) & (gap ^ next)) < 0 ? Long.MAX_VALUE : next;
    }
}
