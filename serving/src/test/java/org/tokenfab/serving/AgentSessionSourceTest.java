package org.tokenfab.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tokenfab.sim.Simulation;
import org.tokenfab.sim.StopCondition;
import org.tokenfab.workload.ArrivalProcess;
import org.tokenfab.workload.FixedLength;

/** Agentic sessions against a replica whose every step takes 1 ms, so the timeline is exact. */
class AgentSessionSourceTest {
    private static final long MS = 1_000_000L;
    private static final StepCost ONE_MS = (batch, usage) -> MS;

    /** One session at time 0, then none (past the run's end). */
    private static ArrivalProcess oneSessionAtZero() {
        boolean[] started = {false};
        return now -> {
            if (started[0]) {
                return Long.MAX_VALUE;
            }
            started[0] = true;
            return 0;
        };
    }

    @Test
    void contextGrowsStepByStepWithToolLatencyBetweenCalls() {
        Simulation sim = new Simulation(1);
        MetricsRecorder metrics = new MetricsRecorder();
        RequestPool pool = new RequestPool();
        Replica replica = new Replica(sim, new ReplicaConfig(ONE_MS, 1000, 16, 8192, 256, null), metrics, pool);
        Cluster cluster = new Cluster(List.of(replica), new RoundRobinRouter(1));
        ArrivalProcess oneSession = oneSessionAtZero();
        AgentSessionSource sessions = new AgentSessionSource(sim, oneSession, new FixedLength(10), new FixedLength(5),
                new FixedLength(3), new FixedLength(2), new FixedLength(7), 100_000, cluster, pool, metrics,
                new RequestBudget(Long.MAX_VALUE), RequestClass.of(0), 1_000 * MS);
        sessions.start();
        sim.run(StopCondition.never());

        // Three calls of 5 ms (prefill + 4 decodes) with 2 ms of tool latency between them.
        assertThat(metrics.completed()).isEqualTo(3);
        assertThat(sim.now()).isEqualTo(3 * 5 * MS + 2 * 2 * MS);
        // Prompts 10, then 10 + 5 + 7 = 22, then 22 + 5 + 7 = 34.
        assertThat(metrics.completedInputTokens()).isEqualTo(10 + 22 + 34);
        assertThat(sessions.sessionsStarted()).isEqualTo(1);
    }

    @Test
    void aSessionEndsBeforeItsPromptOutgrowsTheContext() {
        Simulation sim = new Simulation(1);
        MetricsRecorder metrics = new MetricsRecorder();
        RequestPool pool = new RequestPool();
        Replica replica = new Replica(sim, new ReplicaConfig(ONE_MS, 1000, 16, 8192, 256, null), metrics, pool);
        Cluster cluster = new Cluster(List.of(replica), new RoundRobinRouter(1));
        AgentSessionSource sessions = new AgentSessionSource(sim, oneSessionAtZero(), new FixedLength(10),
                new FixedLength(5), new FixedLength(100), new FixedLength(1), new FixedLength(7), 30, cluster, pool, metrics,
                new RequestBudget(Long.MAX_VALUE), RequestClass.of(0), 1_000 * MS);
        sessions.start();
        sim.run(StopCondition.never());
        // 10, then 22; the third prompt (34) would not fit a 30-token context.
        assertThat(metrics.completed()).isEqualTo(2);
    }
}
