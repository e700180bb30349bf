package org.tokenfab.scenario.run;

import java.util.Locale;

import org.tokenfab.sim.TokenFabException;

/** Thrown by {@link ScenarioRun#run()} when the run was cancelled before it finished; nothing was summarised. */
public final class RunCancelledException extends TokenFabException {
    private static final long serialVersionUID = 1L;

    private final double simulatedSeconds;

    RunCancelledException(String scenario, long simulatedNanos, long events) {
        super(String.format(Locale.ROOT, "run of '%s' cancelled at %.1f s of simulated time after %,d events", scenario,
                simulatedNanos / 1e9, events));
        this.simulatedSeconds = simulatedNanos / 1e9;
    }

    /** Simulated time reached when it stopped, s. */
    public double simulatedSeconds() {
        return simulatedSeconds;
    }
}
