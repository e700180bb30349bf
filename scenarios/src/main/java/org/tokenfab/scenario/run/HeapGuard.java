package org.tokenfab.scenario.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The memory guard of a bounded run: asks the JVM to flag heap pools whose usage right after a
 * collection exceeds a share of their maximum (collection-usage thresholds), and reads the flags.
 * Usage after a collection is live data, not garbage, so a flag means the run is really running out
 * of memory; it stops cleanly with partial results instead of failing with an OutOfMemoryError.
 */
final class HeapGuard {
    private HeapGuard() {
    }

    /** Sets the threshold on every heap pool that supports one and has a maximum. */
    static void arm(double share) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage().getMax();
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported() && max > 0) {
                pool.setCollectionUsageThreshold((long) (max * share));
            }
        }
    }

    /** Whether a heap pool stayed above its threshold after its last collection. */
    static boolean exceeded() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()
                    && pool.getCollectionUsageThreshold() > 0 && pool.isCollectionUsageThresholdExceeded()) {
                return true;
            }
        }
        return false;
    }
}
