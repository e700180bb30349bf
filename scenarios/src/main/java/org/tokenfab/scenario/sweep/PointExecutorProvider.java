package org.tokenfab.scenario.sweep;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * An engine other than the local thread pool for sweeps and plans, plugged in through
 * {@link ServiceLoader} so the core modules never depend on it: the {@code spark} module registers one named "spark". Only present
 * when that module's jar is on the class path.
 */
public interface PointExecutorProvider {
    /** The engine's name for {@code --engine}. */
    String name();

    /**
     * An executor for {@code master} (null: the engine's default, e.g. Spark's embedded
     * {@code local[*]}). The caller closes it when the sweep is done.
     */
    Engine open(String master);

    /** An opened engine: runs sweeps and plans until closed. */
    interface Engine extends PointExecutor, AutoCloseable {
        /** The plan's probes and searches as tasks of this engine (closing them leaves the engine open). */
        org.tokenfab.scenario.plan.PlanTasks planTasks(org.tokenfab.scenario.plan.PlanJob job);

        /**
         * Runs {@code task} once per input as tasks of this engine and returns the results in input
         * order (for work other than sweep points: `tokenfab validate`'s suites).
         *
         * @param what names the job in the engine's logs and errors
         * @throws InterruptedException when the calling thread is interrupted: the job is cancelled
         */
        <R extends Serializable> List<R> runAll(String what, List<String> inputs, RemoteTask<R> task)
                throws InterruptedException;

        @Override
        void close();
    }

    /** The provider named {@code name} on the class path, if any. */
    static Optional<PointExecutorProvider> find(String name) {
        for (PointExecutorProvider p : ServiceLoader.load(PointExecutorProvider.class)) {
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
