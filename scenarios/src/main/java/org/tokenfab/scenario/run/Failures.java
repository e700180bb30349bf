package org.tokenfab.scenario.run;

import java.util.concurrent.ExecutionException;

/** What a worker thread threw, handed to the thread that waited for it. */
public final class Failures {
    private Failures() {
    }

    /**
     * Throws the cause of {@code e} as the worker threw it (a runtime exception or an error keeps its
     * type, so a {@code TokenFabException} still reaches the CLI as one); a checked cause is wrapped.
     * Declared to return so that callers can write {@code throw Failures.rethrowCause(e)}.
     */
    public static RuntimeException rethrowCause(ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
            throw re;
        }
        if (e.getCause() instanceof Error er) {
            throw er;
        }
        throw new IllegalStateException(e.getCause());
    }
}
