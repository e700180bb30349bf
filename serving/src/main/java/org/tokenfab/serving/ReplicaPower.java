package org.tokenfab.serving;

import org.tokenfab.hardware.cost.StepUsage;
import org.tokenfab.hardware.power.CappedStep;
import org.tokenfab.hardware.power.PowerCap;
import org.tokenfab.hardware.power.PowerModel;

/**
 * The accelerators of one replica as a power draw: each step's power comes from its utilisation
 * (achieved FLOP/s and bytes/s over the peaks); under a power cap the clock drops and the step
 * stretches. Energy is exact: busy steps at their power, the rest of the time at idle power (added
 * when the run is summarised). Accelerator power only; node overhead and PUE are the cluster's.
 */
public final class ReplicaPower {
    private final PowerModel model;
    private final PowerCap cap;
    private final int accelerators;
    private final double peakFlopsPerAccelerator;
    private final double bandwidthPerAccelerator;
    private final CappedStep capped = new CappedStep();
    private double busyJoules;
    private double plannedJoules;

    /**
     * What every replica of a pool shares: the power model, the cap and the peaks.
     *
     * @param cap                     a power cap from {@code model.cap(watts)}, or null for none
     * @param accelerators            accelerators in one replica
     * @param peakFlopsPerAccelerator dense peak FLOP/s at the replica's precision
     * @param bandwidthPerAccelerator memory bandwidth, bytes/s
     */
    public record Spec(PowerModel model, PowerCap cap, int accelerators, double peakFlopsPerAccelerator,
            double bandwidthPerAccelerator) {
    }

    ReplicaPower(Spec spec) {
        this.model = spec.model();
        this.cap = spec.cap() != null && spec.cap().limits() ? spec.cap() : null;
        this.accelerators = spec.accelerators();
        this.peakFlopsPerAccelerator = spec.peakFlopsPerAccelerator();
        this.bandwidthPerAccelerator = spec.bandwidthPerAccelerator();
    }

    /** Charges one step's energy and returns its duration, stretched if a cap slows the clock. */
    long step(long nanos, StepUsage usage) {
        long stretched = plan(nanos, usage);
        charge(plannedJoules);
        return stretched;
    }

    /**
     * A step's duration, stretched if a cap slows the clock, and its energy in {@link #plannedJoules()}
     * without charging it: a folded decode step is planned when its fold starts and charged when the
     * step itself starts (see {@code Replica}), so energy read mid-fold is what an unfolded run shows.
     */
    long plan(long nanos, StepUsage usage) {
        double seconds = nanos * 1e-9;
        double mfu = Math.min(1, usage.flops / (peakFlopsPerAccelerator * seconds));
        double mbu = Math.min(1, usage.memoryBytes / (bandwidthPerAccelerator * seconds));
        if (cap == null) {
            plannedJoules = model.watts(mfu, mbu) * seconds * accelerators;
            return nanos;
        }
        cap.evaluate(nanos, (long) Math.min(usage.computeNanos, nanos), (long) Math.min(usage.memoryNanos, nanos), mfu, mbu,
                capped);
        plannedJoules = capped.joules() * accelerators;
        return capped.nanos();
    }

    /** The energy of the step last given to {@link #plan}, in joules. */
    double plannedJoules() {
        return plannedJoules;
    }

    /** Adds a planned step's energy to the busy total. */
    void charge(double joules) {
        busyJoules += joules;
    }

    /** Energy of the replica's accelerators over {@code [0, now]}, given how long they were busy. */
    double joules(long now, long busyNanos) {
        return busyJoules + model.idleW() * (now - busyNanos) * 1e-9 * accelerators;
    }

    int accelerators() {
        return accelerators;
    }

    double peakFlopsPerAccelerator() {
        return peakFlopsPerAccelerator;
    }

    double bandwidthPerAccelerator() {
        return bandwidthPerAccelerator;
    }
}
