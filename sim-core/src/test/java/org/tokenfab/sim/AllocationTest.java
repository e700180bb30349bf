package org.tokenfab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hot loop allocates nothing once the queue has reached its working size, nor do latency
 * recorders once their counts cover the values seen.
 */
class AllocationTest {

    private static final EventHandler NOOP = (type, payload) -> {
    };
    /** Room for the measurement itself; one allocation per event would be megabytes. */
    /** A per-event allocation would be >= 16 B x 200k events (MBs); one-off JIT/OSR allocations stay far below. */
    private static final long SLACK_BYTES = 16 * 1024;

    private com.sun.management.ThreadMXBean mx;
    private long thread;

    @BeforeEach
    void allocationCounterAvailable() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        thread = Thread.currentThread().threadId();
    }

    @Test
    void queuePushPopAndCancel() {
        EventQueue q = new EventQueue(16);
        for (int i = 0; i < 1000; i++) {
            q.push(i % 37, NOOP, i, i);
        }
        holdLoop(q, 20_000); // reach the working size
        long before = mx.getThreadAllocatedBytes(thread);
        long checksum = holdLoop(q, 200_000);
        long allocated = mx.getThreadAllocatedBytes(thread) - before;

        assertThat(checksum).isNotZero();
        assertThat(allocated).as("bytes allocated by 200k pop+push+cancel").isLessThan(SLACK_BYTES);
    }

    @Test
    void simulationRunLoop() {
        Simulation sim = new Simulation(1);
        EventHandler[] self = new EventHandler[1];
        long[] handle = new long[1];
        self[0] = (type, payload) -> {
            // A re-arming timer that is cancelled and replaced now and then, as a replica would.
            if (payload % 8 == 0) {
                sim.cancel(handle[0]);
            }
            handle[0] = sim.scheduleIn(100 + payload % 13, self[0], type, payload + 1);
        };
        for (int i = 0; i < 500; i++) {
            sim.schedule(i, self[0], 0, i);
        }
        StopCondition warm = StopCondition.afterEvents(20_000);
        StopCondition measured = StopCondition.afterEvents(220_000);
        sim.run(warm);
        long before = mx.getThreadAllocatedBytes(thread);
        StopReason reason = sim.run(measured);
        long allocated = mx.getThreadAllocatedBytes(thread) - before;

        assertThat(reason).isEqualTo(StopReason.EVENT_LIMIT);
        assertThat(allocated).as("bytes allocated by 200k events").isLessThan(SLACK_BYTES);
    }

    @Test
    void latencyRecorderIntervals() {
        LatencyRecorder interval = new LatencyRecorder();
        LatencyRecorder total = new LatencyRecorder();
        long checksum = intervals(interval, total, 200); // until every page of the values' range is allocated
        long before = mx.getThreadAllocatedBytes(thread);
        checksum += intervals(interval, total, 2_000);
        long allocated = mx.getThreadAllocatedBytes(thread) - before;

        assertThat(checksum).isNotZero();
        assertThat(allocated).as("bytes allocated by 2,000 intervals of 100 records, 2 percentiles and a reset")
                .isLessThan(SLACK_BYTES);
    }

    /** A time series' use: gaps between 1 and 50 ms recorded, percentiles read, merged and reset per interval. */
    private static long intervals(LatencyRecorder interval, LatencyRecorder total, int n) {
        long checksum = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 100; k++) {
                interval.record(1_000_000L + (k * 7919L * (i + 1)) % 49_000_000L);
            }
            interval.record(3_000_000L, 5);
            checksum += (long) interval.percentile(50) + (long) interval.percentile(99);
            total.add(interval);
            interval.reset();
        }
        return checksum + total.count();
    }

    /** Hold model: pop the next event, push one a little later, and now and then cancel one. */
    private static long holdLoop(EventQueue q, int n) {
        long checksum = 0;
        for (int i = 0; i < n; i++) {
            q.pop();
            long handle = q.push(q.poppedTime() + 1 + (i * 7919L) % 101, NOOP, i, i);
            if (i % 10 == 0) {
                q.cancel(handle);
                q.push(q.poppedTime() + 50, NOOP, i, i);
            }
            checksum += q.poppedPayload();
        }
        return checksum;
    }
}
