package org.tokenfab.serving;

/** Chooses the replica that serves a request. Implementations are chosen by name in YAML. */
@FunctionalInterface
public interface Router {
    /** @return the index of the replica, in {@code [0, replicaCount)} */
    int route(Request request);
}
