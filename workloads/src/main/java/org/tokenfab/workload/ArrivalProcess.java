package org.tokenfab.workload;

/**
 * When requests arrive. One instance is one arrival stream with its own random stream, so adding
 * another stream never changes this one's draws.
 */
@FunctionalInterface
public interface ArrivalProcess {
    /**
     * Draws the next arrival.
     *
     * @param nowNanos simulated time of the previous arrival (or the start of the run), ns
     * @return absolute simulated time of the next arrival, ns, at least {@code nowNanos}
     *     ({@code Long.MAX_VALUE} if it lies beyond the range of simulated time)
     */
    long nextArrivalAfter(long nowNanos);
}
