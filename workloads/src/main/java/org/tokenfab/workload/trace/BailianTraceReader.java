package org.tokenfab.workload.trace;

/**
 * Qwen-Bailian traces (alibaba-edu/qwen-bailian-usagetraces-anon), format name {@code bailian}: JSONL,
 * one object per line with {@code chat_id}, {@code parent_chat_id} (-1 for a first turn),
 * {@code timestamp} (seconds, decimals allowed), {@code input_length}, {@code output_length},
 * {@code type} (text, image, search, file), {@code turn} and {@code hash_ids} (one id per
 * 16-token block, each covering its block and all before it). Unknown keys are ignored.
 *
 * <p>Sessions: {@link TraceRecord#requestId} is the chat id, {@link TraceRecord#parentId} the
 * parent's, and {@link TraceRecord#sessionId} the id of the session's first turn, found by
 * following parents already seen (a parent not seen in the file starts its own session under the
 * parent's id). This map grows with the number of requests (16 bytes each).
 *
 * <p>Written from the published field list without a sample of the real files; tested on a
 * hand-written fixture.
 */
public final class BailianTraceReader extends LineTraceReader {
    /** Tokens per hash-id block. */
    public static final int BLOCK_TOKENS = 16;
    private static final long S = 1_000_000_000L;

    private final JsonCursor json = new JsonCursor();
    private final LongLongMap rootOf = new LongLongMap();
    private String lastType;

    public BailianTraceReader(TraceInput input, boolean skipMalformed) {
        super(input, skipMalformed);
    }

    @Override
    String format() {
        return "bailian";
    }

    @Override
    String expectedHeader() {
        return "a JSON object per line ({\"chat_id\": …, \"parent_chat_id\": …, \"timestamp\": s, \"input_length\": …, "
                + "\"output_length\": …, \"type\": …, \"turn\": …, \"hash_ids\": […]})";
    }

    @Override
    boolean header(String line) {
        if (!line.stripLeading().startsWith("{")) {
            throw headerError("the first line '" + abbreviate(line) + "' is not a JSON object; expected " + expectedHeader());
        }
        return false;
    }

    @Override
    void parse(String line, TraceRecord out) throws Malformed {
        out.blockSizeTokens = BLOCK_TOKENS;
        json.begin(line);
        int seen = 0;
        while (json.nextKey()) {
            if (json.keyIs("timestamp")) {
                out.arrivalNanos = json.decimalNanos(S, "timestamp");
                seen |= 1;
            } else if (json.keyIs("input_length")) {
                out.inputTokens = json.countValue("input_length");
                seen |= 2;
            } else if (json.keyIs("output_length")) {
                out.outputTokens = json.countValue("output_length");
                seen |= 4;
            } else if (json.keyIs("chat_id")) {
                out.requestId = json.longValue("chat_id");
            } else if (json.keyIs("parent_chat_id")) {
                out.parentId = json.valueIsNull() ? skipNull() : json.longValue("parent_chat_id");
            } else if (json.keyIs("turn")) {
                out.turn = json.countValue("turn");
            } else if (json.keyIs("type")) {
                out.className = lastType = json.stringValue(lastType);
            } else if (json.keyIs("hash_ids")) {
                json.blockArray(out, "hash_ids");
            } else {
                json.skipValue();
            }
        }
        if (seen != 7) {
            throw new Malformed("missing " + ((seen & 1) == 0 ? "\"timestamp\"" : (seen & 2) == 0 ? "\"input_length\"" : "\"output_length\"")
                    + "; expected " + expectedHeader());
        }
        if (out.parentId < 0) {
            out.parentId = -1;
            out.sessionId = out.requestId;
        } else {
            long root = rootOf.get(out.parentId, out.parentId);
            out.sessionId = root;
        }
        if (out.requestId >= 0) {
            rootOf.put(out.requestId, out.sessionId);
        }
    }

    private long skipNull() throws Malformed {
        json.skipValue();
        return -1;
    }
}
