package org.tokenfab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TieOrderTest {

    private static final int N = 100;

    /** Schedules N events at t=10 (payload = insertion index) and one each at t=5 and t=20. */
    private static List<Long> fire(Simulation sim) {
        List<Long> order = new ArrayList<>();
        EventHandler h = (type, payload) -> order.add(payload);
        sim.schedule(20, h, 0, 1000);
        for (int i = 0; i < N; i++) {
            sim.schedule(10, h, 0, i);
        }
        sim.schedule(5, h, 0, -1);
        sim.run(StopCondition.never());
        return order;
    }

    private static List<Long> insertionOrder() {
        List<Long> expected = new ArrayList<>();
        expected.add(-1L);
        LongStream.range(0, N).forEach(expected::add);
        expected.add(1000L);
        return expected;
    }

    @Test
    void sameTimeEventsFireInInsertionOrder() {
        assertThat(fire(new Simulation(3))).isEqualTo(insertionOrder());
    }

    @Test
    void shuffleTiesFiresAllTiesInASeededOrderButKeepsTimeOrder() {
        List<Long> shuffled = fire(new Simulation(3, true));

        assertThat(shuffled).containsExactlyInAnyOrderElementsOf(insertionOrder());
        assertThat(shuffled).isNotEqualTo(insertionOrder());
        assertThat(shuffled.get(0)).isEqualTo(-1L);
        assertThat(shuffled.get(N + 1)).isEqualTo(1000L);
        assertThat(fire(new Simulation(3, true))).as("same seed, same order").isEqualTo(shuffled);
        assertThat(fire(new Simulation(4, true))).as("another seed, another order").isNotEqualTo(shuffled);
    }

    @Test
    void scheduleFirstEventsFireBeforeOrdinaryOnesAtTheSameTimeInTheirOwnInsertionOrder() {
        for (boolean shuffle : new boolean[] {false, true}) {
            Simulation sim = new Simulation(3, shuffle);
            List<Long> order = new ArrayList<>();
            EventHandler h = (type, payload) -> order.add(payload);
            sim.schedule(10, h, 0, 1);
            sim.schedule(10, h, 0, 2);
            sim.scheduleFirst(10, h, 0, -2);
            sim.schedule(5, h, 0, 0);
            sim.scheduleFirst(10, h, 0, -1);
            sim.scheduleFirst(11, h, 0, 3);
            sim.run(StopCondition.never());
            assertThat(order).as("shuffle " + shuffle).hasSize(6);
            assertThat(order.get(0)).isZero();
            assertThat(order.subList(1, 3)).as("first at 10, shuffle " + shuffle).containsExactlyInAnyOrder(-2L, -1L);
            assertThat(order.subList(3, 5)).as("ordinary at 10").containsExactlyInAnyOrder(1L, 2L);
            assertThat(order.get(5)).isEqualTo(3L);
            if (!shuffle) {
                assertThat(order).containsExactly(0L, -2L, -1L, 1L, 2L, 3L);
            }
        }
    }

    @Test
    void shuffleTiesDoesNotTouchTheComponentStreams() {
        long plain = new Simulation(9).random().stream("arrivals").nextLong();
        long shuffled = new Simulation(9, true).random().stream("arrivals").nextLong();
        assertThat(shuffled).isEqualTo(plain);
    }
}
