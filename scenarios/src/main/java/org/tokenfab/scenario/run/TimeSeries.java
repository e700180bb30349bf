package org.tokenfab.scenario.run;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.tokenfab.serving.Cluster;
import org.tokenfab.serving.MetricsRecorder;
import org.tokenfab.serving.Replica;
import org.tokenfab.serving.ReplicaStats;
import org.tokenfab.serving.Request;
import org.tokenfab.serving.RequestListener;
import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.LatencyRecorder;
import org.tokenfab.sim.Simulation;

/**
 * The run over time ({@code timeseries.csv}): one row per fixed interval of simulated time and per
 * pool. Why a sampler and not per-event logging: the figures that matter over time (throughput,
 * utilisation, power) are differences of counters the replicas keep anyway, so reading them once per
 * interval costs nothing per event; the only per-event work is recording a completed request's TTFT
 * into one reused histogram (constant time, no allocation) for the fleet's per-interval percentiles.
 *
 * <p>Counts (arrivals, completions, output tokens) are interval deltas, so the rows of a column sum
 * to the run's totals; power columns are interval means, so power times {@code interval_s} sums to
 * the run's energy. {@code queued} and {@code running} are the numbers at the interval's end;
 * {@code kv_occupancy}, {@code busy_fraction}, {@code mfu} and {@code mbu} are time-weighted means
 * over the interval and the pool's replicas. Arrivals are requests routed to the pool (attempts: a
 * request re-routed after a failure counts again; a decode pool of a disaggregated cluster has none).
 *
 * <p>Like {@link PowerSampler} it does not keep the simulation alive (the run counts its pending
 * event as background), and the last interval is closed, possibly short, at the run's end. Rows
 * are kept column-wise in growable primitive arrays: memory grows only with the rows.
 */
public final class TimeSeries implements EventHandler, RequestListener {
    /** Default interval: 10 s of simulated time. */
    public static final long DEFAULT_INTERVAL_NANOS = 10_000_000_000L;

    /** The CSV columns, units in the names. */
    public static final List<String> COLUMNS = List.of("time_s", "interval_s", "pool", "arrivals", "completions",
            "output_tokens", "queued", "running", "kv_occupancy", "busy_fraction", "mfu", "mbu", "accelerator_power_w",
            "facility_power_w", "output_tokens_per_joule", "fleet_ttft_p50_ms", "fleet_ttft_p99_ms", "fleet_tpot_p50_ms",
            "fleet_tpot_p99_ms");

    // Column indexes of the stored values (the pool column is kept apart).
    static final int TIME = 0, INTERVAL = 1, ARRIVALS = 2, COMPLETIONS = 3, TOKENS = 4, QUEUED = 5, RUNNING = 6, KV = 7,
            BUSY = 8, MFU = 9, MBU = 10, ACCELERATOR_W = 11, FACILITY_W = 12, TOKENS_PER_J = 13, TTFT_P50 = 14,
            TTFT_P99 = 15, TPOT_P50 = 16, TPOT_P99 = 17;
    private static final int VALUES = 18;

    private final Simulation sim;
    private final Cluster cluster;
    private final MetricsRecorder metrics;
    private final long intervalNanos;
    private final List<String> poolNames;
    /** Replicas of pool p are replicas[first[p]] .. replicas[first[p + 1] - 1], in the cluster's order. */
    private final Replica[] replicas;
    private final int[] first;
    private final double[] overheadW;
    private final double pue;
    private final LatencyRecorder ttft = new LatencyRecorder();
    private final LatencyRecorder tpot = new LatencyRecorder();
    /** Told about every row as it closes, or null. */
    private Consumer<Row> listener;

    // Counters at the start of the current interval.
    private final long[] routedAt;
    private final long[] completedAt;
    private final long[] tokensAt;
    private final long[] busyAt;
    private final double[] joulesAt;
    private final double[] overheadJoulesAt;
    private final double[] flopShareAt;
    private final double[] byteShareAt;
    private final double[] kvAt;

    private long windowStart;
    private boolean pending;
    private long events;

    private int rows;
    private double[][] values = new double[VALUES][64];
    private int[] pools = new int[64];

    /**
     * @param poolNames     the pools, in the cluster's order
     * @param poolReplicas  each pool's replicas, in the cluster's order (replica k overall is {@code cluster.routed(k)})
     * @param overheadW     each replica's share of node overhead, W, in the cluster's order
     * @param pue           facility power over IT power
     * @param intervalNanos the interval, > 0
     */
    TimeSeries(Simulation sim, Cluster cluster, MetricsRecorder metrics, List<String> poolNames,
            List<List<Replica>> poolReplicas, double[] overheadW, double pue, long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("the time-series interval must be > 0, was " + intervalNanos + " ns");
        }
        this.sim = sim;
        this.cluster = cluster;
        this.metrics = metrics;
        this.intervalNanos = intervalNanos;
        this.poolNames = List.copyOf(poolNames);
        this.replicas = poolReplicas.stream().flatMap(List::stream).toArray(Replica[]::new);
        this.first = new int[poolReplicas.size() + 1];
        for (int p = 0; p < poolReplicas.size(); p++) {
            first[p + 1] = first[p] + poolReplicas.get(p).size();
        }
        this.overheadW = overheadW.clone();
        this.pue = pue;
        int n = replicas.length;
        routedAt = new long[n];
        completedAt = new long[n];
        tokensAt = new long[n];
        busyAt = new long[n];
        joulesAt = new double[n];
        overheadJoulesAt = new double[n];
        flopShareAt = new double[n];
        byteShareAt = new double[n];
        kvAt = new double[n];
        metrics.listen(this);
    }

    /** Schedules the first interval's end. */
    void start() {
        windowStart = sim.now();
        pending = true;
        sim.scheduleIn(intervalNanos, this, 0, 0);
    }

    @Override
    public void onEvent(int type, long payload) {
        events++;
        close(sim.now());
        if (sim.pendingEvents() > 0) {
            sim.scheduleIn(intervalNanos, this, 0, 0);
        } else {
            pending = false;
        }
    }

    @Override
    public void finished(Request request, long now, boolean completed) {
        if (completed && request.arrivalTime() >= metrics.latencyFrom()) {
            ttft.record(request.firstTokenTime() - request.arrivalTime());
            if (request.outputTokens() > 1) {
                tpot.record(Math.round((double) (now - request.firstTokenTime()) / (request.outputTokens() - 1)));
            }
        }
    }

    /** Closes the last, possibly short, interval at the end of the run. */
    void finish(long end) {
        if (end > windowStart) {
            close(end);
        }
    }

    boolean hasPendingEvent() {
        return pending;
    }

    /** Events the sampler fired (not the model's; subtracted from the reported event count). */
    long events() {
        return events;
    }

    private void close(long now) {
        long nanos = now - windowStart;
        double seconds = nanos * 1e-9;
        double p50 = ttft.percentile(50) / 1e6;
        double p99 = ttft.percentile(99) / 1e6;
        double tpotP50 = tpot.percentile(50) / 1e6;
        double tpotP99 = tpot.percentile(99) / 1e6;
        ttft.reset();
        tpot.reset();
        for (int p = 0; p < poolNames.size(); p++) {
            double arrivals = 0, completions = 0, tokens = 0, queued = 0, running = 0, kv = 0, busy = 0, mfu = 0, mbu = 0;
            double acceleratorJ = 0, overheadJ = 0;
            int n = first[p + 1] - first[p];
            for (int k = first[p]; k < first[p + 1]; k++) {
                Replica r = replicas[k];
                ReplicaStats s = r.stats(now);
                long routed = cluster.routed(k);
                arrivals += routed - routedAt[k];
                routedAt[k] = routed;
                completions += r.completedRequests() - completedAt[k];
                completedAt[k] = r.completedRequests();
                tokens += r.outputTokens() - tokensAt[k];
                tokensAt[k] = r.outputTokens();
                queued += r.queued();
                running += r.admitted();
                long busyNow = r.busyNanos(now);
                busy += (double) (busyNow - busyAt[k]) / nanos;
                busyAt[k] = busyNow;
                // The replica reports run-long means; their integrals' differences are the interval's means.
                double kvIntegral = now == 0 ? 0 : s.meanKvOccupancy() * now;
                kv += (kvIntegral - kvAt[k]) / nanos;
                kvAt[k] = kvIntegral;
                double flopShare = now == 0 ? 0 : s.mfu() * now;
                mfu += (flopShare - flopShareAt[k]) / nanos;
                flopShareAt[k] = flopShare;
                double byteShare = now == 0 ? 0 : s.mbu() * now;
                mbu += (byteShare - byteShareAt[k]) / nanos;
                byteShareAt[k] = byteShare;
                double joules = r.acceleratorJoules(now);
                acceleratorJ += joules - joulesAt[k];
                joulesAt[k] = joules;
                double overhead = overheadW[k] * ((now - r.offNanos(now)) * 1e-9);
                overheadJ += overhead - overheadJoulesAt[k];
                overheadJoulesAt[k] = overhead;
            }
            double facilityJ = (acceleratorJ + overheadJ) * pue;
            double[] row = {windowStart * 1e-9, seconds, arrivals, completions, tokens, queued, running, kv / n, busy / n,
                    mfu / n, mbu / n, acceleratorJ / seconds, facilityJ / seconds, facilityJ > 0 ? tokens / facilityJ : Double.NaN,
                    p50, p99, tpotP50, tpotP99};
            add(p, row);
            if (listener != null) {
                listener.accept(row(rows - 1));
            }
        }
        windowStart = now;
    }

    private void add(int pool, double[] row) {
        if (rows == pools.length) {
            pools = Arrays.copyOf(pools, rows * 2);
            for (int c = 0; c < VALUES; c++) {
                values[c] = Arrays.copyOf(values[c], rows * 2);
            }
        }
        pools[rows] = pool;
        for (int c = 0; c < VALUES; c++) {
            values[c][rows] = row[c];
        }
        rows++;
    }

    /**
     * Tells {@code rowListener} about every row as its interval closes, on the simulation thread
     * (one small record per pool and interval: a bounded rate in simulated time). Null stops it.
     */
    public void listen(Consumer<Row> rowListener) {
        this.listener = rowListener;
    }

    // ---------------------------------------------------------------- reading

    /** Row {@code i} as a record (the CSV's columns, same units). */
    public Row row(int i) {
        double[] v = new double[VALUES];
        for (int c = 0; c < VALUES; c++) {
            v[c] = values[c][i];
        }
        return new Row(poolNames.get(pools[i]), v[TIME], v[INTERVAL], v[ARRIVALS], v[COMPLETIONS], v[TOKENS], v[QUEUED],
                v[RUNNING], v[KV], v[BUSY], v[MFU], v[MBU], v[ACCELERATOR_W], v[FACILITY_W], v[TOKENS_PER_J], v[TTFT_P50],
                v[TTFT_P99], v[TPOT_P50], v[TPOT_P99]);
    }

    /**
     * One pool over one interval, as in {@code timeseries.csv}: counts over the interval, means of
     * occupancy, utilisation and power over it, fleet-wide latency percentiles of the requests that
     * completed in it (NaN when none did).
     */
    public record Row(String pool, double timeS, double intervalS, double arrivals, double completions,
            double outputTokens, double queued, double running, double kvOccupancy, double busyFraction, double mfu,
            double mbu, double acceleratorPowerW, double facilityPowerW, double outputTokensPerJoule, double ttftP50Ms,
            double ttftP99Ms, double tpotP50Ms, double tpotP99Ms) {
        /** Output tokens per second over the interval. */
        public double outputTokensPerSecond() {
            return intervalS > 0 ? outputTokens / intervalS : Double.NaN;
        }
    }

    public int rows() {
        return rows;
    }

    public List<String> poolNames() {
        return poolNames;
    }

    public long intervalNanos() {
        return intervalNanos;
    }

    /** Index into {@link #poolNames()} of row {@code row}. */
    public int pool(int row) {
        return pools[row];
    }

    /** Value of stored column {@code column} (see the constants; {@link #COLUMNS} without "pool") at row {@code row}. */
    public double value(int row, int column) {
        return values[column][row];
    }

    /** Sum over rows of one stored column (tests, totals). */
    public double sum(int column) {
        double s = 0;
        for (int i = 0; i < rows; i++) {
            s += values[column][i];
        }
        return s;
    }

    /** Writes {@code timeseries.csv} into {@code dir}; NaN (no data, e.g. no completion in the interval) is an empty cell. */
    public Path write(Path dir) {
        // Atomically (a temporary file, then renamed): after Ctrl-C or a crash, never half a file.
        return AtomicFiles.write(dir.resolve("timeseries.csv"), this::write);
    }

    /** The CSV text, header first. */
    public void write(Writer w) throws IOException {
        w.write(String.join(",", COLUMNS));
        w.write('\n');
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < rows; i++) {
            line.setLength(0);
            line.append(fixed(values[TIME][i], 3)).append(',').append(fixed(values[INTERVAL][i], 3)).append(',')
                    .append(Csv.field(poolNames.get(pools[i])));
            for (int c = ARRIVALS; c < VALUES; c++) {
                line.append(',').append(format(c, values[c][i]));
            }
            line.append('\n');
            w.append(line);
        }
    }

    private static String format(int column, double v) {
        return switch (column) {
            case ARRIVALS, COMPLETIONS, TOKENS, QUEUED, RUNNING -> Long.toString(Math.round(v));
            case KV, BUSY, MFU, MBU -> fixed(v, 4);
            case ACCELERATOR_W, FACILITY_W -> fixed(v, 1);
            default -> fixed(v, 3);
        };
    }

    private static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "";
    }
}
