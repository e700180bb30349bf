package org.tokenfab.scenario;

/**
 * The traffic: when requests arrive and how long their prompts and answers are.
 *
 * Either synthetic traffic (arrivals and lengths) or a trace replay: with a trace, the synthetic
 * fields are null.
 *
 * @param spearman rank correlation between input and output lengths (Gaussian copula), if set
 * @param trace    the trace to replay, if any
 * @param sessions agentic sessions started by the arrivals, if any
 * @param sharedPrefix synthetic shared prompt prefixes of a single-class workload, if any
 * @param reasoning reasoning/answer split of a single-class workload, if any
 * @param classes  the classes of a workload mix (with {@code classes:}, the single-class fields above are
 *                 null); empty for a single-class workload
 */
public record WorkloadSpec(ArrivalSpec arrivals, LengthSpec inputTokens, LengthSpec outputTokens,
        java.util.OptionalDouble spearman, java.util.Optional<TraceSpec> trace, java.util.List<ClassSpec> classes,
        java.util.Optional<SessionSpec> sessions, java.util.Optional<SharedPrefixSpec> sharedPrefix,
        java.util.Optional<ReasoningSpec> reasoning) {
    public WorkloadSpec {
        classes = java.util.List.copyOf(classes);
    }

    /** Every class of the workload: the mix, or this workload as one class named {@code default}. */
    public java.util.List<ClassSpec> asClasses() {
        return classes.isEmpty()
                ? java.util.List.of(new ClassSpec("default", arrivals, inputTokens, outputTokens, spearman, Long.MAX_VALUE, Long.MAX_VALUE,
                        sessions, 0, sharedPrefix, reasoning))
                : classes;
    }
}
