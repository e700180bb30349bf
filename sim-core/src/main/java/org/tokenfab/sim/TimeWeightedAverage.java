package org.tokenfab.sim;

/**
 * The exact time integral and average of a piecewise-constant quantity (queue length,
 * utilisation, KV occupancy, power): the value holds from one {@link #update} to the next, so
 * the integral is a sum of rectangles rather than a sample.
 *
 * <p>Rectangles are added with Neumaier's compensated summation, so the integral of a long run
 * of small steps does not drift.
 *
 * <p>Not thread-safe.
 */
public final class TimeWeightedAverage {

    private final long startTime;
    private long lastTime;
    private double value;
    private double max;
    private double sum;
    private double compensation;

    /**
     * @param startTime    when observation starts, in ns; the average is taken from here
     * @param initialValue the value held from {@code startTime} until the first update
     */
    public TimeWeightedAverage(long startTime, double initialValue) {
        this.startTime = startTime;
        this.lastTime = startTime;
        this.value = initialValue;
        this.max = initialValue;
    }

    /**
     * The value changes to {@code newValue} at {@code now}.
     *
     * @throws IllegalArgumentException if {@code now} is before the previous update
     */
    public void update(long now, double newValue) {
        checkNotBefore(now);
        if (newValue == value) {
            // The rectangle goes on: adding it in pieces would round differently from adding it
            // whole, and a replica that folds decode steps skips these no-change updates.
            return;
        }
        add(value * (double) (now - lastTime));
        lastTime = now;
        value = newValue;
        if (newValue > max) {
            max = newValue;
        }
    }

    /** The area under the value from the start time to {@code now}, in value·ns. */
    public double integral(long now) {
        checkNotBefore(now);
        double term = value * (double) (now - lastTime);
        double s = sum + term;
        double c = compensation + (Math.abs(sum) >= Math.abs(term) ? (sum - s) + term : (term - s) + sum);
        return s + c;
    }

    /** The time-weighted average from the start time to {@code now}; NaN if no time has elapsed. */
    public double average(long now) {
        double integral = integral(now);
        long elapsed = now - startTime;
        return elapsed == 0 ? Double.NaN : integral / elapsed;
    }

    /** The largest value taken so far, including the initial one and values held for no time. */
    public double max() {
        return max;
    }

    /** The value in force since the last update. */
    public double current() {
        return value;
    }

    private void add(double term) {
        double s = sum + term;
        compensation += Math.abs(sum) >= Math.abs(term) ? (sum - s) + term : (term - s) + sum;
        sum = s;
    }

    private void checkNotBefore(long now) {
        if (now < lastTime) {
            throw new IllegalArgumentException("time went backwards: " + now + " ns after an update at "
                    + lastTime + " ns");
        }
    }
}
