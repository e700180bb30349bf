package org.tokenfab.workload;

import java.util.Locale;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * How a reasoning model's output divides into reasoning (thinking) tokens and answer tokens. The
 * output length stays as drawn; a split only fills {@link LengthDraw#reasoning()} and
 * {@link LengthDraw#answer()}, which always add up to it.
 */
@FunctionalInterface
public interface ReasoningSplit {
    /** Splits {@code draw.output()}. Allocates nothing. */
    void apply(LengthDraw draw);

    /**
     * A fixed share of every output is reasoning: reasoning = min(round(fraction &times; output),
     * output - 1), so at least one answer token remains.
     *
     * @param fraction in [0, 1]
     */
    static ReasoningSplit fixedFraction(double fraction) {
        return new FixedFraction(fraction);
    }

    /**
     * The answer length has its own distribution: answer = min(a, output) for a drawn from
     * {@code answer}, and reasoning = output - answer, floored at 0. When the drawn answer is
     * longer than the output, the whole output is answer and there is no reasoning (the output
     * length is never changed).
     */
    static ReasoningSplit answerLength(TokenLengthDistribution answer) {
        return new AnswerLength(answer);
    }

    /**
     * The reasoning share varies per request, drawn from a quantile table of fractions in [0, 1]
     * (e.g. {@code QuantileTable.bundled("servegen_deepseek-r1/reason_ratio")}, median 0.76); then
     * as {@link #fixedFraction}.
     */
    static ReasoningSplit fractionTable(QuantileTable fractions, UniformRandomProvider rng) {
        return new FractionTable(fractions, rng);
    }

    /** reasoning = min(round(fraction &times; output), output - 1). */
    private static int reasoningTokens(double fraction, int output) {
        return (int) Math.min(Math.round(fraction * output), output - 1L);
    }

    /** See {@link ReasoningSplit#fixedFraction}. */
    record FixedFraction(double fraction) implements ReasoningSplit {
        public FixedFraction {
            QuantileFunction.checkProbability(fraction);
        }

        @Override
        public void apply(LengthDraw draw) {
            draw.splitOutput(reasoningTokens(fraction, draw.output()));
        }
    }

    /** See {@link ReasoningSplit#answerLength}. */
    record AnswerLength(TokenLengthDistribution answer) implements ReasoningSplit {
        public AnswerLength {
            Objects.requireNonNull(answer, "answer");
        }

        @Override
        public void apply(LengthDraw draw) {
            draw.splitOutput(Math.max(0, draw.output() - answer.sample()));
        }
    }

    /** See {@link ReasoningSplit#fractionTable}. Not thread-safe (it owns a random stream). */
    final class FractionTable implements ReasoningSplit {
        private final QuantileTable fractions;
        private final UniformRandomProvider rng;

        FractionTable(QuantileTable fractions, UniformRandomProvider rng) {
            this.fractions = Objects.requireNonNull(fractions, "fractions");
            this.rng = Objects.requireNonNull(rng, "rng");
            if (fractions.min() < 0 || fractions.max() > 1) {
                throw new IllegalArgumentException(fractions.name() + " is not a table of fractions: values run from "
                        + fractions.min() + " to " + fractions.max());
            }
        }

        @Override
        public void apply(LengthDraw draw) {
            draw.splitOutput(reasoningTokens(fractions.valueAt(rng.nextDouble()), draw.output()));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "reasoning-fraction(%s)", fractions.name());
        }
    }
}
