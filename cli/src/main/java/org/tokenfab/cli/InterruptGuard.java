package org.tokenfab.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.tokenfab.scenario.run.ScenarioRun;

/**
 * Ctrl-C during a run, a sweep or a plan: a shutdown hook asks the work to stop with partial results
 * ({@link ScenarioRun#interrupt()}, or any stop action) and holds the JVM until the command has
 * written them (at most {@value #WAIT_SECONDS} s), so no output is lost or half-written. Closed when
 * the files are written; the hook is removed then.
 */
final class InterruptGuard implements AutoCloseable {
    static final long WAIT_SECONDS = 60;

    private final CountDownLatch written = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean fired;

    InterruptGuard(ScenarioRun run) {
        this(run::interrupt);
    }

    /** {@code stop} runs on the hook's thread when Ctrl-C arrives; it must return promptly. */
    InterruptGuard(Runnable stop) {
        this.hook = new Thread(() -> {
            fired = true;
            stop.run();
            try {
                written.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tokenfab-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Whether Ctrl-C arrived (the JVM is shutting down; the command should say what it kept). */
    boolean fired() {
        return fired;
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
