package org.tokenfab.scenario;

/** A token-length distribution. */
public sealed interface LengthSpec permits LengthSpec.Fixed, LengthSpec.Lognormal {

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
