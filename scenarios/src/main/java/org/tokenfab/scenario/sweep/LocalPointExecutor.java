package org.tokenfab.scenario.sweep;

import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

import org.tokenfab.scenario.run.Failures;
import org.tokenfab.sim.TokenFabException;

/**
 * The default engine: a fixed pool of threads in this JVM. Points are independent single-threaded
 * simulations, so a point's result does not depend on the thread count.
 */
public final class LocalPointExecutor implements PointExecutor {
    private final int threads;
    private final IntFunction<PointResult> point;
    private volatile boolean failed;

    /**
     * @param point runs point {@code i} (normally {@link SweepJob#run}; tests and the bench pass
     *              their own)
     */
    public LocalPointExecutor(int threads, IntFunction<PointResult> point) {
        if (threads < 1) {
            throw new TokenFabException("--threads " + threads + ": give 1 or more");
        }
        this.threads = threads;
        this.point = point;
    }

    @Override
    public void run(SweepJob job, List<Integer> todo, Sink sink) throws InterruptedException {
        if (todo.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, todo.size()), r -> {
            Thread t = new Thread(r, "sweep-point");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<PointResult> done = new ExecutorCompletionService<>(pool);
            for (int index : todo) {
                done.submit(() -> {
                    if (failed) { // after a failure, points not yet started are left for a resumed sweep
                        return null;
                    }
                    try {
                        PointResult r = point.apply(index);
                        failed |= !r.ok();
                        return r;
                    } catch (RuntimeException | Error e) {
                        failed = true;
                        throw e;
                    }
                });
            }
            for (int n = 0; n < todo.size(); n++) {
                PointResult r;
                try {
                    r = done.take().get();
                } catch (ExecutionException e) {
                    throw Failures.rethrowCause(e);
                }
                if (r != null) {
                    sink.accept(r);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public String describe(int points) {
        int n = Math.min(threads, points);
        return n + " thread" + (n == 1 ? "" : "s");
    }
}
