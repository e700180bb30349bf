package org.tokenfab.workload;

import java.util.Locale;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A two-state on/off Markov-modulated Poisson process (MMPP-2): a hidden state alternates
 * between <em>on</em> and <em>off</em> with exponential sojourns of the given means, and arrivals
 * are Poisson at the rate of the current state (the off rate may be 0: pure on/off bursts).
 *
 * <p><b>Exact simulation</b>: from the current time, draw an exponential gap at the current
 * state's rate; if it ends before the next state switch it is the arrival, otherwise move to the
 * switch, flip the state, draw that state's sojourn, and draw again. By memorylessness the
 * discarded remainder of the gap changes nothing, so no discretisation is involved. The state
 * chain evolves in simulated time regardless of arrivals: if {@code nowNanos} is past the next
 * switch (the caller skipped ahead), the chain is first advanced to {@code nowNanos}.
 *
 * <p><b>Start</b>: at the first call the state is drawn from the stationary distribution
 * (P(on) = meanOn / (meanOn + meanOff)) and its remaining sojourn is exponential with the full
 * mean (memoryless), so the process is stationary from the start of the run.
 *
 * <p>Closed forms for tests and {@code workload describe}: {@link #meanRatePerSecond()} and the
 * index of dispersion of counts {@link #indexOfDispersion(double)}. Switch times are kept in whole
 * nanoseconds (rounding 0.5 ns per sojourn).
 *
 * <p>Not thread-safe (it owns a random stream). Drawing allocates nothing.
 */
public final class MmppArrivals implements ArrivalProcess {
    private final double onRatePerSecond;
    private final double offRatePerSecond;
    private final double meanOnSeconds;
    private final double meanOffSeconds;
    private final double onGapNanos; // mean gap in the on state
    private final double offGapNanos; // mean gap in the off state, +infinity if the off rate is 0
    private final double onSojournNanos;
    private final double offSojournNanos;
    private final UniformRandomProvider rng;
    private final ZigguratSampler.Exponential exponential; // mean 1

    private boolean started;
    private boolean on;
    private long switchAt; // next state switch, ns

    /**
     * @param onRatePerSecond arrival rate in the on state, finite and &gt; 0
     * @param offRatePerSecond arrival rate in the off state, finite and &ge; 0
     * @param meanOnSeconds mean sojourn in the on state, finite and &gt; 0
     * @param meanOffSeconds mean sojourn in the off state, finite and &gt; 0
     * @param rng this process's own random stream
     */
    public MmppArrivals(double onRatePerSecond, double offRatePerSecond, double meanOnSeconds, double meanOffSeconds,
            UniformRandomProvider rng) {
        this.rng = Objects.requireNonNull(rng, "rng");
        if (!(onRatePerSecond > 0) || Double.isInfinite(onRatePerSecond)) {
            throw new IllegalArgumentException("on rate must be finite and > 0 per second, got " + onRatePerSecond);
        }
        if (!(offRatePerSecond >= 0) || Double.isInfinite(offRatePerSecond)) {
            throw new IllegalArgumentException("off rate must be finite and >= 0 per second, got " + offRatePerSecond);
        }
        if (!(meanOnSeconds > 0) || Double.isInfinite(meanOnSeconds)
                || !(meanOffSeconds > 0) || Double.isInfinite(meanOffSeconds)) {
            throw new IllegalArgumentException("mean sojourns must be finite and > 0 s, got on=" + meanOnSeconds
                    + " off=" + meanOffSeconds);
        }
        this.onRatePerSecond = onRatePerSecond;
        this.offRatePerSecond = offRatePerSecond;
        this.meanOnSeconds = meanOnSeconds;
        this.meanOffSeconds = meanOffSeconds;
        this.onGapNanos = 1e9 / onRatePerSecond;
        this.offGapNanos = offRatePerSecond == 0 ? Double.POSITIVE_INFINITY : 1e9 / offRatePerSecond;
        this.onSojournNanos = meanOnSeconds * 1e9;
        this.offSojournNanos = meanOffSeconds * 1e9;
        this.exponential = ZigguratSampler.Exponential.of(rng);
    }

    @Override
    public long nextArrivalAfter(long nowNanos) {
        if (!started) {
            started = true;
            on = rng.nextDouble() < meanOnSeconds / (meanOnSeconds + meanOffSeconds);
            switchAt = ArrivalClock.after(nowNanos, exponential.sample() * (on ? onSojournNanos : offSojournNanos));
        }
        long t = nowNanos;
        while (true) {
            while (switchAt <= t && switchAt != Long.MAX_VALUE) { // catch the chain up to t
                flip();
            }
            double meanGap = on ? onGapNanos : offGapNanos;
            long next = meanGap == Double.POSITIVE_INFINITY
                    ? Long.MAX_VALUE : ArrivalClock.after(t, exponential.sample() * meanGap);
            if (next < switchAt || switchAt == Long.MAX_VALUE) {
                return next;
            }
            t = switchAt; // the gap outlived the state: restart from the switch (memoryless)
        }
    }

    private void flip() {
        on = !on;
        switchAt = ArrivalClock.after(switchAt, exponential.sample() * (on ? onSojournNanos : offSojournNanos));
    }

    /** Long-run arrival rate, (λ_on m_on + λ_off m_off) / (m_on + m_off), per second. */
    public double meanRatePerSecond() {
        return (onRatePerSecond * meanOnSeconds + offRatePerSecond * meanOffSeconds) / (meanOnSeconds + meanOffSeconds);
    }

    /**
     * Index of dispersion of counts, Var N(w) / E N(w), for a window of {@code windowSeconds} in
     * the stationary process: with s = 1/m_on + 1/m_off, π_on π_off = m_on m_off / (m_on + m_off)²
     * and mean rate λ̄,
     * <pre>  IDC(w) = 1 + 2 π_on π_off (λ_on − λ_off)² / (λ̄ s) · (1 − (1 − e^(−s w)) / (s w))</pre>
     * (the rate's autocovariance is π_on π_off (λ_on − λ_off)² e^(−s τ)). It is 1 for Poisson and
     * tends to 1 + 2 π_on π_off (λ_on − λ_off)² / (λ̄ s) for long windows.
     */
    public double indexOfDispersion(double windowSeconds) {
        if (!(windowSeconds > 0)) {
            throw new IllegalArgumentException("window must be > 0 s, got " + windowSeconds);
        }
        double s = 1 / meanOnSeconds + 1 / meanOffSeconds;
        double total = meanOnSeconds + meanOffSeconds;
        double piProduct = meanOnSeconds * meanOffSeconds / (total * total);
        double diff = onRatePerSecond - offRatePerSecond;
        double sw = s * windowSeconds;
        double shape = sw > 1e-6 ? 1 - (-Math.expm1(-sw)) / sw : sw / 2;
        return 1 + 2 * piProduct * diff * diff / (meanRatePerSecond() * s) * shape;
    }

    public double onRatePerSecond() {
        return onRatePerSecond;
    }

    public double offRatePerSecond() {
        return offRatePerSecond;
    }

    public double meanOnSeconds() {
        return meanOnSeconds;
    }

    public double meanOffSeconds() {
        return meanOffSeconds;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "mmpp(on=%s/s for %ss, off=%s/s for %ss)",
                onRatePerSecond, meanOnSeconds, offRatePerSecond, meanOffSeconds);
    }
}
