package org.tokenfab.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * What {@code tokenfab bench} reads off the JVM around a case: heap peaks, bytes allocated,
 * collections and the JIT compiler's time. The compiler runs on its own threads: on a 2-core machine
 * it has the idle core to itself while one thread simulates, but takes time from the simulation when
 * both cores do, so a parallel case is only comparable once it has quietened.
 */
final class JvmCounters {
    private JvmCounters() {
    }

    /** A full GC, then every heap pool's peak set to its current usage (the live data carried in). */
    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /**
     * {sum of the heap pools' peak usage, the old generation's peak usage}, bytes. A pool's peak is
     * recorded at collections, so the current usage counts too (a run with no GC since the reset).
     */
    static long[] peaks() {
        long sum = 0;
        long old = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() != MemoryType.HEAP || p.getPeakUsage() == null) {
                continue;
            }
            long used = Math.max(p.getPeakUsage().getUsed(), p.getUsage().getUsed());
            sum += used;
            String n = p.getName();
            if (n.contains("Old") || n.contains("Tenured")) {
                old = Math.max(old, used);
            }
        }
        return new long[] {sum, old};
    }

    /** Bytes allocated so far by every thread (HotSpot's counter), or 0 where it is not supported. */
    static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
            return t.getTotalThreadAllocatedBytes();
        }
        return 0;
    }

    /** Collections so far, all collectors (a concurrent cycle counts once per pause bean). */
    static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, g.getCollectionCount());
        }
        return n;
    }

    /** Milliseconds the JIT compiler threads have spent compiling so far (all threads), or 0 where not reported. */
    static long compileMillis() {
        CompilationMXBean c = ManagementFactory.getCompilationMXBean();
        return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
    }
}
