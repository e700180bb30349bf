package org.tokenfab.hardware.power;

/**
 * What one step becomes under a power cap, written by {@link PowerCap#evaluate}. Mutable and
 * reusable so the per-step path allocates nothing: keep one per simulation thread, never share it
 * between threads, and read it before the next {@code evaluate}.
 */
public final class CappedStep {
    private double clockFraction = 1.0;
    private long nanos;
    private double watts;
    private double computeUtilisation;
    private double memoryUtilisation;

    void set(double clockFraction, long nanos, double watts, double computeUtilisation, double memoryUtilisation) {
        this.clockFraction = clockFraction;
        this.nanos = nanos;
        this.watts = watts;
        this.computeUtilisation = computeUtilisation;
        this.memoryUtilisation = memoryUtilisation;
    }

    /** SM clock as a fraction of the clock under TDP; 1 when the cap did not bind. */
    public double clockFraction() {
        return clockFraction;
    }

    /** Duration of the step under the cap, ns (never shorter than at full clock). */
    public long nanos() {
        return nanos;
    }

    /** Average power over the step, W (at most the cap). */
    public double watts() {
        return watts;
    }

    /** Energy of the step, J. */
    public double joules() {
        return PowerModel.joules(watts, nanos);
    }

    /** Achieved FLOP/s ÷ peak (full-clock peak) over the stretched step. */
    public double computeUtilisation() {
        return computeUtilisation;
    }

    /** Achieved bytes/s ÷ peak bandwidth over the stretched step. */
    public double memoryUtilisation() {
        return memoryUtilisation;
    }
}
