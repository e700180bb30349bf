package org.tokenfab.hardware.cost;

import java.util.Objects;

/**
 * Time of one fused mixture-of-experts layer (router output to combined expert output) on one
 * GPU of an expert-parallel group, for {@code tokens} tokens that each go to {@code topK} of
 * {@code experts} gated experts (3 matrices of hidden x width):
 * <pre>
 *   A      = tokens topK                       (token, expert) assignments in the EP group
 *   a      = imbalance A / ep                  assignments served by the busiest GPU
 *   E_act  = min(experts/ep, max(1, a))        active local experts
 *   I      = width / moeTp                     expert width on this GPU
 *   t_c    = 6 a hidden I / (peak ec a / (a + tokensPerExpertHalf E_act) I / (I + widthHalf))
 *   bytes  = E_act 3 hidden I b_w + A (hv hidden + iv I) 2
 *   t_m    = bytes / (bandwidth em E_act / (E_act + expertsHalf))
 *   t      = (t_c^p + t_m^p + floor^p)^(1/p) x correction(tokens)
 * </pre>
 * The activation term counts every assignment of the group, not only the local ones: vLLM's
 * fused-MoE kernel with an expert map sorts, gathers and sums all of them (measured: with 256-way
 * EP the time still grows with the token count). {@code imbalance} (at least 1) stretches the
 * load of the busiest GPU when routing is not uniform; the measurements are balanced (1). Every
 * term grows with the token count, so more tokens are never faster.
 * Fitted to AIConfigurator's measured vLLM fused-MoE kernels.
 */
public final class MoeModel {
    private final MoeParams params;
    private final double peakFlops;
    private final double bandwidth;
    private final double weightBytes;

    /**
     * @param params fitted constants
     * @param peakFlops dense peak of the weight precision, FLOP/s
     * @param bandwidth memory bandwidth, bytes/s
     * @param weightBytes bytes per expert weight element
     */
    public MoeModel(MoeParams params, double peakFlops, double bandwidth, double weightBytes) {
        this.params = Objects.requireNonNull(params, "params");
        Params.positive("peak", peakFlops);
        Params.positive("bandwidth", bandwidth);
        Params.positive("weight bytes", weightBytes);
        this.peakFlops = peakFlops;
        this.bandwidth = bandwidth;
        this.weightBytes = weightBytes;
    }

    /** Duration of one layer, ns, with uniform routing; 0 for no tokens. */
    public double nanos(double tokens, int hidden, int width, int topK, int experts, int moeTp, int ep) {
        return nanos(tokens, hidden, width, topK, experts, moeTp, ep, 1.0, null, 1);
    }

    double nanos(double tokens, int hidden, int width, int topK, int experts, int moeTp, int ep, double imbalance,
            StepUsage usage, double count) {
        if (tokens <= 0) {
            return 0;
        }
        MoeParams p = params;
        double assignments = tokens * topK;
        double local = assignments * imbalance / ep;
        double active = Math.min((double) experts / ep, Math.max(1, local));
        double i = (double) width / moeTp;
        double perExpert = local / active;
        double eff = p.computeEfficiency() * Curves.saturation(perExpert, p.tokensPerExpertHalf())
                * Curves.saturation(i, p.widthHalf());
        double flops = 6.0 * local * hidden * i;
        double bytes = active * 3.0 * hidden * i * weightBytes
                + assignments * (p.hiddenBytesPerAssignment() * hidden + p.intermediateBytesPerAssignment() * i)
                        * GemmModel.ACTIVATION_BYTES;
        double tc = flops / (peakFlops * eff) * 1e9;
        double tm = bytes / (bandwidth * p.memoryEfficiency() * Curves.saturation(active, p.expertsHalf())) * 1e9;
        double t = Curves.pNorm(tc, tm, p.floorNanos(), p.exponent()) * p.correction().factor(tokens);
        if (usage != null) {
            usage.addKernel(count, t, flops, bytes, tc, tm);
        }
        return t;
    }

    /**
     * Load of the busiest of {@code ep} GPUs relative to the mean when {@code assignments}
     * (token, expert) pairs are spread uniformly at random: a binomial's expected maximum,
     * about mean + sqrt(2 ln(ep) mean), so 1 + sqrt(2 ln(ep) / mean). 1 without expert
     * parallelism. Real routers are more skewed than uniform, so this is a lower bound.
     */
    public static double uniformRoutingImbalance(double assignments, int ep) {
        if (ep <= 1 || assignments <= 0) {
            return 1.0;
        }
        double mean = assignments / ep;
        return 1.0 + Math.sqrt(2.0 * Math.log(ep) / Math.max(mean, 1.0));
    }

    public MoeParams params() {
        return params;
    }
}
