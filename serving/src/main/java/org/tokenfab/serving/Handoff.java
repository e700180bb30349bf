package org.tokenfab.serving;

/**
 * Where a prefill replica sends a request whose prompt it has processed (prefill/decode
 * disaggregation). The replica keeps the request's KV blocks until {@link Replica#releaseSent}
 * says they have been sent.
 */
@FunctionalInterface
public interface Handoff {
    /** {@code r}'s prompt is in {@code from}'s KV cache at {@code now}: move it on. */
    void prefilled(Replica from, Request r, long now);
}
