package org.tokenfab.scenario;

/** How requests arrive: an open-loop process by its YAML name, or closed-loop users. */
public sealed interface ArrivalSpec permits ArrivalSpec.Poisson, ArrivalSpec.ClosedLoop {

    /** Open loop: exponential gaps at a mean rate per second. */
    record Poisson(double ratePerSecond) implements ArrivalSpec {
    }

    /**
     * Closed loop: {@code users} users each send a request, wait for it to finish, think for
     * {@code thinkNanos}, and send the next (fixed-concurrency benchmark clients).
     */
    record ClosedLoop(int users, long thinkNanos) implements ArrivalSpec {
    }
}
