package org.tokenfab.scenario;

/**
 * How a reasoning model's output divides into reasoning (thinking) and answer tokens. The output
 * length stays as drawn; the split says when the first answer token comes (TTFA).
 */
public sealed interface ReasoningSpec {
    /** A fixed share of every output is reasoning (at least one answer token remains). */
    record Fraction(double fraction) implements ReasoningSpec {
    }

    /** The answer's length has its own distribution; the rest of the output is reasoning. */
    record AnswerTokens(LengthSpec answer) implements ReasoningSpec {
    }

    /** The reasoning share varies per request, from a bundled quantile table of fractions. */
    record FractionTable(String table) implements ReasoningSpec {
    }
}
