package org.tokenfab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunLoopTest {

    private final Simulation sim = new Simulation(5);
    private final List<Long> fired = new ArrayList<>();
    private final EventHandler record = (type, payload) -> fired.add(sim.now());

    /** Fires every {@code payload} ns forever. */
    private final EventHandler ticker = new EventHandler() {
        @Override
        public void onEvent(int type, long payload) {
            fired.add(sim.now());
            sim.scheduleIn(payload, this, type, payload);
        }
    };

    @Test
    void timeLimitFiresEventsAtTheLimitAndAdvancesTheClockToIt() {
        sim.schedule(10, record, 0, 0);
        sim.schedule(20, record, 0, 0);
        sim.schedule(30, record, 0, 0);

        assertThat(sim.run(StopCondition.atTime(20))).isEqualTo(StopReason.TIME_LIMIT);
        assertThat(fired).containsExactly(10L, 20L);
        assertThat(sim.now()).isEqualTo(20);

        assertThat(sim.run(StopCondition.atTime(25))).isEqualTo(StopReason.TIME_LIMIT);
        assertThat(sim.now()).isEqualTo(25);
        assertThat(fired).hasSize(2);
        assertThat(sim.run(StopCondition.atTime(25))).as("again at the same limit").isEqualTo(StopReason.TIME_LIMIT);

        assertThat(sim.run(StopCondition.never())).isEqualTo(StopReason.QUEUE_EMPTY);
        assertThat(fired).containsExactly(10L, 20L, 30L);
        assertThat(sim.now()).isEqualTo(30);
        assertThat(sim.eventsProcessed()).isEqualTo(3);
    }

    @Test
    void emptyQueueBeforeTheTimeLimitLeavesTheClockAtTheLastEvent() {
        sim.schedule(10, record, 0, 0);
        assertThat(sim.run(StopCondition.atTime(100))).isEqualTo(StopReason.QUEUE_EMPTY);
        assertThat(sim.now()).isEqualTo(10);
        assertThat(sim.run(StopCondition.never())).isEqualTo(StopReason.QUEUE_EMPTY);
    }

    @Test
    void eventLimitCountsEventsOverAllRuns() {
        sim.schedule(0, ticker, 0, 10);
        assertThat(sim.run(StopCondition.afterEvents(5))).isEqualTo(StopReason.EVENT_LIMIT);
        assertThat(sim.eventsProcessed()).isEqualTo(5);
        assertThat(sim.now()).isEqualTo(40);

        assertThat(sim.run(StopCondition.afterEvents(5))).isEqualTo(StopReason.EVENT_LIMIT);
        assertThat(sim.eventsProcessed()).as("limit is a total, already reached").isEqualTo(5);

        assertThat(sim.run(StopCondition.afterEvents(8))).isEqualTo(StopReason.EVENT_LIMIT);
        assertThat(fired).containsExactly(0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L);
        assertThat(sim.pendingEvents()).isEqualTo(1);
    }

    @Test
    void predicateIsTestedAfterEachEvent() {
        sim.schedule(0, ticker, 0, 3);
        assertThat(sim.run(StopCondition.when(() -> fired.size() >= 4))).isEqualTo(StopReason.PREDICATE);
        assertThat(fired).containsExactly(0L, 3L, 6L, 9L);
        assertThat(sim.now()).isEqualTo(9);

        // Tested only after an event, so a continued run always makes progress.
        assertThat(sim.run(StopCondition.when(() -> fired.size() >= 4))).isEqualTo(StopReason.PREDICATE);
        assertThat(fired).hasSize(5);
    }

    @Test
    void combinedConditionsStopAtWhicheverComesFirst() {
        sim.schedule(0, ticker, 0, 10);
        StopCondition c = StopCondition.atTime(1000).orAfterEvents(50).orWhen(() -> fired.size() >= 7)
                .orWhen(() -> false).orAtTime(35);
        assertThat(c.untilTime()).isEqualTo(35);
        assertThat(c.maxEvents()).isEqualTo(50);
        assertThat(sim.run(c)).isEqualTo(StopReason.TIME_LIMIT);
        assertThat(sim.now()).isEqualTo(35);

        assertThat(sim.run(StopCondition.afterEvents(100).orWhen(() -> fired.size() >= 7)))
                .isEqualTo(StopReason.PREDICATE);
        assertThat(fired).hasSize(7);
        assertThat(sim.run(StopCondition.afterEvents(9).orAtTime(1000))).isEqualTo(StopReason.EVENT_LIMIT);
        assertThat(sim.now()).isEqualTo(80);
    }

    @Test
    void noLimitConditions() {
        assertThat(StopCondition.never()).isEqualTo(new StopCondition(Long.MAX_VALUE, Long.MAX_VALUE, null));
        assertThatThrownBy(() -> StopCondition.afterEvents(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StopCondition.when(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void cancelledEventsNeitherFireNorCount() {
        long a = sim.schedule(5, record, 0, 0);
        sim.schedule(6, record, 0, 0);
        assertThat(sim.cancel(a)).isTrue();
        assertThat(sim.cancel(a)).isFalse();
        assertThat(sim.pendingEvents()).isEqualTo(1);
        sim.run(StopCondition.never());
        assertThat(fired).containsExactly(6L);
        assertThat(sim.eventsProcessed()).isEqualTo(1);
    }

    @Test
    void misuseIsRejected() {
        sim.schedule(10, record, 0, 0);
        sim.run(StopCondition.never());
        assertThatThrownBy(() -> sim.schedule(9, record, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.scheduleIn(-1, record, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.scheduleIn(Long.MAX_VALUE, record, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.schedule(10, null, 0, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> sim.run(StopCondition.atTime(9))).isInstanceOf(IllegalArgumentException.class);

        sim.schedule(10, (type, payload) -> sim.run(StopCondition.never()), 0, 0);
        assertThatThrownBy(() -> sim.run(StopCondition.never())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void handlerExceptionPropagatesUnchangedAndTheRunCanContinue() {
        RuntimeException boom = new UnsupportedOperationException("boom");
        sim.schedule(1, (type, payload) -> {
            throw boom;
        }, 0, 0);
        sim.schedule(2, record, 0, 0);
        assertThatThrownBy(() -> sim.run(StopCondition.never())).isSameAs(boom);
        assertThat(sim.now()).isEqualTo(1);
        assertThat(sim.eventsProcessed()).isEqualTo(1);

        assertThat(sim.run(StopCondition.never())).isEqualTo(StopReason.QUEUE_EMPTY);
        assertThat(fired).containsExactly(2L);
    }

    @Test
    void schedulingAtNowFromAHandlerFiresInTheSameRun() {
        sim.schedule(4, (type, payload) -> sim.schedule(sim.now(), record, 0, 0), 0, 0);
        sim.schedule(5, record, 0, 0);
        assertThat(sim.run(StopCondition.atTime(4))).isEqualTo(StopReason.TIME_LIMIT);
        assertThat(fired).containsExactly(4L);
        assertThat(sim.pendingEvents()).isEqualTo(1);
    }
}
