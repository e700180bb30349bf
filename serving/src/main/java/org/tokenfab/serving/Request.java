package org.tokenfab.serving;

/**
 * One inference request and its progress. Mutable and pooled: a {@link RequestPool} hands the same
 * object out again after the request leaves the system, so nothing may keep a reference to a
 * request after it completed or was rejected.
 *
 * <p>KV accounting: {@code kvTokens} counts the tokens whose keys and values are in the cache. A
 * prefill chunk of c tokens adds c; a decode step adds one (the previous output token is fed back).
 * Preemption by recompute drops the cache; the tokens already generated are then prefilled again
 * together with the prompt, as vLLM does.
 */
public final class Request {
    long id;
    long arrivalTime;
    int inputTokens;
    int outputTokens;

    /** Tokens to prefill before the next output token: the prompt, or prompt + generated after a recompute. */
    int prefillTarget;
    int prefilled;
    int generated;
    int kvTokens;
    int kvBlocks;
    long firstTokenTime;
    long lastTokenTime;

    /** Work scheduled for the running step: prefill tokens, or 0 for one decode token. */
    int scheduledPrefill;
    boolean done;
    /** The closed-loop user who sent it, or -1 for open-loop traffic. */
    int user = -1;
    /** Index of the request's workload class (0 with a single class). */
    int classIndex;

    void init(long id, long arrivalTime, int inputTokens, int outputTokens) {
        this.id = id;
        this.arrivalTime = arrivalTime;
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
        this.prefillTarget = inputTokens;
        this.prefilled = 0;
        this.generated = 0;
        this.kvTokens = 0;
        this.kvBlocks = 0;
        this.firstTokenTime = -1;
        this.lastTokenTime = -1;
        this.scheduledPrefill = 0;
        this.done = false;
        this.user = -1;
        this.classIndex = 0;
    }

    boolean inDecode() {
        return prefilled == prefillTarget;
    }

    int prefillRemaining() {
        return prefillTarget - prefilled;
    }

    public long id() {
        return id;
    }

    public long arrivalTime() {
        return arrivalTime;
    }

    public int inputTokens() {
        return inputTokens;
    }

    public int outputTokens() {
        return outputTokens;
    }
}
