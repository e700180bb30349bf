package org.tokenfab.workload.trace;

import org.tokenfab.sim.DidYouMean;

/**
 * Mooncake traces (kvcache-ai/Mooncake, FAST'25), format name {@code mooncake}, in either form
 * (detected from the first line):
 * <ul>
 *   <li>CSV with header {@code timestamp_ms,input_length,output_length,hash_ids}, the ids separated
 *       by spaces;
 *   <li>the original JSONL, one {@code {"timestamp": ms, "input_length": …, "output_length": …,
 *       "hash_ids": […]}} per line.
 * </ul>
 * Timestamps are ms from the start of the trace (decimals allowed). Each hash id names one
 * 512-token block and all blocks before it, so requests share a cacheable prefix exactly as far as
 * their leading ids agree.
 */
public final class MooncakeTraceReader extends LineTraceReader {
    /** Tokens per hash-id block. */
    public static final int BLOCK_TOKENS = 512;
    static final String HEADER = "timestamp_ms,input_length,output_length,hash_ids";
    private static final long MS = 1_000_000L;

    private boolean jsonl;
    private final JsonCursor json = new JsonCursor();

    public MooncakeTraceReader(TraceInput input, boolean skipMalformed) {
        super(input, skipMalformed);
    }

    /** True if the source is JSONL (known after the first row). */
    public boolean isJsonl() {
        return jsonl;
    }

    @Override
    String format() {
        return "mooncake";
    }

    @Override
    String expectedHeader() {
        return "the CSV header '" + HEADER + "' or a JSON object per line";
    }

    @Override
    boolean header(String line) {
        if (line.stripLeading().startsWith("{")) {
            jsonl = true;
            return false;
        }
        String[] names = headerNames(line, ',');
        String[] wanted = HEADER.split(",");
        if (names.length != wanted.length) {
            throw headerError("the header '" + abbreviate(line) + "' has " + names.length + " columns; expected '" + HEADER + "' (is this a mooncake trace?)");
        }
        for (int i = 0; i < wanted.length; i++) {
            if (!names[i].equalsIgnoreCase(wanted[i])) {
                throw headerError("the header has '" + names[i] + "' as column " + (i + 1) + DidYouMean.clause(names[i], java.util.List.of(wanted))
                        + "; expected '" + HEADER + "' (is this a mooncake trace?)");
            }
        }
        return true;
    }

    @Override
    void parse(String line, TraceRecord out) throws Malformed {
        out.blockSizeTokens = BLOCK_TOKENS;
        if (jsonl) {
            parseJson(line, out);
            return;
        }
        split(line, ',');
        if (fieldCount != 4) {
            throw new Malformed(fieldCount + " fields; expected 4 (" + HEADER + ")");
        }
        out.arrivalNanos = parseDecimalNanos(line, fieldStart[0], fieldEnd[0], MS, "timestamp_ms");
        out.inputTokens = parseCount(line, fieldStart[1], fieldEnd[1], "input_length");
        out.outputTokens = parseCount(line, fieldStart[2], fieldEnd[2], "output_length");
        int i = fieldStart[3];
        int e = fieldEnd[3];
        while (i < e) {
            int j = i;
            while (j < e && line.charAt(j) != ' ') {
                j++;
            }
            if (j > i) {
                out.addBlock(parseLongOrFail(line, i, j, "hash_ids element"));
            }
            i = j + 1;
        }
    }

    private void parseJson(String line, TraceRecord out) throws Malformed {
        json.begin(line);
        int seen = 0;
        while (json.nextKey()) {
            if (json.keyIs("timestamp")) {
                out.arrivalNanos = json.decimalNanos(MS, "timestamp");
                seen |= 1;
            } else if (json.keyIs("input_length")) {
                out.inputTokens = json.countValue("input_length");
                seen |= 2;
            } else if (json.keyIs("output_length")) {
                out.outputTokens = json.countValue("output_length");
                seen |= 4;
            } else if (json.keyIs("hash_ids")) {
                json.blockArray(out, "hash_ids");
            } else {
                json.skipValue();
            }
        }
        if (seen != 7) {
            throw new Malformed("missing " + ((seen & 1) == 0 ? "\"timestamp\"" : (seen & 2) == 0 ? "\"input_length\"" : "\"output_length\"")
                    + "; expected {\"timestamp\": ms, \"input_length\": n, \"output_length\": n, \"hash_ids\": [...]}");
        }
    }
}
