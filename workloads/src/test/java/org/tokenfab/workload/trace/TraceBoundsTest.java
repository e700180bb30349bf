package org.tokenfab.workload.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

import org.tokenfab.sim.TokenFabException;

/** Inputs that would exhaust memory or break the readers' contract end in a message with the line. */
class TraceBoundsTest {
    private static final String AZURE = "TIMESTAMP,ContextTokens,GeneratedTokens\n";

    /** A trace whose second line has {@code chars} characters and no line break before the third. */
    private static TraceInput withLongLine(int chars) {
        byte[] head = (AZURE + "2023-11-16 18:17:03.9799600,4808,10\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\n2023-11-16 18:17:04.0319600,3180,8\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + chars + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        java.util.Arrays.fill(all, head.length, head.length + chars, (byte) '7');
        System.arraycopy(tail, 0, all, head.length + chars, tail.length);
        return TraceInput.ofBytes("long.csv", all);
    }

    @Test
    void aLineWithoutEndIsAMessageNotAnOutOfMemoryError() {
        try (TraceReader r = new AzureTraceReader(withLongLine(BoundedLineReader.DEFAULT_MAX_CHARS + 1), false)) {
            TraceRecord row = new TraceRecord();
            assertThat(r.next(row)).isTrue();
            assertThatThrownBy(() -> r.next(row)).isInstanceOf(TokenFabException.class)
                    .hasMessage("long.csv line 3: the line is longer than 4194304 characters; expected one azure row per line"
                            + " (is this the right file?)");
        }
    }

    @Test
    void skipMalformedSkipsAndCountsAnOverlongLine() {
        try (TraceReader r = new AzureTraceReader(withLongLine(BoundedLineReader.DEFAULT_MAX_CHARS + 10), true)) {
            TraceRecord row = new TraceRecord();
            assertThat(r.next(row)).isTrue();
            assertThat(r.next(row)).isTrue();
            assertThat(row.inputTokens).isEqualTo(3180);
            assertThat(r.line()).isEqualTo(4);
            assertThat(r.skipped()).isEqualTo(1);
            assertThat(r.next(row)).isFalse();
        }
    }

    @Test
    void boundedLinesSplitExactlyAsBufferedReaderDoes() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        String alphabet = "ab\r\n";
        for (int trial = 0; trial < 2_000; trial++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            List<String> expected = new ArrayList<>();
            BufferedReader reference = new BufferedReader(new StringReader(text.toString()));
            for (String s = reference.readLine(); s != null; s = reference.readLine()) {
                expected.add(s);
            }
            List<String> actual = new ArrayList<>();
            // A one-character buffer boundary would hide "\r" then "\n" split across reads: StringReader
            // serves whatever is asked, so the reader's own 64 KiB buffer is what is exercised here.
            BoundedLineReader bounded = new BoundedLineReader(new StringReader(text.toString()), 3);
            for (String s = bounded.readLine(); s != null; s = bounded.readLine()) {
                actual.add(s);
                assertThat(bounded.lastLineTooLong()).isEqualTo(s.length() == 3 && expected.get(actual.size() - 1).length() > 3);
            }
            assertThat(actual).as("lines of %s", text.toString().replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo(expected.stream().map(s -> s.length() > 3 ? s.substring(0, 3) : s).toList());
        }
    }

    @Test
    void aTraceWithoutRowsIsAnError() {
        assertThatThrownBy(() -> new AzureTraceReader(TraceInput.ofString("h.csv", AZURE), false).next(new TraceRecord()))
                .isInstanceOf(TokenFabException.class).hasMessage("h.csv: no rows after the header; expected at least one azure row");
        assertThatThrownBy(() -> new AzureTraceReader(TraceInput.ofString("h.csv", AZURE + "x,1,2\ny,3,4\n"), true).next(new TraceRecord()))
                .hasMessage("h.csv: all 2 rows are malformed (skipped); expected at least one azure row");
    }

    private static final String SERVEGEN = "client_id,window_start_s,rate_rps,iat_cv,pattern,shape,scale\n";

    private static ServeGenGenerator serveGen(String rows) {
        return ServeGenGenerator.open(TraceInput.ofString("w.csv", SERVEGEN + rows), RandomSource.XO_RO_SHI_RO_128_PP.create(1));
    }

    /** Found by TraceReaderFuzzTest: a repeated window restarted the client's clock, and arrivals went back in time. */
    @Test
    void serveGenRejectsRepeatedOrOverlappingWindowsOfAClient() {
        assertThatThrownBy(() -> serveGen("0,0,1,1,Gamma,1,1\n0,600,1,1,Gamma,1,1\n0,0,2,1,Gamma,1,1\n"))
                .isInstanceOf(TokenFabException.class)
                .hasMessage("w.csv line 4: client 0 has windows starting at 0.0 s (line 2) and 0.0 s (line 4), less than 600 s apart;"
                        + " expected one row per client per window");
        assertThatThrownBy(() -> serveGen("7,0,1,1,Gamma,1,1\n7,300,1,1,Gamma,1,1\n"))
                .hasMessageContaining("client 7 has windows starting at 0.0 s (line 2) and 300.0 s (line 3)");
        // Other clients may share a window start.
        assertThat(serveGen("0,0,1,1,Gamma,1,1\n1,0,1,1,Gamma,1,1\n").clients()).isEqualTo(2);
    }

    @Test
    void serveGenRejectsValuesThatWouldOverflowTheClock() {
        assertThatThrownBy(() -> serveGen("0,1e300,1,1,Gamma,1,1\n"))
                .hasMessage("w.csv line 2: window_start_s is 1e300; expected at most 31622400 (366 days)");
        assertThatThrownBy(() -> serveGen("0,0,1e9,1,Gamma,1,1\n")).hasMessage("w.csv line 2: rate_rps is 1e9; expected at most 1000000");
        assertThatThrownBy(() -> serveGen("0,0,1,1,Gamma,1e-9,1\n")).hasMessageContaining("w.csv line 2: shape 1.0E-9 (from shape or"
                + " iat_cv) is out of range; expected 0.001 to 1000.0");
        assertThatThrownBy(() -> serveGen("0,0,1,1e-6,Gamma,,1\n")).hasMessageContaining("shape 1.0E12 (from shape or iat_cv) is out of range");
    }

    @Test
    void serveGenArrivalsNeverGoBackAtTheEdgesOfTheRanges() {
        ServeGenGenerator g = serveGen("0,0,0.001,1,Weibull,0.001,1\n0,600,1000000,1,Gamma,1000,1\n1,0,1000000,1,Weibull,0.001,1\n");
        TraceRecord row = new TraceRecord();
        long last = 0;
        for (int i = 0; i < 100_000 && g.next(row); i++) {
            assertThat(row.arrivalNanos).isGreaterThanOrEqualTo(last);
            last = row.arrivalNanos;
        }
        assertThat(last).isLessThan(2 * ServeGenGenerator.WINDOW_NANOS);
    }
}
