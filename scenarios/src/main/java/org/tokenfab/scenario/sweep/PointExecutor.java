package org.tokenfab.scenario.sweep;

import java.util.List;

/**
 * Where a sweep's points run: on this machine's threads ({@link LocalPointExecutor}, the default) or
 * elsewhere (the optional {@code spark} module, found through {@link PointExecutorProvider}).
 * {@link SweepRunner} owns the files; an executor only runs points and hands back their results, so
 * every engine writes the same {@code sweep.csv}.
 */
public interface PointExecutor {
    /** Told each point's result as it finishes: one call at a time, in any order. */
    @FunctionalInterface
    interface Sink {
        void accept(PointResult result);
    }

    /**
     * Runs the points {@code todo} of {@code job} and returns when all have finished. After a point
     * failed, points not started yet may be skipped (a resumed sweep runs them).
     *
     * @throws InterruptedException when the calling thread is interrupted (Ctrl-C): the executor
     *                              stops its work before rethrowing, and results already handed to
     *                              the sink stay valid
     */
    void run(SweepJob job, List<Integer> todo, Sink sink) throws InterruptedException;

    /** How it runs, for the sweep's first line, e.g. "2 threads" or "Spark local[2]". */
    String describe(int points);
}
