package org.tokenfab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    private static final EventHandler NOOP = (type, payload) -> {
    };

    @Test
    void popUntilTakesOnlyEventsDueByItsLimit() {
        EventQueue q = new EventQueue();
        assertThat(q.popUntil(Long.MAX_VALUE)).as("empty").isFalse();
        q.push(20, NOOP, 0, 2);
        q.push(10, NOOP, 0, 1);
        long cancelled = q.push(5, NOOP, 0, 0);
        q.cancel(cancelled);

        assertThat(q.popUntil(9)).as("the next live event is at 10").isFalse();
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.popUntil(10)).as("due exactly at the limit").isTrue();
        assertThat(q.poppedTime()).isEqualTo(10);
        assertThat(q.poppedPayload()).isEqualTo(1);
        assertThat(q.popUntil(19)).isFalse();
        assertThat(q.peekTime()).isEqualTo(20);
    }

    @Test
    void emptyQueue() {
        EventQueue q = new EventQueue();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.pop()).isFalse();
        assertThatThrownBy(q::peekTime).isInstanceOf(NoSuchElementException.class);
        assertThat(q.cancel(0)).isFalse();
        assertThat(q.cancel(-1)).isFalse();
    }

    @Test
    void staleHandleIsRejectedAfterItsSlotIsReused() {
        EventQueue q = new EventQueue(4);
        long first = q.push(1, NOOP, 0, 1);
        assertThat(q.pop()).isTrue();
        long second = q.push(2, NOOP, 0, 2);
        assertThat((int) second).as("slot reused").isEqualTo((int) first);

        assertThat(q.cancel(first)).isFalse();
        assertThat(q.size()).isEqualTo(1);
        assertThat(q.cancel(second)).isTrue();
        assertThat(q.cancel(second)).isFalse();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.pop()).isFalse();
    }

    @Test
    void cancellingMostEventsKeepsTheHeapBoundedAndReusesSlots() {
        EventQueue q = new EventQueue(8);
        for (int round = 0; round < 50; round++) {
            long[] handles = new long[1000];
            for (int i = 0; i < handles.length; i++) {
                handles[i] = q.push(round * 10_000L + i, NOOP, 0, i);
            }
            for (int i = 0; i < handles.length - 1; i++) {
                assertThat(q.cancel(handles[i])).isTrue();
            }
            assertThat(q.size()).isEqualTo(round + 1);
            assertThat(q.heapSize()).isLessThanOrEqualTo(2 * q.size());
        }
        assertThat(q.slotsEverUsed()).as("slots recycled, not leaked").isLessThan(2100);
        for (int round = 0; round < 50; round++) {
            assertThat(q.pop()).isTrue();
            assertThat(q.poppedTime()).isEqualTo(round * 10_000L + 999);
        }
        assertThat(q.pop()).isFalse();
    }
}
