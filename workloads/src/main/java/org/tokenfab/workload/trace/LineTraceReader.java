package org.tokenfab.workload.trace;

import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import org.tokenfab.sim.TokenFabException;

/**
 * Shared machinery of the line-oriented readers: line counting, skip-and-count, the ordering
 * check, binary detection, a bound on line length (so a file without line breaks is a message, not
 * an out-of-memory error), and allocation-free field splitting and number parsing. A subclass
 * parses its header ({@link #header}) and each data row ({@link #parse}); a bad row is reported by
 * throwing {@link Malformed} with what was wrong and what was expected.
 */
abstract class LineTraceReader implements TraceReader {
    private static final int MAX_FIELDS = 64;

    private final TraceInput input;
    private final BoundedLineReader reader;
    private final boolean skipMalformed;
    private long line;
    private long rowLine;
    private long skipped;
    private boolean headerDone;
    private long lastArrival = Long.MIN_VALUE;
    private long lastArrivalLine;
    private boolean closed;

    /** Field bounds of the current line after {@link #split}. */
    protected final int[] fieldStart = new int[MAX_FIELDS];
    protected final int[] fieldEnd = new int[MAX_FIELDS];
    protected int fieldCount;

    LineTraceReader(TraceInput input, boolean skipMalformed) {
        this.input = input;
        this.skipMalformed = skipMalformed;
        this.reader = new BoundedLineReader(input.openReader(), BoundedLineReader.DEFAULT_MAX_CHARS);
    }

    /** A row is malformed; the message says what was wrong and what was expected. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false); // no stack trace: cheap in skip mode
        }
    }

    /** The format's name in messages, e.g. "azure". */
    abstract String format();

    /** What the header should look like, for the "empty file" message. */
    abstract String expectedHeader();

    /**
     * Handles the first non-blank line.
     *
     * @return true if it was a header (consumed), false if it is already a data row
     * @throws TokenFabException on a wrong header
     */
    abstract boolean header(String line);

    /** Parses one data row into {@code out} (already cleared), arrival relative to the origin. */
    abstract void parse(String line, TraceRecord out) throws Malformed;

    @Override
    public final boolean next(TraceRecord out) {
        while (true) {
            String text = readLine();
            if (text == null) {
                if (!headerDone) {
                    throw new TokenFabException(where(0) + "the file is empty; expected a " + format()
                            + " trace starting with " + expectedHeader());
                }
                if (rowLine == 0) {
                    // A trace with no request is a mistake (a truncated export, the wrong file), not a quiet empty run.
                    throw new TokenFabException(where(0) + (skipped > 0 ? "all " + skipped + " rows are malformed (skipped)"
                            : "no rows after the header") + "; expected at least one " + format() + " row");
                }
                return false;
            }
            if (reader.lastLineTooLong()) {
                if (skipMalformed && headerDone) {
                    skipped++;
                    continue;
                }
                throw new TokenFabException(where(line) + "the line is longer than " + reader.maxChars() + " characters; expected one "
                        + format() + " row per line (is this the right file?)");
            }
            if (text.isBlank()) {
                continue;
            }
            if (text.indexOf('\0') >= 0) {
                throw new TokenFabException(where(line) + "binary data (NUL bytes); expected a " + format()
                        + " text trace. Is this the right file?");
            }
            if (!headerDone) {
                headerDone = true;
                if (header(stripBom(text))) {
                    continue;
                }
                text = stripBom(text);
            }
            out.clear();
            try {
                parse(text, out);
                if (out.arrivalNanos < lastArrival) {
                    throw new Malformed("arrival time goes back in time: " + seconds(out.arrivalNanos)
                            + " s after " + seconds(lastArrival) + " s on line " + lastArrivalLine
                            + "; expected rows sorted by timestamp (sort the file first)");
                }
            } catch (Malformed e) {
                if (skipMalformed) {
                    skipped++;
                    continue;
                }
                throw new TokenFabException(where(line) + e.getMessage()
                        + " (add skip_malformed: true to the trace to skip and count bad rows)");
            }
            lastArrival = out.arrivalNanos;
            lastArrivalLine = line;
            rowLine = line;
            return true;
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.6f", nanos / 1e9);
    }

    private static String stripBom(String s) {
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    private String readLine() {
        try {
            String s = reader.readLine();
            if (s != null) {
                line++;
            }
            return s;
        } catch (CharacterCodingException | CharConversionException e) {
            throw new TokenFabException(where(line + 1) + "not UTF-8 text (binary data?); expected a "
                    + format() + " text trace, plain or gzip-compressed", e);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new TokenFabException(where(line + 1) + "corrupt or truncated gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TokenFabException(where(line + 1) + "read error: " + e.getMessage(), e);
        }
    }

    /** "file line N: " prefix of every message. */
    final String where(long lineNumber) {
        return lineNumber > 0 ? input.name() + " line " + lineNumber + ": " : input.name() + ": ";
    }

    /** A TokenFabException for a problem with the header line. */
    final TokenFabException headerError(String what) {
        return new TokenFabException(where(line) + what);
    }

    @Override
    public final long line() {
        return rowLine;
    }

    @Override
    public final long skipped() {
        return skipped;
    }

    @Override
    public final String source() {
        return input.name();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                reader.close();
            } catch (IOException ignored) {
                // nothing useful to do: the data was read (or the error already reported)
            }
        }
    }

    // ---- allocation-free helpers ------------------------------------------------------------

    /** Splits {@code s} at {@code sep} into {@link #fieldStart}/{@link #fieldEnd}, trimming spaces and quotes. */
    final void split(String s, char sep) throws Malformed {
        int n = 0;
        int start = 0;
        int len = s.length();
        while (true) {
            int end = s.indexOf(sep, start);
            if (end < 0) {
                end = len;
            }
            if (n == MAX_FIELDS) {
                throw new Malformed("more than " + MAX_FIELDS + " fields");
            }
            int a = start;
            int b = end;
            while (a < b && s.charAt(a) == ' ') {
                a++;
            }
            while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\r')) {
                b--;
            }
            if (b - a >= 2 && s.charAt(a) == '"' && s.charAt(b - 1) == '"') {
                a++;
                b--;
            }
            fieldStart[n] = a;
            fieldEnd[n] = b;
            n++;
            if (end == len) {
                break;
            }
            start = end + 1;
        }
        fieldCount = n;
    }

    final String field(String s, int i) {
        return s.substring(fieldStart[i], fieldEnd[i]);
    }

    /** Header names from the split line. */
    final String[] headerNames(String s, char sep) {
        try {
            split(s, sep);
        } catch (Malformed e) {
            throw headerError("header has " + e.getMessage());
        }
        String[] names = new String[fieldCount];
        for (int i = 0; i < fieldCount; i++) {
            names[i] = field(s, i);
        }
        return names;
    }

    static int indexOf(String[] names, String wanted) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(wanted)) {
                return i;
            }
        }
        return -1;
    }

    /** Parses a non-negative int in {@code s[a, b)}. */
    static int parseCount(String s, int a, int b, String what) throws Malformed {
        long v = parseLongOrFail(s, a, b, what);
        if (v > Integer.MAX_VALUE) {
            throw new Malformed(what + " is " + s.substring(a, b) + ", too large; expected at most " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    /** Parses a non-negative long in {@code s[a, b)}; a decimal point followed by zeros is allowed (e.g. "12.0"). */
    static long parseLongOrFail(String s, int a, int b, String what) throws Malformed {
        if (a >= b) {
            throw new Malformed(what + " is empty; expected a non-negative integer");
        }
        long v = 0;
        int i = a;
        for (; i < b; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            if (v > (Long.MAX_VALUE - 9) / 10) {
                throw new Malformed(what + " is " + s.substring(a, b) + ", too large");
            }
            v = v * 10 + (c - '0');
        }
        if (i < b && s.charAt(i) == '.' && i > a) {
            int j = i + 1;
            while (j < b && s.charAt(j) == '0') {
                j++;
            }
            if (j == b) {
                return v;
            }
        }
        if (i != b || i == a) {
            throw new Malformed(what + " is '" + abbreviate(s.substring(a, b)) + "'; expected a non-negative integer");
        }
        return v;
    }

    /**
     * Parses a non-negative decimal number {@code s[a, b)} (e.g. {@code 12}, {@code 3.25}) exactly
     * into a count of {@code unitNanos} units expressed in ns (seconds: 1e9, ms: 1e6).
     */
    static long parseDecimalNanos(String s, int a, int b, long unitNanos, String what) throws Malformed {
        if (a >= b) {
            throw new Malformed(what + " is empty; expected a non-negative number");
        }
        long whole = 0;
        int i = a;
        for (; i < b && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            whole = whole * 10 + (s.charAt(i) - '0');
            if (whole > Long.MAX_VALUE / unitNanos) {
                throw new Malformed(what + " is " + s.substring(a, b) + ", too large");
            }
        }
        long nanos = whole * unitNanos;
        boolean digits = i > a;
        if (i < b && s.charAt(i) == '.') {
            i++;
            long scale = unitNanos;
            long frac = 0;
            for (; i < b && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
                digits = true;
                if (scale >= 10) {
                    scale /= 10;
                    frac += (s.charAt(i) - '0') * scale;
                }
            }
            nanos += frac;
        }
        if (i != b || !digits) {
            throw new Malformed(what + " is '" + abbreviate(s.substring(a, b)) + "'; expected a non-negative number");
        }
        return nanos;
    }

    static String abbreviate(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 40; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.length() > 40 ? b + "..." : b.toString();
    }

    /** Returns {@code previous} if it equals {@code s[a, b)}, else a new string: labels repeat, so rows share instances. */
    static String reuse(String previous, String s, int a, int b) {
        if (previous != null && previous.length() == b - a && s.regionMatches(a, previous, 0, b - a)) {
            return previous;
        }
        return s.substring(a, b);
    }

    static String list(String[] names) {
        return String.join(",", Arrays.asList(names));
    }
}
