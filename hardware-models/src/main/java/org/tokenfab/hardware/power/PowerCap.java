package org.tokenfab.hardware.power;

import java.util.Locale;

/**
 * An accelerator under a power limit below its TDP: the GPU lowers its SM clock to a fraction
 * {@code f} of the clock it runs at under TDP, until it fits. Immutable; made by
 * {@link PowerModel#cap(double)}.
 *
 * <p>The model (DVFS). Clock-driven power scales as f·V(f)² ≈ f<sup>α</sup>; work per second of
 * compute-bound kernels scales as f; HBM is not clocked down, so memory-bound time changes only by
 * the sensitivity β (calibrated 0: memory-bound decode did not slow under a 70% cap in the Splitwise
 * data). For a step that takes {@code T0} at full clock with compute-busy time {@code c},
 * memory-busy time {@code m} and other time {@code o = T0 − max(c, m)} (communication, overhead):
 * <pre>
 *   T(f) = o + max(c / f, m · (1 + β(1/f − 1)))
 *   P(f) = idle + active · f^α + compute · u_c · (T0/T(f)) · f^(α−1) + memory · u_m · (T0/T(f))
 * </pre>
 * (If the linear model asks for more than TDP at f = 1, the GPU was already held at TDP, so the
 * terms after idle are scaled down to make P(1) = TDP.) P(f) never decreases as f grows, so the step
 * runs at the largest f with P(f) ≤ cap. Power falls faster than speed: for compute-bound work speed
 * ∝ f and power above idle ∝ f<sup>α</sup>, α > 1. If even the lowest clock draws too much (a
 * memory-heavy step under a very low cap), the step is stretched further, as stalls would, until its
 * average power equals the cap.
 *
 * <p>Approximation: the step's compute and memory parts are treated as one overlapped block. When a
 * step mixes compute-bound and memory-bound kernels (the step-cost model's {@code StepUsage} sums
 * busy times over kernels), it can over- or understate the stretch; exact would need each kernel's
 * compute and memory time.
 *
 * <p>{@link #clockFraction()}, {@link #computeTimeScale()}, {@link #memoryTimeScale()} and
 * {@link #stretchNanos} describe the point a compute-bound step that draws TDP at full clock settles
 * at (the work a cap is meant to tame; P(f) = idle + (TDP − idle) f^α = cap). Steps that draw less
 * are throttled less: {@link #evaluate} solves each step exactly.
 *
 * <p>Hot path: {@link #evaluate} takes primitives and writes into a caller-owned
 * {@link CappedStep}; it allocates nothing.
 */
public final class PowerCap {
    private static final int MAX_BISECTIONS = 40;
    private static final double CLOCK_TOLERANCE = 1e-7;

    private final PowerParameters p;
    private final PowerModel uncapped;
    private final double cap;
    private final boolean limits;
    private final double fullLoadClock;

    PowerCap(PowerParameters parameters, double capWatts) {
        this.p = parameters;
        this.uncapped = new PowerModel(parameters);
        this.cap = capWatts;
        this.limits = capWatts < parameters.tdpW();
        double ratio = (capWatts - parameters.idleW()) / (parameters.tdpW() - parameters.idleW());
        this.fullLoadClock = limits
                ? Math.max(parameters.minClockFraction(), Math.pow(ratio, 1.0 / parameters.clockExponent()))
                : 1.0;
    }

    /** Below this a cap cannot hold even an idle step at the lowest clock: idle + active · f_min^α. */
    static double lowestFeasibleCap(PowerParameters p) {
        return p.idleW() + p.activeW() * Math.pow(p.minClockFraction(), p.clockExponent());
    }

    /** The limit, W per accelerator. */
    public double capW() {
        return cap;
    }

    /** Whether the cap is below TDP (a cap equal to TDP changes nothing). */
    public boolean limits() {
        return limits;
    }

    /** Clock fraction of a compute-bound step that would draw TDP uncapped; 1 when the cap is TDP. */
    public double clockFraction() {
        return fullLoadClock;
    }

    /** How much longer compute-bound work takes at {@link #clockFraction()}: 1/f. */
    public double computeTimeScale() {
        return 1.0 / fullLoadClock;
    }

    /** How much longer memory-bound work takes at {@link #clockFraction()}: 1 + β(1/f − 1). */
    public double memoryTimeScale() {
        return 1.0 + p.memoryClockSensitivity() * (1.0 / fullLoadClock - 1.0);
    }

    /**
     * Duration of the overlapped compute and memory parts of a step at {@link #clockFraction()},
     * ns: max(compute · {@link #computeTimeScale()}, memory · {@link #memoryTimeScale()}). An upper
     * bound for any step (lighter steps throttle less); {@link #evaluate} gives the exact value.
     */
    public long stretchNanos(long computeNanos, long memoryNanos) {
        if (computeNanos < 0 || memoryNanos < 0) {
            throw new IllegalArgumentException("computeNanos and memoryNanos must be >= 0, got " + computeNanos + ", "
                    + memoryNanos);
        }
        return Math.round(Math.max(computeNanos * computeTimeScale(), memoryNanos * memoryTimeScale()));
    }

    /**
     * One step under the cap: its clock fraction, duration, power and utilisations, written into
     * {@code out}. Power never exceeds the cap (nor TDP) and never falls below idle; the duration
     * never shrinks.
     *
     * @param stepNanos the step's duration at full clock (compute/memory overlap, plus communication
     *     and fixed overheads that a clock does not change)
     * @param computeNanos compute-busy time at full clock, at most {@code stepNanos} (up to 1% more is
     *     taken as rounding) (the step-cost
     *     model's {@code StepUsage.computeNanos})
     * @param memoryNanos memory-busy time at full clock, at most {@code stepNanos}
     *     ({@code StepUsage.memoryNanos})
     * @param computeUtilisation achieved FLOP/s ÷ peak over {@code stepNanos}
     * @param memoryUtilisation achieved bytes/s ÷ peak bandwidth over {@code stepNanos}
     */
    public void evaluate(long stepNanos, long computeNanos, long memoryNanos, double computeUtilisation,
            double memoryUtilisation, CappedStep out) {
        if (stepNanos < 0 || computeNanos < 0 || memoryNanos < 0
                || Math.max(computeNanos, memoryNanos) > stepNanos * PowerModel.UTILISATION_TOLERANCE + 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "need 0 <= computeNanos, memoryNanos <= stepNanos, got step %d, compute %d, memory %d", stepNanos,
                    computeNanos, memoryNanos));
        }
        // Busy times a hair above the step are rounding (busy times are sums of doubles); cap them.
        computeNanos = Math.min(computeNanos, stepNanos);
        memoryNanos = Math.min(memoryNanos, stepNanos);
        double uc = PowerModel.utilisation("computeUtilisation", computeUtilisation);
        double um = PowerModel.utilisation("memoryUtilisation", memoryUtilisation);
        double full = uncapped.watts(uc, um);
        if (!limits || stepNanos == 0 || full <= cap) {
            out.set(1.0, stepNanos, full, uc, um);
            return;
        }
        double other = stepNanos - Math.max(computeNanos, memoryNanos);
        // The linear model may ask for more than TDP at full clock; the GPU then already ran at its
        // TDP-limited clock (the measured step time includes that), so the busy power is scaled to
        // what it really drew at f = 1 and the cap acts on that.
        double demand = busyAt(1.0, stepNanos, computeNanos, memoryNanos, other, uc, um);
        double scale = demand > 0 ? (full - p.idleW()) / demand : 1.0;
        double fMin = p.minClockFraction();
        if (powerAt(fMin, stepNanos, computeNanos, memoryNanos, other, uc, um, scale) > cap) {
            stall(stepNanos, computeNanos, memoryNanos, other, uc, um, scale, out);
            return;
        }
        double lo = fMin; // P(lo) <= cap
        double hi = 1.0;  // P(hi) > cap
        for (int i = 0; i < MAX_BISECTIONS && hi - lo > CLOCK_TOLERANCE; i++) {
            double mid = 0.5 * (lo + hi);
            if (powerAt(mid, stepNanos, computeNanos, memoryNanos, other, uc, um, scale) <= cap) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double t = nanosAt(lo, computeNanos, memoryNanos, other);
        double dilution = stepNanos / t;
        out.set(lo, Math.max(stepNanos, Math.round(t)),
                Math.max(p.idleW(), powerAt(lo, stepNanos, computeNanos, memoryNanos, other, uc, um, scale)),
                uc * dilution, um * dilution);
    }

    /** At the lowest clock the step still draws too much: stretch it until its average power is the cap. */
    private void stall(long stepNanos, long computeNanos, long memoryNanos, double other, double uc, double um,
            double scale, CappedStep out) {
        double f = p.minClockFraction();
        double fixed = p.idleW() + scale * p.activeW() * Math.pow(f, p.clockExponent());
        double t = nanosAt(f, computeNanos, memoryNanos, other);
        double activity = powerAt(f, stepNanos, computeNanos, memoryNanos, other, uc, um, scale) - fixed;
        double stretch = activity / (cap - fixed); // > 1 here; cap > idle + active f_min^a is checked at construction
        double dilution = stepNanos / (t * stretch);
        out.set(f, Math.max(stepNanos, Math.round(t * stretch)), cap, uc * dilution, um * dilution);
    }

    private double nanosAt(double f, long computeNanos, long memoryNanos, double other) {
        double memoryScale = 1.0 + p.memoryClockSensitivity() * (1.0 / f - 1.0);
        return other + Math.max(computeNanos / f, memoryNanos * memoryScale);
    }

    private double powerAt(double f, long stepNanos, long computeNanos, long memoryNanos, double other, double uc,
            double um, double scale) {
        return p.idleW() + scale * busyAt(f, stepNanos, computeNanos, memoryNanos, other, uc, um);
    }

    /** Power above idle at clock fraction f, by the linear model (before any TDP scaling). */
    private double busyAt(double f, long stepNanos, long computeNanos, long memoryNanos, double other, double uc,
            double um) {
        double dilution = stepNanos / nanosAt(f, computeNanos, memoryNanos, other);
        double clockScaled = Math.pow(f, p.clockExponent() - 1.0); // V(f)^2, per unit of work done
        return p.activeW() * clockScaled * f + p.computeW() * uc * dilution * clockScaled + p.memoryW() * um * dilution;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PowerCap[%s at %.0f W: clock %.3f at full load]", p.acceleratorId(), cap,
                fullLoadClock);
    }
}
