package org.tokenfab.hardware.cost;

import java.util.Objects;

/**
 * Time of one collective of {@code bytes} bytes (the nccl-tests "size": the buffer each GPU
 * contributes or receives) over {@code gpus} GPUs, from fitted alpha-beta points
 * ({@link CollectiveParams}). Between measured group sizes alpha and the bus bandwidth are
 * interpolated linearly in log2(n); beyond the largest, alpha keeps growing at the last measured
 * slope per doubling (ring and tree latencies grow with log n or n) and the bus bandwidth stays at
 * the last measured value. Allocation-free.
 */
public final class CollectiveModel {
    private final CollectiveParams params;
    private final double[] log2Gpus;
    private final double[] alpha;
    private final double[] bus;

    public CollectiveModel(CollectiveParams params) {
        this(params, 1.0, 1.0);
    }

    private CollectiveModel(CollectiveParams params, double latencyScale, double bandwidthScale) {
        this.params = Objects.requireNonNull(params, "params");
        int n = params.points().size();
        log2Gpus = new double[n];
        alpha = new double[n];
        bus = new double[n];
        for (int i = 0; i < n; i++) {
            CollectiveParams.Point p = params.points().get(i);
            log2Gpus[i] = log2(p.gpus());
            alpha[i] = p.alphaNanos() * latencyScale;
            bus[i] = p.busBytesPerSecond() / bandwidthScale;
        }
    }

    /** All-reduce (bus factor 2(n-1)/n), ns; 0 for fewer than 2 GPUs or no bytes. */
    public double allReduceNanos(double bytes, int gpus) {
        return gpus < 2 ? 0 : nanos(bytes, gpus, 2.0 * (gpus - 1) / gpus);
    }

    /** All-to-all, all-gather or reduce-scatter (bus factor (n-1)/n), ns. */
    public double allToAllNanos(double bytes, int gpus) {
        return gpus < 2 ? 0 : nanos(bytes, gpus, (gpus - 1.0) / gpus);
    }

    /** Point-to-point send/recv between two GPUs (bus factor 1), ns. */
    public double sendRecvNanos(double bytes) {
        return nanos(bytes, 2, 1.0);
    }

    private double nanos(double bytes, int gpus, double busFactor) {
        if (bytes <= 0) {
            return 0;
        }
        double x = log2(gpus);
        int last = log2Gpus.length - 1;
        double a;
        double b;
        if (x <= log2Gpus[0]) {
            a = alpha[0];
            b = bus[0];
        } else if (x >= log2Gpus[last]) {
            double slope = last == 0 ? alpha[0] / Math.max(1, log2Gpus[0])
                    : (alpha[last] - alpha[last - 1]) / (log2Gpus[last] - log2Gpus[last - 1]);
            a = alpha[last] + Math.max(0, slope) * (x - log2Gpus[last]);
            b = bus[last];
        } else {
            int i = 0;
            while (log2Gpus[i + 1] < x) {
                i++;
            }
            double f = (x - log2Gpus[i]) / (log2Gpus[i + 1] - log2Gpus[i]);
            a = alpha[i] + f * (alpha[i + 1] - alpha[i]);
            b = bus[i] + f * (bus[i + 1] - bus[i]);
        }
        double transfer = bytes * busFactor / b * 1e9;
        return Curves.pNorm(a, transfer, 0, params.exponent());
    }

    /**
     * This model for another engine: each collective's fixed cost times {@code latencyScale}, its
     * time per byte times {@code bandwidthScale} ({@link EngineProfile}).
     */
    public CollectiveModel scaled(double latencyScale, double bandwidthScale) {
        return latencyScale == 1.0 && bandwidthScale == 1.0 ? this : new CollectiveModel(params, latencyScale, bandwidthScale);
    }

    public CollectiveParams params() {
        return params;
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2.0);
    }
}
