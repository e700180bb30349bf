package org.tokenfab.serving;

import java.util.List;

/**
 * The order in which waiting requests are admitted: a rank per request, smallest first; equal
 * ranks keep arrival order. Requests preempted by recompute always go before every waiting one
 * (the most recently preempted first, as vLLM puts them back at the front of its queue).
 */
@FunctionalInterface
public interface QueueDiscipline {
    /** The request's rank; smaller is admitted first. Must not change while the request waits. */
    long rank(Request r);

    /** First come, first served (vLLM's default). */
    QueueDiscipline FCFS = r -> 0;
    /** By the workload class's priority (smaller number first), then first come, first served. */
    QueueDiscipline PRIORITY = r -> r.priority;
    /** Shortest prompt first: cuts mean TTFT under load, at the price of long prompts' tails. */
    QueueDiscipline SHORTEST_PROMPT_FIRST = r -> r.inputTokens;

    /** YAML names, in the order the help lists them. */
    List<String> NAMES = List.of("fcfs", "priority", "shortest-prompt-first");

    /** The discipline named {@code name} (one of {@link #NAMES}). */
    static QueueDiscipline named(String name) {
        return switch (name) {
            case "fcfs" -> FCFS;
            case "priority" -> PRIORITY;
            case "shortest-prompt-first" -> SHORTEST_PROMPT_FIRST;
            default -> throw new IllegalArgumentException("unknown queue discipline '" + name + "'; allowed: " + NAMES);
        };
    }
}
