package org.tokenfab.scenario;

/** The traffic: when requests arrive and how long their prompts and answers are. */
public record WorkloadSpec(ArrivalSpec arrivals, LengthSpec inputTokens, LengthSpec outputTokens) {
}
