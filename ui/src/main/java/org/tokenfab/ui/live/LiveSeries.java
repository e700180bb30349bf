package org.tokenfab.ui.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tokenfab.scenario.run.TimeSeries;

/**
 * The live charts' data: per pool, a list of immutable {@link Point}s built from time-series rows.
 *
 * <p>Why bounded: a long run publishes thousands of intervals and a JavaFX line chart slows with
 * every point. When a pool holds more than {@code maxPoints} points, adjacent pairs are merged and
 * from then on each new point gathers twice as many rows (a stride), so all points keep the same
 * width in simulated time. Merging sums counts (arrivals, completions, output tokens) and takes
 * interval-weighted means of everything else (queue, batch, KV, utilisation, power, latency
 * percentiles; NaN percentiles, intervals where nothing completed, carry no weight). A merged
 * percentile is therefore a mean of interval percentiles, not the percentile of the merged interval:
 * good enough for a trend, and the dashboard's figures come from the exact run-wide histograms.
 *
 * <p>Not thread-safe: the main window feeds it on the JavaFX thread from {@code RunTask.drainRows}.
 */
public final class LiveSeries {
    /** Default bound on points per series. */
    public static final int DEFAULT_MAX_POINTS = 600;

    /**
     * One pool over one span of simulated time (one interval, or several merged).
     *
     * @param startS        start of the span, s of simulated time
     * @param intervalS     its length, s
     * @param queued        requests waiting (at the interval end; merged: time-weighted mean)
     * @param running       requests admitted to a batch (likewise)
     * @param kvOccupancy   share of KV blocks in use, 0 to 1
     * @param busyFraction  share of time the pool's replicas were stepping, 0 to 1
     * @param facilityPowerW facility power (IT x PUE) of the pool, W
     */
    public record Point(double startS, double intervalS, double arrivals, double completions, double outputTokens,
            double queued, double running, double kvOccupancy, double busyFraction, double facilityPowerW,
            double ttftP50Ms, double ttftP99Ms, double tpotP50Ms, double tpotP99Ms) {

        static Point of(TimeSeries.Row r) {
            return new Point(r.timeS(), r.intervalS(), r.arrivals(), r.completions(), r.outputTokens(), r.queued(),
                    r.running(), r.kvOccupancy(), r.busyFraction(), r.facilityPowerW(), r.ttftP50Ms(), r.ttftP99Ms(),
                    r.tpotP50Ms(), r.tpotP99Ms());
        }

        /** This span followed by {@code next}: counts summed, the rest interval-weighted means. */
        public Point merge(Point next) {
            double a = intervalS, b = next.intervalS;
            return new Point(startS, a + b, arrivals + next.arrivals, completions + next.completions,
                    outputTokens + next.outputTokens, mean(queued, a, next.queued, b), mean(running, a, next.running, b),
                    mean(kvOccupancy, a, next.kvOccupancy, b), mean(busyFraction, a, next.busyFraction, b),
                    mean(facilityPowerW, a, next.facilityPowerW, b), mean(ttftP50Ms, a, next.ttftP50Ms, b),
                    mean(ttftP99Ms, a, next.ttftP99Ms, b), mean(tpotP50Ms, a, next.tpotP50Ms, b),
                    mean(tpotP99Ms, a, next.tpotP99Ms, b));
        }

        /**
         * This pool plus another over the same span (the fleet): counts, queue, batch and power
         * summed; KV and utilisation averaged over pools; latencies kept (rows carry fleet-wide
         * percentiles already).
         */
        Point plus(Point other, int poolsSoFar) {
            int n = poolsSoFar;
            return new Point(startS, intervalS, arrivals + other.arrivals, completions + other.completions,
                    outputTokens + other.outputTokens, queued + other.queued, running + other.running,
                    (kvOccupancy * n + other.kvOccupancy) / (n + 1), (busyFraction * n + other.busyFraction) / (n + 1),
                    facilityPowerW + other.facilityPowerW, ttftP50Ms, ttftP99Ms, tpotP50Ms, tpotP99Ms);
        }

        /** Middle of the span, s: where the chart puts the point. */
        public double midS() {
            return startS + intervalS / 2;
        }

        public double outputTokensPerSecond() {
            return intervalS > 0 ? outputTokens / intervalS : Double.NaN;
        }

        /** Output tokens per facility joule over the span (NaN when no energy was drawn). */
        public double outputTokensPerJoule() {
            double joules = facilityPowerW * intervalS;
            return joules > 0 ? outputTokens / joules : Double.NaN;
        }

        private static double mean(double x, double wx, double y, double wy) {
            boolean okX = Double.isFinite(x) && wx > 0, okY = Double.isFinite(y) && wy > 0;
            if (okX && okY) {
                return (x * wx + y * wy) / (wx + wy);
            }
            return okX ? x : okY ? y : Double.NaN;
        }
    }

    /** One pool's points: finished ones, and the one gathering rows until it holds {@code stride}. */
    private static final class PoolPoints {
        final List<Point> done = new ArrayList<>();
        Point pending;
        int pendingRows;
    }

    private final int maxPoints;
    private final Map<String, PoolPoints> pools = new LinkedHashMap<>();
    private int stride = 1;
    private long rowsSeen;

    public LiveSeries() {
        this(DEFAULT_MAX_POINTS);
    }

    /** @param maxPoints most points per series (at least 4) */
    public LiveSeries(int maxPoints) {
        if (maxPoints < 4) {
            throw new IllegalArgumentException("maxPoints must be >= 4, was " + maxPoints);
        }
        this.maxPoints = maxPoints;
    }

    /** Adds one closed interval of one pool. */
    public void add(TimeSeries.Row row) {
        rowsSeen++;
        PoolPoints p = pools.computeIfAbsent(row.pool(), k -> new PoolPoints());
        Point point = Point.of(row);
        p.pending = p.pending == null ? point : p.pending.merge(point);
        if (++p.pendingRows >= stride) {
            p.done.add(p.pending);
            p.pending = null;
            p.pendingRows = 0;
        }
        if (p.done.size() + (p.pending == null ? 0 : 1) > maxPoints) {
            halve();
        }
    }

    /**
     * Merges adjacent pairs in every pool and doubles the stride. Pools receive the same number of
     * rows, so they halve together and their points stay aligned in time.
     */
    private void halve() {
        stride *= 2;
        for (PoolPoints p : pools.values()) {
            List<Point> merged = new ArrayList<>(p.done.size() / 2 + 1);
            int i = 0;
            for (; i + 1 < p.done.size(); i += 2) {
                merged.add(p.done.get(i).merge(p.done.get(i + 1)));
            }
            Point carry = i < p.done.size() ? p.done.get(i) : null;
            int carryRows = carry == null ? 0 : stride / 2;
            if (p.pending != null) {
                carry = carry == null ? p.pending : carry.merge(p.pending);
                carryRows += p.pendingRows;
            }
            p.done.clear();
            p.done.addAll(merged);
            p.pending = carry;
            p.pendingRows = carryRows;
            if (carry != null && carryRows >= stride) {
                p.done.add(carry);
                p.pending = null;
                p.pendingRows = 0;
            }
        }
    }

    /** Forgets everything (a new run starts). */
    public void clear() {
        pools.clear();
        stride = 1;
        rowsSeen = 0;
    }

    /** Pool names in the order their first row came. */
    public List<String> poolNames() {
        return List.copyOf(pools.keySet());
    }

    /** A pool's points, oldest first, the one still gathering rows last (an immutable copy). */
    public List<Point> points(String pool) {
        PoolPoints p = pools.get(pool);
        if (p == null) {
            return List.of();
        }
        List<Point> all = new ArrayList<>(p.done);
        if (p.pending != null) {
            all.add(p.pending);
        }
        return List.copyOf(all);
    }

    /** The fleet: all pools summed point by point (see {@link Point#plus}). */
    public List<Point> fleet() {
        List<Point> sum = null;
        int n = 0;
        for (String pool : pools.keySet()) {
            List<Point> pts = points(pool);
            if (sum == null) {
                sum = new ArrayList<>(pts);
            } else {
                for (int i = 0; i < Math.min(sum.size(), pts.size()); i++) {
                    sum.set(i, sum.get(i).plus(pts.get(i), n));
                }
            }
            n++;
        }
        return sum == null ? List.of() : List.copyOf(sum);
    }

    /** Rows added since the last {@link #clear()}. */
    public long rowsSeen() {
        return rowsSeen;
    }

    /** Rows each finished point gathers now (1 until the first halving). */
    public int stride() {
        return stride;
    }

    public int maxPoints() {
        return maxPoints;
    }
}
