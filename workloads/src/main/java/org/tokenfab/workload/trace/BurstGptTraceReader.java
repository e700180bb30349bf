package org.tokenfab.workload.trace;

import java.util.List;
import org.tokenfab.sim.DidYouMean;

/**
 * BurstGPT traces (HPMLL/BurstGPT), format name {@code burstgpt}: CSV with a header, columns
 * found by name because releases differ in order: {@code Timestamp} (seconds since 0:00 of the
 * first day), {@code Model}, {@code Request tokens}, {@code Response tokens}, {@code Total tokens},
 * {@code Log Type}, and in v2 optionally {@code Session ID} and {@code Elapsed time} (ignored).
 *
 * <p>A row with {@code Response tokens} = 0, or a log type containing "fail", is flagged
 * {@link TraceRecord#failed}; it is still returned, since its arrival is part of the load. The
 * model goes to {@link TraceRecord#model}, the log type to {@link TraceRecord#className}, the
 * session id (conversation rows only) to {@link TraceRecord#sessionId}.
 */
public final class BurstGptTraceReader extends LineTraceReader {
    static final String HEADER = "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type";
    private static final long S = 1_000_000_000L;

    private int colTime;
    private int colModel;
    private int colIn;
    private int colOut;
    private int colLog;
    private int colSession;
    private int columns;
    private String lastModel;
    private String lastLog;

    public BurstGptTraceReader(TraceInput input, boolean skipMalformed) {
        super(input, skipMalformed);
    }

    @Override
    String format() {
        return "burstgpt";
    }

    @Override
    String expectedHeader() {
        return "a header naming the columns " + HEADER;
    }

    @Override
    boolean header(String line) {
        String[] names = headerNames(line, ',');
        colTime = require(names, "Timestamp", line);
        colIn = require(names, "Request tokens", line);
        colOut = require(names, "Response tokens", line);
        colModel = indexOf(names, "Model");
        colLog = indexOf(names, "Log Type");
        colSession = indexOf(names, "Session ID");
        columns = names.length;
        return true;
    }

    private int require(String[] names, String wanted, String line) {
        int i = indexOf(names, wanted);
        if (i < 0) {
            throw headerError("the header '" + abbreviate(line) + "' has no column '" + wanted + "'"
                    + DidYouMean.clause(wanted, List.of(names)) + "; expected " + expectedHeader());
        }
        return i;
    }

    @Override
    void parse(String line, TraceRecord out) throws Malformed {
        split(line, ',');
        if (fieldCount != columns) {
            throw new Malformed(fieldCount + " fields; expected " + columns + " as in the header");
        }
        out.arrivalNanos = parseDecimalNanos(line, fieldStart[colTime], fieldEnd[colTime], S, "Timestamp");
        out.inputTokens = parseCount(line, fieldStart[colIn], fieldEnd[colIn], "Request tokens");
        out.outputTokens = parseCount(line, fieldStart[colOut], fieldEnd[colOut], "Response tokens");
        if (colModel >= 0) {
            out.model = lastModel = reuse(lastModel, line, fieldStart[colModel], fieldEnd[colModel]);
        }
        boolean failedLog = false;
        if (colLog >= 0) {
            out.className = lastLog = reuse(lastLog, line, fieldStart[colLog], fieldEnd[colLog]);
            failedLog = lastLog.toLowerCase(java.util.Locale.ROOT).contains("fail");
        }
        if (colSession >= 0 && fieldEnd[colSession] > fieldStart[colSession]) {
            out.sessionId = parseLongOrFail(line, fieldStart[colSession], fieldEnd[colSession], "Session ID");
        }
        out.failed = out.outputTokens == 0 || failedLog;
    }
}
