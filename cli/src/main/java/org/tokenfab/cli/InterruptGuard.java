package org.tokenfab.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.tokenfab.scenario.run.ScenarioRun;

/**
 * Ctrl-C during a run: a shutdown hook asks the run to stop with partial results
 * ({@link ScenarioRun#interrupt()}) and holds the JVM until the command has written them (at most
 * {@value #WAIT_SECONDS} s), so no output is lost or half-written. Closed when the run's files are
 * written; the hook is removed then.
 */
final class InterruptGuard implements AutoCloseable {
    static final long WAIT_SECONDS = 60;

    private final CountDownLatch written = new CountDownLatch(1);
    private final Thread hook;

    InterruptGuard(ScenarioRun run) {
        this.hook = new Thread(() -> {
            run.interrupt();
            try {
                written.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tokenfab-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        written.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C arrived: the hook is running and now lets the JVM exit
        }
    }
}
