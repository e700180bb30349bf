package org.tokenfab.workload.trace;

import org.tokenfab.sim.DidYouMean;

/**
 * Azure LLM inference traces (Azure/AzurePublicDataset), format name {@code azure}. Columns are
 * found by header name, so all three published forms are read:
 * <ul>
 *   <li>2023: {@code TIMESTAMP,ContextTokens,GeneratedTokens}, {@code 2023-11-16 18:17:03.9799600}
 *       (7 fractional digits, no zone, UTC);
 *   <li>2024: same columns, {@code 2024-05-12 00:00:00.001163+00:00}, some rows without fraction;
 *   <li>2025 multimodal: {@code TIMESTAMP,NumImages,ContextTokens,GeneratedTokens},
 *       {@code 2024-10-15T12:00:00.269Z}.
 * </ul>
 * Timestamps are parsed exactly to the nanosecond (up to 9 fractional digits, zone offsets
 * applied) without allocating. Arrival times are relative to the first row. {@link #variant()}
 * says which form the header and first row showed.
 */
public final class AzureTraceReader extends LineTraceReader {
    static final String HEADER = "TIMESTAMP,ContextTokens,GeneratedTokens";
    private static final String HEADER_2025 = "TIMESTAMP,NumImages,ContextTokens,GeneratedTokens";

    private int colTime = 0;
    private int colIn = 1;
    private int colOut = 2;
    private int colImages = -1;
    private int columns = 3;
    private boolean hasOrigin;
    private long originEpochNanos;
    private String variant = "unknown";

    public AzureTraceReader(TraceInput input, boolean skipMalformed) {
        super(input, skipMalformed);
    }

    /** "2023", "2024" or "2025" after the first row ("unknown" before). */
    public String variant() {
        return variant;
    }

    /** Epoch ns (UTC) of the first row, the origin of arrival times; meaningful after the first row. */
    public long originEpochNanos() {
        return originEpochNanos;
    }

    @Override
    String format() {
        return "azure";
    }

    @Override
    String expectedHeader() {
        return "the header '" + HEADER + "' (2025 form: '" + HEADER_2025 + "')";
    }

    @Override
    boolean header(String line) {
        String[] names = headerNames(line, ',');
        colTime = indexOf(names, "TIMESTAMP");
        colIn = indexOf(names, "ContextTokens");
        colOut = indexOf(names, "GeneratedTokens");
        colImages = indexOf(names, "NumImages");
        String[] wanted = {"TIMESTAMP", "ContextTokens", "GeneratedTokens"};
        int[] cols = {colTime, colIn, colOut};
        for (int i = 0; i < 3; i++) {
            if (cols[i] < 0) {
                String hint = DidYouMean.clause(wanted[i], java.util.List.of(names));
                throw headerError("the header '" + abbreviate(line) + "' has no column '" + wanted[i] + "'" + hint
                        + "; expected " + expectedHeader());
            }
        }
        columns = names.length;
        return true;
    }

    @Override
    void parse(String line, TraceRecord out) throws Malformed {
        split(line, ',');
        if (fieldCount != columns) {
            throw new Malformed(fieldCount + " fields; expected " + columns + " (" + (colImages >= 0 ? HEADER_2025 : HEADER) + ")");
        }
        long epoch = parseTimestamp(line, fieldStart[colTime], fieldEnd[colTime]);
        out.inputTokens = parseCount(line, fieldStart[colIn], fieldEnd[colIn], "ContextTokens");
        out.outputTokens = parseCount(line, fieldStart[colOut], fieldEnd[colOut], "GeneratedTokens");
        if (colImages >= 0) {
            out.images = parseCount(line, fieldStart[colImages], fieldEnd[colImages], "NumImages");
        }
        if (!hasOrigin) {
            hasOrigin = true;
            originEpochNanos = epoch;
        }
        out.arrivalNanos = epoch - originEpochNanos;
    }

    private long parseTimestamp(String s, int a, int b) throws Malformed {
        int n = b - a;
        if (n < 19 || s.charAt(a + 4) != '-' || s.charAt(a + 7) != '-'
                || (s.charAt(a + 10) != ' ' && s.charAt(a + 10) != 'T')
                || s.charAt(a + 13) != ':' || s.charAt(a + 16) != ':') {
            throw badTime(s, a, b);
        }
        int year = digits(s, a, 4, a, b);
        int month = digits(s, a + 5, 2, a, b);
        int day = digits(s, a + 8, 2, a, b);
        int hour = digits(s, a + 11, 2, a, b);
        int minute = digits(s, a + 14, 2, a, b);
        int second = digits(s, a + 17, 2, a, b);
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
            throw badTime(s, a, b);
        }
        int i = a + 19;
        long frac = 0;
        if (i < b && s.charAt(i) == '.') {
            i++;
            long scale = 1_000_000_000L;
            int start = i;
            while (i < b && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (scale > 1) {
                    scale /= 10;
                    frac += (s.charAt(i) - '0') * scale;
                }
                i++;
            }
            if (i == start) {
                throw badTime(s, a, b);
            }
        }
        long offsetSeconds = 0;
        String zone = "";
        if (i < b) {
            char z = s.charAt(i);
            if (z == 'Z' && i + 1 == b) {
                zone = "Z";
            } else if ((z == '+' || z == '-') && (b - i == 6 && s.charAt(i + 3) == ':' || b - i == 5 || b - i == 3)) {
                int oh = digits(s, i + 1, 2, a, b);
                int om = b - i == 3 ? 0 : digits(s, b - 2, 2, a, b);
                offsetSeconds = (z == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
                zone = "+";
            } else {
                throw badTime(s, a, b);
            }
        }
        if ("unknown".equals(variant)) {
            variant = colImages >= 0 || s.charAt(a + 10) == 'T' ? "2025" : zone.isEmpty() ? "2023" : "2024";
        }
        long days = daysFromCivil(year, month, day);
        long secs = days * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return secs * 1_000_000_000L + frac;
    }

    private static int digits(String s, int at, int count, int a, int b) throws Malformed {
        int v = 0;
        for (int k = at; k < at + count; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                throw badTime(s, a, b);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Malformed badTime(String s, int a, int b) {
        return new Malformed("TIMESTAMP is '" + abbreviate(s.substring(a, b))
                + "'; expected 'yyyy-MM-dd HH:mm:ss[.fffffff][+HH:MM]' (2023/2024) or 'yyyy-MM-ddTHH:mm:ss.fffZ' (2025)");
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }
}
