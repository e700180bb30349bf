package org.tokenfab.scenario;

/**
 * The traffic: when requests arrive and how long their prompts and answers are.
 *
 * @param spearman rank correlation between input and output lengths (Gaussian copula), if set
 */
public record WorkloadSpec(ArrivalSpec arrivals, LengthSpec inputTokens, LengthSpec outputTokens,
        java.util.OptionalDouble spearman) {
}
