package org.tokenfab.workload;

import java.util.Locale;

/**
 * A daily sinusoid with a weekend factor:
 * <pre>  m(t) = w(day) · (1 + amplitude · cos(2π (hour − peakHour) / 24))</pre>
 * where hour is the hour of day of t (time 0 is Monday 00:00), day = ⌊t / 24 h⌋ mod 7, and
 * w = {@code weekendFactor} on days 5 and 6 (Saturday, Sunday), 1 otherwise. The sinusoid
 * averages 1 over each day, so the weekday mean multiplier is 1 and the weekly mean is
 * (5 + 2 w) / 7 ({@link #meanMultiplier()}): the base rate is the weekday mean.
 *
 * <p><b>Operational time</b> Λ is in closed form (the sinusoid's integral, summed over whole
 * days). <b>Its inverse</b> is found per day: the day is located from the whole-day integrals,
 * then the hour by Newton's method on F(τ) = τ + (a/ω)(sin(ω(τ − p)) + sin(ωp)) inside the
 * bracket [0, 24 h], falling back to bisection whenever a Newton step leaves the bracket (F' = 1 +
 * a cos(·) &ge; 1 − a may vanish at a = 1). It stops when the step or the bracket is below
 * {@value #TOLERANCE_NANOS} ns, so {@link #realTime} is within 1 ns of the exact inverse of the
 * given double (tested). Λ itself is a double: its rounding, ulp(Λ) (0.125 ns after a week),
 * moves a time by ulp(Λ) / m(t), i.e. well under 1 ns except near a deep trough (m ~ 0.01: 12 ns).
 *
 * <p>Immutable; allocates nothing.
 */
public final class DiurnalRate implements RateSchedule {
    /** Convergence tolerance of the inverse of Λ, ns. */
    public static final double TOLERANCE_NANOS = 0.25;
    static final long DAY_NANOS = 86_400_000_000_000L;
    static final long WEEK_NANOS = 7 * DAY_NANOS;
    private static final double OMEGA = 2 * Math.PI / DAY_NANOS; // rad per ns

    private final double amplitude;
    private final double peakHour;
    private final double weekendFactor;
    private final double phase; // ω · peak time of day, rad
    private final double[] dayStartCumulative = new double[8]; // Λ at the start of each day of week 0
    private final double weekIntegral;

    /**
     * @param amplitude relative swing of the sinusoid, in [0, 1] (0: flat; 1: zero at the trough)
     * @param peakHour hour of day of the peak, in [0, 24)
     * @param weekendFactor multiplier of Saturday and Sunday, finite and &ge; 0
     */
    public DiurnalRate(double amplitude, double peakHour, double weekendFactor) {
        if (!(amplitude >= 0 && amplitude <= 1)) {
            throw new IllegalArgumentException("amplitude must be in [0, 1], got " + amplitude);
        }
        if (!(peakHour >= 0 && peakHour < 24)) {
            throw new IllegalArgumentException("peak hour must be in [0, 24), got " + peakHour);
        }
        if (!(weekendFactor >= 0) || Double.isInfinite(weekendFactor)) {
            throw new IllegalArgumentException("weekend factor must be finite and >= 0, got " + weekendFactor);
        }
        this.amplitude = amplitude;
        this.peakHour = peakHour;
        this.weekendFactor = weekendFactor;
        this.phase = OMEGA * peakHour * 3.6e12;
        for (int d = 0; d < 7; d++) {
            dayStartCumulative[d + 1] = dayStartCumulative[d] + dayWeight(d) * DAY_NANOS;
        }
        this.weekIntegral = dayStartCumulative[7];
    }

    private double dayWeight(int dayOfWeek) {
        return dayOfWeek >= 5 ? weekendFactor : 1.0;
    }

    @Override
    public double multiplier(long nanos) {
        long t = Math.max(0, nanos);
        int day = (int) ((t / DAY_NANOS) % 7);
        long tau = t % DAY_NANOS;
        return dayWeight(day) * (1 + amplitude * Math.cos(OMEGA * tau - phase));
    }

    /** ∫₀^τ (1 + a cos(ωs − p)) ds for τ within a day. */
    private double dayIntegral(double tau) {
        return tau + amplitude / OMEGA * (Math.sin(OMEGA * tau - phase) + Math.sin(phase));
    }

    @Override
    public double operationalTime(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        long weeks = nanos / WEEK_NANOS;
        long inWeek = nanos % WEEK_NANOS;
        int day = (int) (inWeek / DAY_NANOS);
        long tau = inWeek % DAY_NANOS;
        return weeks * weekIntegral + dayStartCumulative[day] + dayWeight(day) * dayIntegral(tau);
    }

    @Override
    public long realTime(double operationalNanos) {
        if (!(operationalNanos > 0)) {
            return 0;
        }
        if (weekIntegral == 0) {
            return Long.MAX_VALUE; // unreachable: the weekdays always contribute
        }
        double weeks = Math.floor(operationalNanos / weekIntegral);
        double rest = operationalNanos - weeks * weekIntegral;
        int day = 0; // the last day whose start has Λ < rest (days of weight 0 are skipped)
        while (day < 6 && dayStartCumulative[day + 1] < rest) {
            day++;
        }
        double target = (rest - dayStartCumulative[day]) / dayWeight(day);
        double tau = solveDay(Math.min(Math.max(target, 0), DAY_NANOS));
        double t = weeks * WEEK_NANOS + day * (double) DAY_NANOS + tau;
        return t >= 0x1p63 ? Long.MAX_VALUE : Math.round(t);
    }

    /** τ in [0, day] with dayIntegral(τ) = target: Newton safeguarded by bisection. */
    private double solveDay(double target) {
        double lo = 0;
        double hi = DAY_NANOS;
        double tau = target; // F(τ) − τ is bounded by 2a/ω: a good first guess
        for (int iter = 0; iter < 200; iter++) {
            double f = dayIntegral(tau) - target;
            if (f > 0) {
                hi = tau;
            } else {
                lo = tau;
            }
            double slope = 1 + amplitude * Math.cos(OMEGA * tau - phase);
            double next = slope > 0 ? tau - f / slope : Double.NaN;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - tau) < TOLERANCE_NANOS || hi - lo < TOLERANCE_NANOS) {
                return next;
            }
            tau = next;
        }
        return tau;
    }

    /** Mean multiplier over a whole week, (5 + 2 · weekendFactor) / 7. */
    public double meanMultiplier() {
        return weekIntegral / WEEK_NANOS;
    }

    public double amplitude() {
        return amplitude;
    }

    public double peakHour() {
        return peakHour;
    }

    public double weekendFactor() {
        return weekendFactor;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "diurnal(amplitude=%s, peak=%sh, weekend=x%s)", amplitude, peakHour, weekendFactor);
    }
}
