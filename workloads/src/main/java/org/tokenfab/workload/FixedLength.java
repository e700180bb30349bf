package org.tokenfab.workload;

/**
 * Every request has the same length (benchmarks with fixed ISL/OSL, such as TensorRT-LLM's
 * throughput tables).
 *
 * @param tokens the length, at least 1
 */
public record FixedLength(int tokens) implements TokenLengthDistribution, QuantileFunction {
    public FixedLength {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens must be >= 1, got " + tokens);
        }
    }

    @Override
    public int sample() {
        return tokens;
    }

    /** {@code tokens}, whatever p. */
    @Override
    public int quantile(double p) {
        QuantileFunction.checkProbability(p);
        return tokens;
    }

    @Override
    public String toString() {
        return "fixed(" + tokens + ")";
    }
}
