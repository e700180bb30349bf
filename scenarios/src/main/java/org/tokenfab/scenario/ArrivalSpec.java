package org.tokenfab.scenario;

import java.util.List;
import java.util.Optional;

/** How requests arrive: an open-loop process (optionally with a time-varying rate), or closed-loop users. */
public sealed interface ArrivalSpec permits ArrivalSpec.OpenLoop, ArrivalSpec.ClosedLoop {

    /** Requests arrive whatever the cluster does; {@code schedule} scales the rate over time. */
    record OpenLoop(Process process, Optional<Schedule> schedule) implements ArrivalSpec {
    }

    /**
     * Closed loop: {@code users} users each send a request, wait for it to finish, think for
     * {@code thinkNanos}, and send the next (fixed-concurrency benchmark clients).
     */
    record ClosedLoop(int users, long thinkNanos) implements ArrivalSpec {
    }

    /** An open-loop process by its YAML name; rates are the mean per second before any schedule. */
    sealed interface Process permits Poisson, Gamma, Weibull, Mmpp {
    }

    /** Exponential gaps. */
    record Poisson(double ratePerSecond) implements Process {
    }

    /** Gamma gaps with the given coefficient of variation (1 = Poisson, above 1 = bursty). */
    record Gamma(double ratePerSecond, double cv) implements Process {
    }

    /** Weibull gaps with the given coefficient of variation. */
    record Weibull(double ratePerSecond, double cv) implements Process {
    }

    /** Two-state on/off Markov-modulated Poisson process: a rate in each state, exponential sojourns. */
    record Mmpp(double onRatePerSecond, double offRatePerSecond, long meanOnNanos, long meanOffNanos) implements Process {
    }

    /** A rate multiplier over simulated time. */
    sealed interface Schedule permits Piecewise, Diurnal {
    }

    /** Steps of constant multiplier; the first starts at 0. */
    record Piecewise(List<Step> steps) implements Schedule {
        public Piecewise {
            steps = List.copyOf(steps);
        }
    }

    /** One step of a piecewise schedule. */
    record Step(long startNanos, double multiplier) {
    }

    /**
     * A daily sinusoid 1 + amplitude·cos(2π(hour − peakHour)/24), times {@code weekendFactor} on days
     * 5 and 6 of the week (simulated time 0 is Monday 00:00).
     */
    record Diurnal(double amplitude, double peakHour, double weekendFactor) implements Schedule {
    }
}
