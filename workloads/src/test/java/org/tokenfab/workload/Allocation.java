package org.tokenfab.workload;

import java.lang.management.ManagementFactory;
import java.util.function.IntSupplier;

/** Bytes this thread allocates in 100,000 calls, after 20,000 calls of warm-up. */
final class Allocation {
    private Allocation() {
    }

    static long bytesOf(IntSupplier call) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += call.getAsInt();
        }
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
        for (int i = 0; i < 100_000; i++) {
            sink += call.getAsInt();
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;
        if (sink == Long.MIN_VALUE) {
            throw new AssertionError(); // keeps the calls alive
        }
        return allocated;
    }
}
