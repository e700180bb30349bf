package org.tokenfab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact order in which a small web of handlers fires, including ties, a cancel and now(). */
class EventTraceTest {

    record Fired(long time, String handler, int type, long payload) {
    }

    @Test
    void firesTheExactTrace() {
        Simulation sim = new Simulation(1);
        List<Fired> trace = new ArrayList<>();
        List<Boolean> cancelResults = new ArrayList<>();
        long[] doomed = new long[1];
        EventHandler[] b = new EventHandler[1];

        EventHandler a = new EventHandler() {
            @Override
            public void onEvent(int type, long payload) {
                trace.add(new Fired(sim.now(), "A", type, payload));
                switch (type) {
                    case 1 -> {
                        sim.scheduleIn(0, this, 4, payload + 1); // at now(): after the pending B@5
                        cancelResults.add(sim.cancel(doomed[0]));
                    }
                    case 4 -> cancelResults.add(sim.cancel(doomed[0])); // already cancelled
                    case 2 -> {
                        sim.schedule(sim.now(), b[0], 5, 42);
                        sim.scheduleIn(3, this, 6, 7);
                    }
                    default -> {
                    }
                }
            }
        };
        b[0] = (type, payload) -> {
            trace.add(new Fired(sim.now(), "B", type, payload));
            if (type == 1) {
                sim.schedule(10, b[0], 3, payload + 1); // ties with A@10, inserted later
            }
        };

        long first = sim.schedule(5, a, 1, 100);
        sim.schedule(5, b[0], 1, 200);
        doomed[0] = sim.schedule(7, b[0], 9, 999);
        sim.schedule(10, a, 2, 0);
        assertThat(sim.pendingEvents()).isEqualTo(4);

        assertThat(sim.run(StopCondition.never())).isEqualTo(StopReason.QUEUE_EMPTY);

        assertThat(trace).containsExactly(
                new Fired(5, "A", 1, 100),
                new Fired(5, "B", 1, 200),
                new Fired(5, "A", 4, 101),
                new Fired(10, "A", 2, 0),
                new Fired(10, "B", 3, 201),
                new Fired(10, "B", 5, 42),
                new Fired(13, "A", 6, 7));
        assertThat(cancelResults).containsExactly(true, false);
        assertThat(sim.eventsProcessed()).isEqualTo(7);
        assertThat(sim.pendingEvents()).isZero();
        assertThat(sim.now()).isEqualTo(13);
        assertThat(sim.cancel(first)).as("cancel after firing").isFalse();
    }
}
