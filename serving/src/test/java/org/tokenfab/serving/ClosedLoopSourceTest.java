package org.tokenfab.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tokenfab.sim.Simulation;
import org.tokenfab.sim.StopCondition;
import org.tokenfab.workload.FixedLength;
import org.tokenfab.workload.IndependentLengths;

/** Closed-loop users against a replica whose step times are a simple closed form. */
class ClosedLoopSourceTest {
    private static final long MS = 1_000_000L;
    /** 1 ms per step whatever the batch: each request of prompt 10 and 5 outputs takes 5 steps. */
    private static final StepCost ONE_MS = (batch, usage) -> MS;

    private static MetricsRecorder run(int users, long maxRequests, Simulation sim, RequestPool pool) {
        MetricsRecorder metrics = new MetricsRecorder();
        Replica replica = new Replica(sim, new ReplicaConfig(ONE_MS, 1000, 16, 8192, 256, null), metrics, pool);
        Cluster cluster = new Cluster(List.of(replica), new RoundRobinRouter(1));
        new ClosedLoopSource(sim, users, 2 * MS, new IndependentLengths(new FixedLength(10), new FixedLength(5)), cluster, pool, metrics,
                new RequestBudget(maxRequests), RequestClass.of(0), Long.MAX_VALUE).start();
        sim.run(StopCondition.never());
        return metrics;
    }

    @Test
    void aUserWaitsForItsPreviousRequestAndThinksBeforeTheNext() {
        Simulation sim = new Simulation(1);
        MetricsRecorder metrics = run(1, 10, sim, new RequestPool());
        assertThat(metrics.completed()).isEqualTo(10);
        // Ten rounds of 5 ms of service (prefill + 4 decodes) and 2 ms of thinking, minus the last think.
        assertThat(sim.now()).isEqualTo(10 * 5 * MS + 9 * 2 * MS);
        assertThat(metrics.e2e().max()).isEqualTo(5 * MS);
    }

    @Test
    void requestsInFlightNeverExceedTheUsers() {
        RequestPool pool = new RequestPool();
        MetricsRecorder metrics = run(3, 30, new Simulation(1), pool);
        assertThat(metrics.completed()).isEqualTo(30);
        assertThat(pool.created()).isEqualTo(3); // only 3 request objects ever existed
    }

    @Test
    void aUserWhoseRequestsAreRejectedRetriesAfterAMillisecondUntilTheEnd() {
        Simulation sim = new Simulation(1);
        MetricsRecorder metrics = new MetricsRecorder();
        RequestPool pool = new RequestPool();
        Replica replica = new Replica(sim, new ReplicaConfig(ONE_MS, 2, 16, 8192, 256, null), metrics, pool);
        Cluster cluster = new Cluster(List.of(replica), new RoundRobinRouter(1));
        ClosedLoopSource users = new ClosedLoopSource(sim, 1, 0, new IndependentLengths(new FixedLength(100), new FixedLength(5)), cluster, pool,
                metrics, new RequestBudget(Long.MAX_VALUE), RequestClass.of(0), 10 * MS);
        users.start();
        sim.run(StopCondition.never());
        assertThat(metrics.rejected()).isEqualTo(11); // at 0, 1, ..., 10 ms
        assertThat(metrics.completed()).isZero();
    }
}
