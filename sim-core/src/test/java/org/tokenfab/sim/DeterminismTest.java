package org.tokenfab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** Same seed, same trace; different seed, different trace. */
class DeterminismTest {

    private record Fired(long time, int station, int type, long payload) {
    }

    /**
     * A few stations pass jobs around: each draws service times and destinations from its own
     * stream, and sometimes cancels the job it sent last.
     */
    private static List<Fired> runOnce(long seed, boolean shuffleTies) {
        Simulation sim = new Simulation(seed, shuffleTies);
        List<Fired> trace = new ArrayList<>();
        int stations = 4;
        Station[] all = new Station[stations];
        for (int i = 0; i < stations; i++) {
            all[i] = new Station(sim, i, sim.random().stream("station-" + i), all, trace);
        }
        for (int job = 0; job < 6; job++) {
            sim.schedule(0, all[job % stations], 0, job);
        }
        sim.run(StopCondition.afterEvents(3000));
        return trace;
    }

    private static final class Station implements EventHandler {
        private final Simulation sim;
        private final int id;
        private final UniformRandomProvider rng;
        private final Station[] all;
        private final List<Fired> trace;
        private long lastSent;

        Station(Simulation sim, int id, UniformRandomProvider rng, Station[] all, List<Fired> trace) {
            this.sim = sim;
            this.id = id;
            this.rng = rng;
            this.all = all;
            this.trace = trace;
        }

        @Override
        public void onEvent(int type, long payload) {
            trace.add(new Fired(sim.now(), id, type, payload));
            // Coarse delays make same-time events common.
            long delay = 1000L * rng.nextInt(5);
            Station next = all[rng.nextInt(all.length)];
            if (rng.nextInt(10) == 0) {
                sim.cancel(lastSent);
                sim.scheduleIn(delay, next, 1, payload); // keep the job alive
            }
            lastSent = sim.scheduleIn(delay, next, 0, payload);
        }
    }

    @Test
    void sameSeedSameTrace() {
        List<Fired> first = runOnce(2024, false);
        assertThat(first).hasSize(3000);
        assertThat(runOnce(2024, false)).isEqualTo(first);
    }

    @Test
    void differentSeedDifferentTrace() {
        assertThat(runOnce(2025, false)).isNotEqualTo(runOnce(2024, false));
    }

    @Test
    void shuffledTiesAreReproducibleToo() {
        List<Fired> shuffled = runOnce(2024, true);
        assertThat(runOnce(2024, true)).isEqualTo(shuffled);
        assertThat(shuffled).isNotEqualTo(runOnce(2024, false));
    }
}
