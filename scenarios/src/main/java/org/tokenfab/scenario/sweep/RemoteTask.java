package org.tokenfab.scenario.sweep;

import java.io.Serializable;

/**
 * A task an engine runs on one text input, anywhere: serializable (a distributed engine ships it
 * to its workers), so it must capture nothing but serializable values, best nothing at all (a
 * static method reference). Used for work that is not a sweep point, such as a validation suite.
 *
 * @param <R> the result, serializable too: it travels back to the caller
 */
@FunctionalInterface
public interface RemoteTask<R extends Serializable> extends Serializable {
    R run(String input);
}
