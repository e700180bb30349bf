package org.tokenfab.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.EventQueue;

/**
 * The event queue alone, at a steady size of {@code pending} events. One operation is one pop and
 * one push at the popped time plus an exponential delay ({@code hold}); {@code scheduleCancel}
 * adds, to every fourth operation, a timeout that is pushed and later cancelled (a third of the
 * pushes cancelled, as with wake-ups and autoscaler checks that are superseded).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventQueueBench {
    private static final EventHandler NOOP = (type, payload) -> { };

    @Param({"1000", "100000"})
    int pending;

    private EventQueue queue;
    private ExpDelays delays;
    private long[] timeouts;
    private int op;

    @Setup(Level.Trial)
    public void setUp() {
        queue = new EventQueue();
        delays = new ExpDelays(1, 1_000_000);
        for (int i = 0; i < pending; i++) {
            queue.push(delays.next(), NOOP, 0, i);
        }
        timeouts = new long[64];
    }

    @Benchmark
    public long hold() {
        EventQueue q = queue;
        q.pop();
        long t = q.poppedTime();
        return q.push(t + delays.next(), NOOP, 0, t);
    }

    @Benchmark
    public long scheduleCancel() {
        EventQueue q = queue;
        q.pop();
        long t = q.poppedTime();
        long h = q.push(t + delays.next(), NOOP, 0, t);
        int i = op++;
        if ((i & 3) == 0) {
            // Cancel the timeout pushed 32 timeouts ago (still pending: its delay is long), push a new one.
            int slot = (i >> 2) & 63;
            if (timeouts[slot] != 0) {
                q.cancel(timeouts[slot]);
            }
            timeouts[slot] = q.push(t + 100 * delays.next(), NOOP, 1, t);
        }
        return h;
    }
}
