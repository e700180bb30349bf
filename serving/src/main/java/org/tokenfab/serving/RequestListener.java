package org.tokenfab.serving;

/** Told when a request leaves the system, completed or rejected; must not keep the request. */
@FunctionalInterface
interface RequestListener {
    /** @param completed true if it completed, false if it was rejected */
    void finished(Request request, long now, boolean completed);
}
