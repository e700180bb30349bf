package org.tokenfab.workload;

import java.util.Locale;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Prompt and output lengths with given marginals and a dependence set by a Gaussian copula: draw
 * standard normals (Z1, Z2) with correlation {@code rho}, then input = F_in^-1(&Phi;(Z1)) and
 * output = F_out^-1(&Phi;(Z2)), each marginal through its {@link QuantileFunction}. Each marginal
 * keeps exactly its own law; the ranks are correlated with Spearman
 * &rho;<sub>s</sub> = (6/&pi;) asin(&rho;/2) (slightly less in magnitude when rounding makes ties).
 *
 * <p>The copula owns the random stream ({@code rng}); the marginals' own streams are not used.
 * Zipf lengths have no quantile function and cannot be a marginal here.
 *
 * <p>Not thread-safe (it owns a random stream). {@link #sample} allocates nothing.
 */
public final class CorrelatedLengths implements RequestLengths {
    private final QuantileFunction input;
    private final QuantileFunction output;
    private final double rho;
    private final double residual; // sqrt(1 - rho^2)
    private final NormalizedGaussianSampler gaussian;

    /**
     * @param input prompt-length marginal
     * @param output output-length marginal
     * @param rho correlation of the underlying normals, in [-1, 1]
     * @param rng the copula's own random stream
     */
    public CorrelatedLengths(QuantileFunction input, QuantileFunction output, double rho, UniformRandomProvider rng) {
        this.input = Objects.requireNonNull(input, "input");
        this.output = Objects.requireNonNull(output, "output");
        Objects.requireNonNull(rng, "rng");
        if (!(rho >= -1 && rho <= 1)) {
            throw new IllegalArgumentException("rho must be in [-1, 1], got " + rho);
        }
        this.rho = rho;
        this.residual = Math.sqrt(1 - rho * rho);
        this.gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
    }

    /**
     * The copula whose Spearman rank correlation is {@code spearman} (as measured on a trace):
     * rho = 2 sin(&pi; &rho;<sub>s</sub> / 6).
     */
    public static CorrelatedLengths ofSpearman(QuantileFunction input, QuantileFunction output, double spearman,
            UniformRandomProvider rng) {
        if (!(spearman >= -1 && spearman <= 1)) {
            throw new IllegalArgumentException("spearman must be in [-1, 1], got " + spearman);
        }
        return new CorrelatedLengths(input, output, rhoForSpearman(spearman), rng);
    }

    @Override
    public void sample(LengthDraw out) {
        double z1 = gaussian.sample();
        double z2 = rho * z1 + residual * gaussian.sample();
        out.set(input.quantile(StandardNormal.cdf(z1)), output.quantile(StandardNormal.cdf(z2)));
    }

    /** Correlation of the underlying normals. */
    public double rho() {
        return rho;
    }

    /** Spearman rank correlation of a Gaussian copula with normal correlation rho: (6/&pi;) asin(rho/2). */
    public static double spearmanOf(double rho) {
        return 6 / Math.PI * Math.asin(rho / 2);
    }

    /** The inverse of {@link #spearmanOf}: 2 sin(&pi; spearman / 6). */
    public static double rhoForSpearman(double spearman) {
        return 2 * Math.sin(Math.PI * spearman / 6);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "gaussian-copula(input=%s, output=%s, rho=%.4f, spearman=%.4f)",
                input, output, rho, spearmanOf(rho));
    }
}
