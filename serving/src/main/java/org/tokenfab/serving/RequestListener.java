package org.tokenfab.serving;

/**
 * Told when a request leaves the system, completed or rejected; must not keep the request (it is
 * pooled and reused). Public so that reports outside this package (time series, requests.csv) can
 * stream per-request figures without the recorder keeping them.
 */
@FunctionalInterface
public interface RequestListener {
    /** @param completed true if it completed, false if it was rejected */
    void finished(Request request, long now, boolean completed);
}
