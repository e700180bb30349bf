package org.tokenfab.workload;

import java.util.Objects;

/**
 * The joint law of a request's prompt and output lengths (and, for reasoning models, the split
 * of the output into reasoning and answer). One instance owns its random streams.
 *
 * @see IndependentLengths
 * @see CorrelatedLengths
 */
@FunctionalInterface
public interface RequestLengths {
    /** Draws one request's lengths into {@code out} (input and output &ge; 1). Allocates nothing. */
    void sample(LengthDraw out);

    /** These lengths, with each output then split by {@code split}. */
    default RequestLengths withReasoning(ReasoningSplit split) {
        Objects.requireNonNull(split, "split");
        RequestLengths base = this;
        return out -> {
            base.sample(out);
            split.apply(out);
        };
    }
}
