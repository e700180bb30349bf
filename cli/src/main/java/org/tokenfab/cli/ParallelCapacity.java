package org.tokenfab.cli;

/**
 * How much faster this machine runs N copies of a pure compute loop on N threads than one copy on
 * one thread: the ideal a parallel sweep could reach here and now. On a laptop it is N; on a shared
 * virtual machine the host may not give every virtual core a whole physical one, and on the 2-core
 * VM these benchmarks were first measured on it drifted between 1.5 and 2.0 from one minute to the
 * next. Case d prints it beside the sweep's speed-up, so a shortfall can be told apart: the sweep's,
 * or the machine's.
 *
 * <p>The loop is eight independent floating-point recurrences: no memory traffic, no allocation,
 * nothing shared between threads, a result the JIT cannot drop.
 */
final class ParallelCapacity {
    /** About 0.2 s of one core on the machines measured: long enough to time, short beside a sweep. */
    private static final long ITERATIONS = 80_000_000L;

    private ParallelCapacity() {
    }

    /**
     * One copy on one thread and {@code threads} copies on as many threads, twice in turn; the
     * ratio of their throughputs, each from the faster of its two tries (a disturbance, such as the
     * file system's deferred work after a sweep, only ever slows a try: single tries gave ratios
     * up to 3.6 on 2 cores).
     */
    static double measure(int threads) {
        if (threads < 2) {
            return 1.0;
        }
        double one = Double.MAX_VALUE;
        double many = Double.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            one = Math.min(one, timeCopies(1));
            many = Math.min(many, timeCopies(threads));
        }
        return threads * one / many;
    }

    /** Warms the loop up so that {@link #measure} times compiled code. */
    static void warmUp() {
        loop(ITERATIONS / 4);
    }

    private static double timeCopies(int copies) {
        Thread[] workers = new Thread[copies];
        double[] sink = new double[copies];
        long start = System.nanoTime();
        for (int i = 0; i < copies; i++) {
            int slot = i;
            workers[i] = new Thread(() -> sink[slot] = loop(ITERATIONS), "parallel-capacity");
            workers[i].start();
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring the machine", e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (double v : sink) {
            if (!(v > 0)) {
                throw new IllegalStateException("compute loop gave " + v); // keeps the result live
            }
        }
        return seconds;
    }

    private static double loop(long n) {
        double a = 1.0;
        double b = 1.1;
        double c = 1.2;
        double d = 1.3;
        double e = 1.4;
        double f = 1.5;
        double g = 1.6;
        double h = 1.7;
        final double m = 0.9999999;
        final double k = 1e-9;
        for (long i = 0; i < n; i++) {
            a = a * m + k;
            b = b * m + k;
            c = c * m + k;
            d = d * m + k;
            e = e * m + k;
            f = f * m + k;
            g = g * m + k;
            h = h * m + k;
        }
        return a + b + c + d + e + f + g + h;
    }
}
