package org.tokenfab.scenario;

/** A token-length distribution. */
public sealed interface LengthSpec permits LengthSpec.Fixed, LengthSpec.Lognormal, LengthSpec.Uniform,
        LengthSpec.Empirical, LengthSpec.Zipf {

    /** Uniform on [min, max], inclusive (benchmark clients draw 80-100% of a target this way). */
    record Uniform(int min, int max) implements LengthSpec {
    }

    /** Inverse-CDF sampling of a bundled quantile table, e.g. {@code azure2023_conv/input_tokens}. */
    record Empirical(String table) implements LengthSpec {
    }

    /** Zipf on 1..max with the given exponent. */
    record Zipf(int max, double exponent) implements LengthSpec {
    }

    /** Every request has the same length. */
    record Fixed(int tokens) implements LengthSpec {
    }

    /**
     * Lognormal lengths, rounded to integers of at least 1; draws above {@code max} are redrawn.
     *
     * @param mu    mean of the logarithm
     * @param sigma standard deviation of the logarithm
     * @param max   largest length; 0 means the model's context length
     */
    record Lognormal(double mu, double sigma, int max) implements LengthSpec {
    }
}
