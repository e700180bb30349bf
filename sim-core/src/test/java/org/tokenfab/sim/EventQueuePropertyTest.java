package org.tokenfab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * EventQueue against a reference model, java.util.PriorityQueue ordered by (time, seq), on random
 * mixes of push, pop and cancel (of live and of stale handles), with many ties.
 */
class EventQueuePropertyTest {

    private static final EventHandler NOOP = (type, payload) -> {
    };

    /** A queue and its model, driven in lock step; every observable result must agree. */
    private static final class Harness {
        private record Entry(long time, long seq, long id) {
        }

        private final EventQueue queue = new EventQueue(1); // tiny, so growth is exercised
        private final PriorityQueue<Entry> model = new PriorityQueue<>(
                Comparator.comparingLong(Entry::time).thenComparingLong(Entry::seq));
        private final List<Long> handles = new ArrayList<>();
        private final List<Entry> entries = new ArrayList<>();
        private long seq;

        void push(long time) {
            long id = entries.size();
            Entry e = new Entry(time, seq++, id);
            entries.add(e);
            model.add(e);
            long handle = queue.push(time, NOOP, (int) id, id);
            assertThat(handle).isNotZero();
            handles.add(handle);
            check();
        }

        void pop() {
            Entry expected = model.poll();
            boolean popped = queue.pop();
            assertThat(popped).isEqualTo(expected != null);
            if (expected != null) {
                assertThat(queue.poppedTime()).isEqualTo(expected.time());
                assertThat(queue.poppedPayload()).isEqualTo(expected.id());
                assertThat(queue.poppedType()).isEqualTo((int) expected.id());
                assertThat(queue.poppedHandler()).isSameAs(NOOP);
            }
            check();
        }

        /** Cancels the handle issued {@code index} pushes ago, whether or not it is still live. */
        void cancel(int index) {
            if (handles.isEmpty()) {
                return;
            }
            int i = Math.floorMod(index, handles.size());
            boolean expected = model.remove(entries.get(i));
            assertThat(queue.cancel(handles.get(i))).isEqualTo(expected);
            check();
        }

        void drain() {
            while (!model.isEmpty()) {
                pop();
            }
            pop();
        }

        private void check() {
            assertThat(queue.size()).isEqualTo(model.size());
            assertThat(queue.isEmpty()).isEqualTo(model.isEmpty());
            assertThat(queue.heapSize()).as("cancelled garbage bounded").isLessThanOrEqualTo(2 * queue.size());
            if (!model.isEmpty()) {
                assertThat(queue.peekTime()).isEqualTo(model.peek().time());
            }
        }
    }

    @Test
    void matchesPriorityQueueOnGeneratedOperationSequences() {
        qt().withFixedSeed(20_240_601L).withExamples(300)
                .forAll(lists().of(integers().between(0, 1 << 20)).ofSizeBetween(0, 300))
                .checkAssert(ops -> {
                    Harness h = new Harness();
                    for (int op : ops) {
                        int arg = op >>> 4;
                        switch (op & 15) {
                            case 0, 1, 2, 3, 4, 5 -> h.push(arg % 6);   // heavy ties
                            case 6 -> h.push(arg % 1000);
                            case 7, 8, 9, 10 -> h.pop();
                            default -> h.cancel(arg);
                        }
                    }
                    h.drain();
                });
    }

    @Test
    void matchesPriorityQueueOnLongSeededRunsWithCancelStorms() {
        for (long seed = 1; seed <= 8; seed++) {
            UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(seed);
            Harness h = new Harness();
            for (int phase = 0; phase < 6; phase++) {
                // Alternate growth phases with phases that cancel far more than they push,
                // so compaction is triggered at many heap sizes.
                int cancelPercent = phase % 2 == 0 ? 10 : 70;
                for (int i = 0; i < 1500; i++) {
                    int r = rng.nextInt(100);
                    if (r < cancelPercent) {
                        h.cancel(rng.nextInt());
                    } else if (r < cancelPercent + 25) {
                        h.pop();
                    } else {
                        h.push(rng.nextInt(1 + (int) (seed * 7)));
                    }
                }
            }
            h.drain();
        }
    }
}
