package org.tokenfab.hardware.cost;

import java.util.Objects;

/**
 * Time of one GEMM {@code [m x k] x [k x n]} (m tokens, a weight of k inputs and n outputs) on one
 * accelerator, from a roofline whose efficiencies depend on the shape:
 * <pre>
 *   eff_c  = computeEfficiency / ((1 + mHalf/m) (1 + nHalf/n) (1 + kHalf/k))
 *   t_c    = 2 m n k / (peak eff_c)
 *   t_m    = (n k b_w + 2 m k + 2 m n) / (bandwidth memoryEfficiency)
 *   t      = (t_c^p + t_m^p + floor^p)^(1/p) x correction(m)
 * </pre>
 * Small m (decode) streams the weights and is memory-bound; the saturating factors make small or
 * thin shapes reach less of the peak (tile padding, too few tiles for the SMs, pipeline fill); the
 * floor is the shortest call (launch, prologue, activation quantisation). Activations are read and
 * written in 16 bits; {@code b_w} is the weight precision's size. Fitted to AIConfigurator's
 * measured vLLM GEMMs (see {@code tokenfab calibrate}).
 *
 * <p>Immutable and allocation-free.
 */
public final class GemmModel {
    /** Bytes per activation element read or written (BF16). */
    static final double ACTIVATION_BYTES = 2.0;

    private final GemmParams params;
    private final double peakFlops;
    private final double bandwidth;
    private final double weightBytes;
    private final double nanosPerFlop;
    private final double nanosPerByte;

    /**
     * @param params fitted constants
     * @param peakFlops dense peak of the compute precision, FLOP/s
     * @param bandwidth memory bandwidth, bytes/s
     * @param weightBytes bytes per weight element
     */
    public GemmModel(GemmParams params, double peakFlops, double bandwidth, double weightBytes) {
        this.params = Objects.requireNonNull(params, "params");
        Params.positive("peak", peakFlops);
        Params.positive("bandwidth", bandwidth);
        Params.positive("weight bytes", weightBytes);
        this.peakFlops = peakFlops;
        this.bandwidth = bandwidth;
        this.weightBytes = weightBytes;
        this.nanosPerFlop = 1e9 / (peakFlops * params.computeEfficiency());
        this.nanosPerByte = 1e9 / (bandwidth * params.memoryEfficiency());
    }

    /** Duration of one call, ns; 0 if any dimension is 0. */
    public double nanos(double m, double n, double k) {
        return nanos(m, n, k, null, 1);
    }

    /**
     * Duration of one call, ns, adding {@code count} such calls to {@code usage} if it is not null.
     */
    double nanos(double m, double n, double k, StepUsage usage, double count) {
        if (m <= 0 || n <= 0 || k <= 0) {
            return 0;
        }
        GemmParams p = params;
        double shape = (1 + p.mHalf() / m) * (1 + p.nHalf() / n) * (1 + p.kHalf() / k);
        double flops = flops(m, n, k);
        double bytes = bytes(m, n, k);
        double tc = flops * nanosPerFlop * shape;
        double tm = bytes * nanosPerByte;
        double t = Curves.pNorm(tc, tm, p.floorNanos(), p.exponent()) * p.correction().factor(m);
        if (usage != null) {
            usage.addKernel(count, t, flops, bytes, tc, tm);
        }
        return t;
    }

    /** 2 m n k. */
    public static double flops(double m, double n, double k) {
        return 2.0 * m * n * k;
    }

    /** Weights once, activations in and out: n k b_w + 2 m k + 2 m n. */
    public double bytes(double m, double n, double k) {
        return n * k * weightBytes + ACTIVATION_BYTES * m * (k + n);
    }

    public GemmParams params() {
        return params;
    }

    public double peakFlops() {
        return peakFlops;
    }

    public double bandwidth() {
        return bandwidth;
    }

    public double weightBytes() {
        return weightBytes;
    }
}
