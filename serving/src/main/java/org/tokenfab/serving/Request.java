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
    /** Output tokens that are reasoning (thinking) before the answer; 0 for a plain model. */
    int reasoningTokens;
    long firstTokenTime;
    /** When the first answer token (number {@code reasoningTokens + 1}) came out. */
    long firstAnswerTime;
    long lastTokenTime;

    /** Work scheduled for the running step: prefill tokens, or 0 for one decode token. */
    int scheduledPrefill;
    boolean done;
    /** The closed-loop user who sent it, or -1 for open-loop traffic. */
    int user = -1;
    /** Index of the request's workload class (0 with a single class). */
    int classIndex;
    /** The class's priority for the {@code priority} queue discipline: smaller goes first. */
    int priority;
    /** Cascade routing: 0 for the first attempt, 1 for the escalated one. */
    int attempt;
    /** Cascade routing: whether this attempt, on completion, is served again by the escalation pool. */
    boolean escalate;

    // Waiting-queue bookkeeping (WaitQueue).
    int heapIndex = -1;
    boolean queueFront;
    long queueRank;
    long queueSeq;

    // Prefix caching (KvCache): chain keys of the prompt's prefix units; the array is reused.
    long[] prefixKeys = new long[0];
    int prefixCount;
    int prefixUnitTokens;
    /** Leading prefix units referenced from the GPU cache. */
    int sharedUnits;
    /** Prefix units found in the CPU tier, loaded when admitted. */
    int loadUnits;
    /** Blocks in host swap space after a swap-out; 0 when not swapped. */
    int swappedBlocks;
    /** Whether the request has been admitted at least once (its wait limit no longer applies). */
    boolean started;
    /** Set by a prefill replica for the step in which the prompt finished: leaves for a decode replica. */
    boolean handedOff;

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
        this.firstAnswerTime = -1;
        this.reasoningTokens = 0;
        this.lastTokenTime = -1;
        this.scheduledPrefill = 0;
        this.done = false;
        this.user = -1;
        this.classIndex = 0;
        this.priority = 0;
        this.attempt = 0;
        this.escalate = false;
        this.heapIndex = -1;
        this.prefixCount = 0;
        this.prefixUnitTokens = 0;
        this.sharedUnits = 0;
        this.loadUnits = 0;
        this.swappedBlocks = 0;
        this.started = false;
        this.handedOff = false;
    }

    /**
     * Gives the request the prefix units of its prompt, {@code unitTokens} tokens each, named by
     * ids of which each names its unit and all before it (as trace block ids do). The cache keys
     * are a hash chain over the ids, so a key also names every unit before it.
     */
    void setPrefix(long[] ids, int count, int unitTokens) {
        if (prefixKeys.length < count) {
            prefixKeys = new long[Math.max(count, 2 * prefixKeys.length)];
        }
        long chain = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < count; i++) {
            chain = mix(chain ^ ids[i] * 0xBF58476D1CE4E5B9L + i);
            prefixKeys[i] = chain;
        }
        prefixCount = count;
        prefixUnitTokens = unitTokens;
    }

    /** Gives this request the same prefix keys as {@code other} (a cascade's second attempt). */
    void copyPrefix(Request other) {
        if (prefixKeys.length < other.prefixCount) {
            prefixKeys = new long[Math.max(other.prefixCount, 2 * prefixKeys.length)];
        }
        System.arraycopy(other.prefixKeys, 0, prefixKeys, 0, other.prefixCount);
        prefixCount = other.prefixCount;
        prefixUnitTokens = other.prefixUnitTokens;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
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

    /** When the first output token was produced, ns; -1 before it. */
    public long firstTokenTime() {
        return firstTokenTime;
    }

    /** When the latest output token was produced, ns; -1 before the first. */
    public long lastTokenTime() {
        return lastTokenTime;
    }

    /** Output tokens produced so far. */
    public int generatedTokens() {
        return generated;
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

    /** The closed-loop user or agentic session that sent it, or -1 for open-loop traffic. */
    public int user() {
        return user;
    }

    /** Index of the request's workload class. */
    public int classIndex() {
        return classIndex;
    }
}
