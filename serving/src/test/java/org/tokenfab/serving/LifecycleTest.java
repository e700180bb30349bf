package org.tokenfab.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tokenfab.serving.SchedHarness.MS;
import static org.tokenfab.serving.SchedHarness.US;
import static org.tokenfab.serving.SchedHarness.req;

import java.util.List;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.tokenfab.sim.EventHandler;

/**
 * Replicas switched on and off, drained and failed. Step cost: 1 ms + 10 us per prefill token +
 * 100 us per decode row.
 */
class LifecycleTest {
    private final SchedHarness h = new SchedHarness();

    private Replica another() {
        return new Replica(h.sim, new ReplicaConfig(h.linear, 1000, 16, 8192, 64, null, SchedulerOptions.DEFAULT), h.metrics,
                h.pool, 9);
    }

    private void at(long time, Runnable action) {
        EventHandler e = (type, payload) -> action.run();
        h.sim.schedule(time, e, 0, 0);
    }

    @Test
    void aDrainingReplicaFinishesItsWorkThenSwitchesOff() {
        Replica r = h.replica(1000, 16, 8192, 64, SchedulerOptions.DEFAULT);
        h.arrive(req(0, 100, 3));
        at(500 * US, r::drain);
        h.run();
        // Prefill [0, 2 ms), decodes to 4.2 ms: it completes, then the replica is off.
        assertThat(h.fate(0).finish()).isEqualTo(4 * MS + 200 * US);
        assertThat(r.state()).isEqualTo(Replica.State.OFF);
        assertThat(r.accepting()).isFalse();
        assertThat(r.offNanos(10 * MS)).isEqualTo(10 * MS - (4 * MS + 200 * US));
    }

    @Test
    void anIdleReplicaSwitchesOffAtOnceAndServesAgainAfterItsColdStart() {
        Replica r = h.replica(1000, 16, 8192, 64, SchedulerOptions.DEFAULT);
        at(MS, r::drain);
        at(3 * MS, () -> r.switchOn(2 * MS));
        at(4 * MS, () -> assertThat(r.state()).isEqualTo(Replica.State.STARTING));
        // A request reaching it while it starts waits for the weights: served from 5 ms.
        h.arrive(req(4 * MS, 10, 1));
        h.run();
        assertThat(r.state()).isEqualTo(Replica.State.ACTIVE);
        assertThat(h.fate(0).finish()).isEqualTo(5 * MS + 1100 * US);
        assertThat(r.offNanos(h.sim.now())).isEqualTo(2 * MS);
        assertThatThrownBy(() -> r.switchOn(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailureSendsEveryRequestBackWithItsTokensAndTheyFinishElsewhere() {
        Replica broken = h.replica(1000, 16, 8192, 64, SchedulerOptions.DEFAULT);
        Replica spare = another();
        // A (100 in, 5 out) and B (50 in, 2 out) at 0 on the first replica; it fails at 3.5 ms.
        h.arrive(req(0, 100, 5), req(0, 50, 2));
        at(3 * MS + 500 * US, () -> broken.fail(spare::submit));
        h.run();
        // [0, 2 ms): A prefill (1 + 1 ms); [2, 3.6): B prefill 50 + A decode (1 + 0.5 + 0.1 ms) --
        // cut by the failure at 3.5 ms: A has 1 token, B none. A reaches the idle spare first and
        // prefills its 100 + 1 tokens alone: [3.5, 5.51 ms), its 2nd token; then B's 50 with A's
        // decode: [5.51, 7.11 ms), B's first token.
        assertThat(h.fate(0).generated()).isEqualTo(5);
        assertThat(h.fate(1).generated()).isEqualTo(2);
        assertThat(h.fate(1).firstToken()).isEqualTo(7 * MS + 110 * US);
        assertThat(broken.failures()).isEqualTo(1);
        assertThat(broken.state()).isEqualTo(Replica.State.FAILED);
        assertThat(broken.usedKvBlocks()).isZero();
        assertThat(broken.inFlight()).isZero();
        assertThat(h.metrics.completed()).isEqualTo(2);
        assertThat(h.metrics.outputTokens()).isEqualTo(7);
    }

    @Test
    void theAutoscalerAddsAReplicaUnderLoadAndDrainsItWhenLoadFalls() {
        Replica first = h.replica(1000, 16, 8192, 64, SchedulerOptions.DEFAULT);
        Replica second = another();
        second.startOff();
        boolean[] live = {true};
        Autoscaler scaler = new Autoscaler(h.sim, "main", List.of(first, second), new Autoscaler.Policy.QueueLength(2), 1, 2,
                10 * MS, 5 * MS, () -> live[0]);
        scaler.start();
        // Five requests at 1 ms: at 10 ms, 5 in flight on 1 replica, target 2 each: wanted
        // ceil(5/2) = 3, at most 2: the second is switched on (serving from 15 ms).
        h.arrive(req(MS, 100, 20), req(MS, 100, 20), req(MS, 100, 20), req(MS, 100, 20), req(MS, 100, 20));
        at(200 * MS, () -> live[0] = false);
        h.run();
        assertThat(scaler.events().get(0)).isEqualTo(new Autoscaler.ScaleEvent(10 * MS, "main", 1, 2));
        // When the work is done, the pool shrinks back to its minimum and the second is off again.
        List<Autoscaler.ScaleEvent> events = scaler.events();
        assertThat(events.get(events.size() - 1).to()).isEqualTo(1);
        assertThat(second.state()).isEqualTo(Replica.State.OFF);
        assertThat(second.offNanos(h.sim.now())).isPositive();
        assertThat(h.metrics.completed()).isEqualTo(5);
    }

    @Test
    void weibullTimesBetweenFailuresHaveTheGivenMean() {
        // 20,000 draws, k = 1.5: the sample mean's standard error is about 0.68 / sqrt(20,000) =
        // 0.48% of the mean, so a 3% tolerance is over 6 standard errors (false failure < 1e-9).
        Replica r = h.replica(1000, 16, 8192, 64, SchedulerOptions.DEFAULT);
        FailureInjector f = new FailureInjector(h.sim, List.of(r), 1e9, 1.5, 0, 0,
                RandomSource.XO_RO_SHI_RO_128_PP.create(5L), x -> { }, () -> true);
        double sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += f.sampleForTest();
        }
        assertThat(sum / 20_000).isCloseTo(1e9, org.assertj.core.data.Percentage.withPercentage(3));
    }
}
