package org.tokenfab.workload;

import java.util.Objects;

/**
 * Prompt and output lengths drawn independently, each from its own distribution (and stream).
 * Enough for the Azure 2023 traces, whose input and output are nearly uncorrelated (Pearson r =
 * 0.001 for code, -0.11 for conversation).
 *
 * @param input prompt lengths
 * @param output output lengths
 */
public record IndependentLengths(TokenLengthDistribution input, TokenLengthDistribution output) implements RequestLengths {
    public IndependentLengths {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
    }

    @Override
    public void sample(LengthDraw out) {
        out.set(input.sample(), output.sample());
    }

    @Override
    public String toString() {
        return "independent(input=" + input + ", output=" + output + ")";
    }
}
