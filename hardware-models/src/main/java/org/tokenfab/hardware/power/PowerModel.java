package org.tokenfab.hardware.power;

import java.util.Locale;
import java.util.Objects;
import org.tokenfab.sim.TokenFabException;

/**
 * Power drawn by one accelerator while it runs an engine step, from how busy the step keeps its
 * compute units and its memory:
 * <pre>
 *   P(u_c, u_m) = idle + active + compute · u_c + memory · u_m,   clamped to [idle, TDP]
 * </pre>
 * where {@code u_c} is achieved FLOP/s ÷ dense peak of the precision the step runs at and
 * {@code u_m} achieved bytes/s ÷ peak memory bandwidth, both averaged over the step. Between steps
 * (nothing scheduled) the accelerator draws {@link #idleW()}.
 *
 * <p>Why this shape: at a fixed clock, switching power is proportional to the work done per second,
 * so power is linear in each activity (no exponent); the {@code active} term is what any running
 * kernel costs over idle (clocks up, schedulers and caches busy); and a GPU throttles its own clock
 * at TDP, so measured
 * step times (and the utilisations derived from them) already include that throttling and the
 * clamp only stops the linear extrapolation. A power cap below TDP is a separate operating point:
 * {@link #cap(double)}.
 *
 * <p>Hot path: {@link #watts} and {@link #joules(double, double, long)} take primitives, allocate
 * nothing and read only final fields; one instance may serve many threads.
 */
public final class PowerModel {
    /** Utilisations up to this are rounding of nanosecond step times, clamped to 1; above, a bug. */
    static final double UTILISATION_TOLERANCE = 1.01;

    private final PowerParameters parameters;
    private final double idle;
    private final double busyBase; // idle + active
    private final double compute;
    private final double memory;
    private final double tdp;

    public PowerModel(PowerParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.idle = parameters.idleW();
        this.busyBase = parameters.idleW() + parameters.activeW();
        this.compute = parameters.computeW();
        this.memory = parameters.memoryW();
        this.tdp = parameters.tdpW();
    }

    /**
     * Power during a step at full clock, W; never below {@link #idleW()}, never above {@link #tdpW()},
     * non-decreasing in both arguments.
     *
     * @param computeUtilisation achieved FLOP/s ÷ dense peak, in [0, 1]
     * @param memoryUtilisation achieved bytes/s ÷ peak memory bandwidth, in [0, 1]
     * @throws IllegalArgumentException if a utilisation is negative, NaN or above 1 by more than
     *     rounding (the step-cost model or the caller is wrong)
     */
    public double watts(double computeUtilisation, double memoryUtilisation) {
        double uc = utilisation("computeUtilisation", computeUtilisation);
        double um = utilisation("memoryUtilisation", memoryUtilisation);
        return Math.min(tdp, busyBase + compute * uc + memory * um);
    }

    /** Energy of a step of {@code nanos} at these utilisations, J. */
    public double joules(double computeUtilisation, double memoryUtilisation, long nanos) {
        return joules(watts(computeUtilisation, memoryUtilisation), nanos);
    }

    /** Energy of {@code watts} held for {@code nanos}, J. */
    public static double joules(double watts, long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("nanos must be >= 0, got " + nanos);
        }
        return watts * (nanos * 1e-9);
    }

    /** Power between steps (awake, model loaded, nothing running), W. */
    public double idleW() {
        return idle;
    }

    /** The board power limit the accelerator enforces by itself, W. */
    public double tdpW() {
        return tdp;
    }

    public PowerParameters parameters() {
        return parameters;
    }

    /**
     * The operating point under a power limit of {@code capWatts} per accelerator. A cap equal to
     * TDP is no limit.
     *
     * @throws TokenFabException if the cap is not finite, exceeds TDP (the limit cannot be raised),
     *     or is too low for the accelerator to run any step even at its lowest clock
     */
    public PowerCap cap(double capWatts) {
        double floor = PowerCap.lowestFeasibleCap(parameters);
        if (!Double.isFinite(capWatts) || capWatts > tdp || capWatts <= floor) {
            throw new TokenFabException(String.format(Locale.ROOT,
                    "power cap %s W is not possible for %s: allowed is above %.0f W (idle %.0f W plus %.0f W of a running"
                            + " step at the lowest clock fraction %.2f) and at most its TDP of %.0f W (a cap equal to TDP"
                            + " is no cap)",
                    Double.isFinite(capWatts) ? String.format(Locale.ROOT, "%.1f", capWatts) : String.valueOf(capWatts),
                    parameters.acceleratorId(), floor, idle, floor - idle, parameters.minClockFraction(), tdp));
        }
        return new PowerCap(parameters, capWatts);
    }

    static double utilisation(String name, double u) {
        if (u >= 0 && u <= 1) {
            return u;
        }
        if (u > 1 && u <= UTILISATION_TOLERANCE) {
            return 1;
        }
        throw new IllegalArgumentException(name + " must be in [0, 1], got " + u);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PowerModel[%s: idle %.0f W + active %.0f W + %.0f W·u_c + %.0f W·u_m, TDP %.0f W]",
                parameters.acceleratorId(), idle, parameters.activeW(), compute, memory, tdp);
    }
}
