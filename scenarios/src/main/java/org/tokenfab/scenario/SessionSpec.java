package org.tokenfab.scenario;

/**
 * Agentic sessions: the arrivals start sessions; each session is a chain of {@code steps} LLM calls,
 * each after the previous one finishes and a tool answers ({@code toolLatencyMs}); each prompt is the
 * previous context plus its output plus {@code toolTokens} of tool result.
 */
public record SessionSpec(LengthSpec steps, LengthSpec toolLatencyMs, LengthSpec toolTokens) {
}
