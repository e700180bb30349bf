package org.tokenfab.workload.trace;

import java.util.Arrays;

/**
 * One request of a trace, as a <em>mutable</em> record that a {@link TraceReader} fills row after
 * row: readers reuse the caller's instance (and its block array), so replaying a trace of tens of
 * millions of rows allocates nothing per row beyond what parsing needs.
 *
 * <p>Fields are public for speed and simplicity; {@link #clear()} resets them to "absent".
 * Absent optional values are {@code -1} (ids), {@code null} (names) or {@code 0} (counts).
 */
public final class TraceRecord {
    /** Arrival time in ns from the trace's origin (see {@link TraceReader}), never negative. */
    public long arrivalNanos;
    /** Prompt (context) tokens. */
    public int inputTokens;
    /** Generated tokens. */
    public int outputTokens;
    /** Images attached (Azure 2025 multimodal), else 0. */
    public int images;
    /** Prefix-block ids, valid in {@code [0, blockCount)}; each id names its block and all before it. */
    public long[] blockIds = new long[64];
    /** Number of valid entries in {@link #blockIds}; 0 when the trace has no prefix information. */
    public int blockCount;
    /** Tokens per prefix block (512 for Mooncake, 16 for Bailian), 0 without prefix information. */
    public int blockSizeTokens;
    /** This request's id in the trace (Bailian {@code chat_id}), or -1. */
    public long requestId;
    /** Session (conversation) id, or -1: Bailian root chat, BurstGPT {@code Session ID}, ServeGen client. */
    public long sessionId;
    /** The previous turn's request id (Bailian {@code parent_chat_id}), or -1 for a first turn / unknown. */
    public long parentId;
    /** Turn number within the session (Bailian), or 0. */
    public int turn;
    /** Class or tenant label (BurstGPT log type, Bailian type, ServeGen client), or null; reused instances. */
    public String className;
    /** Model name (BurstGPT {@code Model}), or null; reused instances. */
    public String model;
    /** True for a request the trace marks as failed (BurstGPT: {@code Response tokens} = 0). */
    public boolean failed;

    /** Resets every field to "absent"; keeps the block array for reuse. */
    public void clear() {
        arrivalNanos = 0;
        inputTokens = 0;
        outputTokens = 0;
        images = 0;
        blockCount = 0;
        blockSizeTokens = 0;
        requestId = -1;
        sessionId = -1;
        parentId = -1;
        turn = 0;
        className = null;
        model = null;
        failed = false;
    }

    /** Appends one prefix-block id, growing the array when needed (amortised, rare). */
    public void addBlock(long id) {
        if (blockCount == blockIds.length) {
            blockIds = Arrays.copyOf(blockIds, blockIds.length * 2);
        }
        blockIds[blockCount++] = id;
    }

    /** Copies {@code other} into this record (the block array is copied, not shared). */
    public void copyFrom(TraceRecord other) {
        arrivalNanos = other.arrivalNanos;
        inputTokens = other.inputTokens;
        outputTokens = other.outputTokens;
        images = other.images;
        if (blockIds.length < other.blockCount) {
            blockIds = new long[other.blockIds.length];
        }
        System.arraycopy(other.blockIds, 0, blockIds, 0, other.blockCount);
        blockCount = other.blockCount;
        blockSizeTokens = other.blockSizeTokens;
        requestId = other.requestId;
        sessionId = other.sessionId;
        parentId = other.parentId;
        turn = other.turn;
        className = other.className;
        model = other.model;
        failed = other.failed;
    }

    @Override
    public String toString() {
        return "TraceRecord[t=" + arrivalNanos + "ns, in=" + inputTokens + ", out=" + outputTokens
                + ", blocks=" + blockCount + (failed ? ", failed" : "") + "]";
    }
}
