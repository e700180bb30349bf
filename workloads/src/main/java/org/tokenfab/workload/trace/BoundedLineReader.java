package org.tokenfab.workload.trace;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines like {@link java.io.BufferedReader#readLine()} ({@code \n}, {@code \r\n} or {@code \r}
 * ends a line) but never holds more than {@code maxChars} of one line: the rest of an over-long
 * line is read and dropped, and {@link #lastLineTooLong()} says so. Why: a trace without line
 * breaks (a binary file, a JSON array on one line, a file of gigabytes) would otherwise become one
 * string and end in an out-of-memory error instead of a message with a line number.
 */
final class BoundedLineReader implements Closeable {
    /** Longest line kept: far above real rows (a Bailian row of 128k tokens in 16-token blocks is ~80k chars). */
    static final int DEFAULT_MAX_CHARS = 1 << 22;

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder line = new StringBuilder(256);
    private int pos;
    private int limit;
    private boolean skipLf;
    private boolean tooLong;

    BoundedLineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator, at most {@code maxChars} long; null at the end. */
    String readLine() throws IOException {
        line.setLength(0);
        tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? line.toString() : null;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            any = true;
            int start = pos;
            while (pos < limit && buffer[pos] != '\n' && buffer[pos] != '\r') {
                pos++;
            }
            append(start, pos);
            if (pos < limit) {
                skipLf = buffer[pos] == '\r';
                pos++;
                return line.toString();
            }
        }
    }

    private void append(int from, int to) {
        int room = maxChars - line.length();
        if (to - from > room) {
            tooLong = true;
            to = from + Math.max(room, 0);
        }
        line.append(buffer, from, to - from);
    }

    /** True when the line last returned was cut at {@code maxChars}. */
    boolean lastLineTooLong() {
        return tooLong;
    }

    int maxChars() {
        return maxChars;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
