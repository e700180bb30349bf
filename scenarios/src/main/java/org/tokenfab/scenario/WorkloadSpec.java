package org.tokenfab.scenario;

/**
 * The traffic: when requests arrive and how long their prompts and answers are.
 *
 * Either synthetic traffic (arrivals and lengths) or a trace replay: with a trace, the synthetic
 * fields are null.
 *
 * @param spearman rank correlation between input and output lengths (Gaussian copula), if set
 * @param trace    the trace to replay, if any
 */
public record WorkloadSpec(ArrivalSpec arrivals, LengthSpec inputTokens, LengthSpec outputTokens,
        java.util.OptionalDouble spearman, java.util.Optional<TraceSpec> trace) {
}
