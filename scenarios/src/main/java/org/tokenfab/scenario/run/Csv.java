package org.tokenfab.scenario.run;

/** CSV details shared by the report files (RFC 4180 quoting), so that pandas and spreadsheets read them as is. */
final class Csv {
    private Csv() {
    }

    /** {@code text} as one field: quoted, with quotes doubled, when it holds a comma, quote or line break. */
    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * Appends {@code value / 10^scale} with {@code scale} decimals using integer arithmetic only:
     * per-request rows are formatted without allocating (no {@code String.format}, no boxing).
     */
    static void appendScaled(StringBuilder sb, long value, int scale) {
        long divisor = 1;
        for (int i = 0; i < scale; i++) {
            divisor *= 10;
        }
        if (value < 0) {
            sb.append('-');
            value = -value;
        }
        sb.append(value / divisor);
        if (scale > 0) {
            sb.append('.');
            long frac = value % divisor;
            for (long d = divisor / 10; d > 1 && frac < d; d /= 10) {
                sb.append('0');
            }
            sb.append(frac);
        }
    }
}
