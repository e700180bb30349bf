package org.tokenfab.scenario;

import java.util.OptionalDouble;

/**
 * One named class of a workload mix (interactive chat, batch summarisation, ...): its own
 * arrivals, lengths and SLOs. A workload without {@code classes:} is one class named
 * {@code default} without SLOs.
 *
 * @param spearman    rank correlation between input and output lengths, if set
 * @param ttftSloNanos a completed request meets its SLO if its TTFT is at most this ({@code Long.MAX_VALUE}: none)
 * @param tpotSloNanos and its TPOT at most this ({@code Long.MAX_VALUE}: none)
 * @param sessions     agentic sessions started by the arrivals, if any (input lengths are then the
 *                     first prompt of each session)
 * @param priority     for the {@code priority} queue discipline: smaller is admitted first (default 0)
 * @param sharedPrefix synthetic shared prompt prefixes, if any
 * @param reasoning    how outputs split into reasoning and answer tokens, if the model reasons
 */
public record ClassSpec(String name, ArrivalSpec arrivals, LengthSpec inputTokens, LengthSpec outputTokens,
        OptionalDouble spearman, long ttftSloNanos, long tpotSloNanos, java.util.Optional<SessionSpec> sessions,
        int priority, java.util.Optional<SharedPrefixSpec> sharedPrefix, java.util.Optional<ReasoningSpec> reasoning) {
}
