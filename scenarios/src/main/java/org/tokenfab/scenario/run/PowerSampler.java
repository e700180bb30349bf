package org.tokenfab.scenario.run;

import java.util.List;

import org.tokenfab.serving.Replica;
import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.Simulation;

/**
 * Facility power over time, as the mean of fixed 1-second windows of simulated time: each window's
 * facility energy (accelerator energy delta plus node overhead, times PUE) over its length. The
 * observed peak is the highest window; a short window at the end of the run counts at its own
 * length. The windows tile {@code [0, end]}, so their energies sum to the run's facility energy.
 *
 * <p>Why windows and not instantaneous power: a replica charges a step's energy when the step
 * starts, so power is only well defined over spans much longer than a step (milliseconds); a
 * 1-second window is also what facility meters and power-capping controllers typically resolve.
 * A step that straddles a window edge is counted in the window it started in, so a window can read
 * above the accelerators' limit (or below idle) by up to that step's share of a second.
 *
 * <p>It does not keep the simulation alive: it reschedules only while other events are pending
 * (requests in flight or arrivals to come), and {@link #onlyEventLeft()} lets the run stop as soon
 * as its own event is the last one, so the clock ends where it would without it.
 */
final class PowerSampler implements EventHandler {
    /** Window length: 1 s of simulated time. */
    static final long WINDOW_NANOS = 1_000_000_000L;

    private final Simulation sim;
    private final Replica[] replicas;
    private final double[] overheadW;
    private final double pue;
    private boolean pending;
    private long windowStart;
    private double joulesAtStart;
    private double facilityJoules;
    private double peakW;
    private double lowestW = Double.POSITIVE_INFINITY;
    private long windows;
    private long events;

    /**
     * @param overheadW each replica's share of node overhead, W, by replica (counted while it is not off)
     * @param pue       facility power over IT power
     */
    PowerSampler(Simulation sim, List<Replica> replicas, double[] overheadW, double pue) {
        this.sim = sim;
        this.replicas = replicas.toArray(Replica[]::new);
        this.overheadW = overheadW.clone();
        this.pue = pue;
    }

    /** Schedules the first window's end. */
    void start() {
        windowStart = sim.now();
        joulesAtStart = acceleratorJoules(windowStart);
        pending = true;
        sim.scheduleIn(WINDOW_NANOS, this, 0, 0);
    }

    @Override
    public void onEvent(int type, long payload) {
        events++;
        close(sim.now());
        if (sim.pendingEvents() > 0) {
            sim.scheduleIn(WINDOW_NANOS, this, 0, 0);
        } else {
            pending = false;
        }
    }

    /** True when the sampler's next window is scheduled. */
    boolean hasPendingEvent() {
        return pending;
    }

    /** Closes the last, possibly short, window at the end of the run. */
    void finish(long end) {
        if (end > windowStart) {
            close(end);
        }
    }

    private void close(long now) {
        double joules = acceleratorJoules(now);
        long nanos = now - windowStart;
        double window = (joules - joulesAtStart) * pue;
        facilityJoules += window;
        double watts = window / (nanos * 1e-9);
        peakW = Math.max(peakW, watts);
        lowestW = Math.min(lowestW, watts);
        windows++;
        windowStart = now;
        joulesAtStart = joules;
    }

    /** Accelerator energy plus node overhead of every replica not switched off, J, over {@code [0, now]}. */
    private double acceleratorJoules(long now) {
        double sum = 0;
        for (int i = 0; i < replicas.length; i++) {
            Replica r = replicas[i];
            sum += r.acceleratorJoules(now) + overheadW[i] * ((now - r.offNanos(now)) * 1e-9);
        }
        return sum;
    }

    /** Highest window mean facility power, W; 0 before any window closed. */
    double peakW() {
        return peakW;
    }

    /** Lowest window mean facility power, W (for checks). */
    double lowestW() {
        return lowestW;
    }

    /** Sum of the windows' facility energies, J. */
    double facilityJoules() {
        return facilityJoules;
    }

    long windows() {
        return windows;
    }

    /** Events the sampler fired (not the model's; subtracted from the reported event count). */
    long events() {
        return events;
    }
}
