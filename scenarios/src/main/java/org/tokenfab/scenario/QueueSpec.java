package org.tokenfab.scenario;

/**
 * A replica's waiting queue: admission order and admission control.
 *
 * @param discipline   {@code fcfs}, {@code priority} (by class priority) or {@code shortest-prompt-first}
 * @param maxQueue     waiting requests beyond which arrivals are rejected; 0 for no limit
 * @param maxWaitNanos wait after which a request that has not started is rejected; 0 for no limit
 */
public record QueueSpec(String discipline, int maxQueue, long maxWaitNanos) {
    /** First come, first served, no limits. */
    public static final QueueSpec DEFAULT = new QueueSpec("fcfs", 0, 0);
}
