package org.tokenfab.workload.trace;

import org.tokenfab.workload.trace.LineTraceReader.Malformed;

/**
 * A minimal allocation-free cursor over one flat JSON object per line (JSONL traces): keys are
 * compared in place, numbers parsed in place, arrays of integers appended to a record's blocks,
 * and values of unknown keys skipped. Not a general JSON parser: enough for Mooncake and Bailian
 * rows, with clear messages for anything else.
 */
final class JsonCursor {
    private String s;
    private int pos;
    private int end;
    private boolean first;
    int keyStart;
    int keyEnd;
    int valStart;
    int valEnd;

    /** Starts on a line that must hold one object. */
    void begin(String line) throws Malformed {
        s = line;
        end = line.length();
        pos = 0;
        ws();
        if (pos >= end || s.charAt(pos) != '{') {
            throw new Malformed("not a JSON object: '" + LineTraceReader.abbreviate(line) + "'; expected one {...} per line");
        }
        pos++;
        first = true;
    }

    /** Advances to the next key; false at the closing brace. */
    boolean nextKey() throws Malformed {
        ws();
        if (pos < end && s.charAt(pos) == '}') {
            pos++;
            ws();
            if (pos != end) {
                throw new Malformed("text after the JSON object: '" + LineTraceReader.abbreviate(s.substring(pos)) + "'");
            }
            return false;
        }
        if (!first) {
            expect(',');
            ws();
        }
        first = false;
        if (pos >= end || s.charAt(pos) != '"') {
            throw new Malformed("broken JSON at column " + (pos + 1) + ": expected a quoted key");
        }
        keyStart = ++pos;
        while (pos < end && s.charAt(pos) != '"') {
            pos++;
        }
        if (pos >= end) {
            throw new Malformed("broken JSON: unterminated key");
        }
        keyEnd = pos++;
        ws();
        expect(':');
        ws();
        return true;
    }

    boolean keyIs(String name) {
        return keyEnd - keyStart == name.length() && s.regionMatches(keyStart, name, 0, name.length());
    }

    String key() {
        return s.substring(keyStart, keyEnd);
    }

    /** Marks a scalar (number, true/false/null) value's span and moves past it. */
    void scalar() throws Malformed {
        valStart = pos;
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == ',' || c == '}' || c == ' ' || c == '\t') {
                break;
            }
            if (c == '"' || c == '[' || c == '{') {
                throw new Malformed("\"" + key() + "\" is not a number; expected a number");
            }
            pos++;
        }
        valEnd = pos;
    }

    boolean valueIsNull() {
        return pos + 4 <= end && s.startsWith("null", pos);
    }

    long longValue(String what) throws Malformed {
        scalar();
        if (valEnd > valStart && s.charAt(valStart) == '-') {
            // Negative ids (e.g. parent -1) are legal; parse the magnitude.
            return -LineTraceReader.parseLongOrFail(s, valStart + 1, valEnd, what);
        }
        return LineTraceReader.parseLongOrFail(s, valStart, valEnd, what);
    }

    int countValue(String what) throws Malformed {
        scalar();
        return LineTraceReader.parseCount(s, valStart, valEnd, what);
    }

    long decimalNanos(long unitNanos, String what) throws Malformed {
        scalar();
        return LineTraceReader.parseDecimalNanos(s, valStart, valEnd, unitNanos, what);
    }

    /** A string value, reusing {@code previous} when equal. */
    String stringValue(String previous) throws Malformed {
        if (pos >= end || s.charAt(pos) != '"') {
            scalar();
            return LineTraceReader.reuse(previous, s, valStart, valEnd);
        }
        int a = ++pos;
        while (pos < end && s.charAt(pos) != '"') {
            if (s.charAt(pos) == '\\') {
                pos++;
            }
            pos++;
        }
        if (pos >= end) {
            throw new Malformed("broken JSON: unterminated string for \"" + key() + "\"");
        }
        int b = pos++;
        return LineTraceReader.reuse(previous, s, a, b);
    }

    /** Appends an array of non-negative integers to {@code out}'s blocks. */
    void blockArray(TraceRecord out, String what) throws Malformed {
        if (pos >= end || s.charAt(pos) != '[') {
            throw new Malformed("\"" + what + "\" is not an array; expected a list of integers");
        }
        pos++;
        ws();
        if (pos < end && s.charAt(pos) == ']') {
            pos++;
            return;
        }
        while (true) {
            ws();
            int a = pos;
            while (pos < end && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            out.addBlock(LineTraceReader.parseLongOrFail(s, a, pos, what + " element"));
            ws();
            if (pos >= end) {
                throw new Malformed("broken JSON: unterminated \"" + what + "\" array");
            }
            char c = s.charAt(pos++);
            if (c == ']') {
                return;
            }
            if (c != ',') {
                throw new Malformed("\"" + what + "\" holds '" + c + "' at column " + pos + "; expected integers separated by commas");
            }
        }
    }

    /** Skips a value of any type (unknown keys). */
    void skipValue() throws Malformed {
        int depth = 0;
        boolean inString = false;
        while (pos < end) {
            char c = s.charAt(pos);
            if (inString) {
                if (c == '\\') {
                    pos++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                if (depth == 0) {
                    return;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return;
            }
            pos++;
        }
        throw new Malformed("broken JSON: the object is not closed; expected one complete object per line");
    }

    private void ws() {
        while (pos < end && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == '\r')) {
            pos++;
        }
    }

    private void expect(char c) throws Malformed {
        if (pos >= end || s.charAt(pos) != c) {
            throw new Malformed("broken JSON at column " + (pos + 1) + ": expected '" + c + "'");
        }
        pos++;
    }
}
