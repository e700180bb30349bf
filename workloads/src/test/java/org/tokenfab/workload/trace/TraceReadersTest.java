package org.tokenfab.workload.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.tokenfab.sim.TokenFabException;

class TraceReadersTest {
    private static List<TraceRecord> readAll(String format, String name, String content) {
        return readAll(format, TraceInput.ofString(name, content), false);
    }

    private static List<TraceRecord> readAll(String format, TraceInput in, boolean skip) {
        List<TraceRecord> out = new ArrayList<>();
        try (TraceReader r = TraceFormats.open(format, in, new TraceFormats.ReadOptions(skip, null))) {
            TraceRecord rec = new TraceRecord();
            while (r.next(rec)) {
                TraceRecord copy = new TraceRecord();
                copy.copyFrom(rec);
                out.add(copy);
            }
        }
        return out;
    }

    @Test
    void azure2023TimestampsAreExactNanoseconds() {
        AzureTraceReader r = new AzureTraceReader(TraceInput.ofString("a.csv",
                "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,4808,10\n2023-11-16 18:17:04.0319601,3180,8"), false);
        TraceRecord rec = new TraceRecord();
        assertThat(r.next(rec)).isTrue();
        assertThat(rec.arrivalNanos).isZero();
        assertThat(rec.inputTokens).isEqualTo(4808);
        assertThat(rec.outputTokens).isEqualTo(10);
        assertThat(r.variant()).isEqualTo("2023");
        assertThat(r.originEpochNanos()).isEqualTo(1_700_158_623_979_960_000L);
        assertThat(r.next(rec)).isTrue();
        assertThat(rec.arrivalNanos).isEqualTo(52_000_100L);
        assertThat(r.line()).isEqualTo(3);
        assertThat(r.next(rec)).isFalse();
    }

    @Test
    void azure2024OffsetsAndRowsWithoutFraction() {
        AzureTraceReader r = new AzureTraceReader(TraceInput.ofString("w.csv",
                "TIMESTAMP,ContextTokens,GeneratedTokens\n2024-05-12 00:00:00+00:00,1,2\n2024-05-12 00:00:00.001163+00:00,3,4\n"
                        + "2024-05-12 02:00:01.5+02:00,5,6\n"), false);
        TraceRecord rec = new TraceRecord();
        r.next(rec);
        assertThat(r.variant()).isEqualTo("2024");
        assertThat(r.originEpochNanos()).isEqualTo(1_715_472_000L * 1_000_000_000L);
        r.next(rec);
        assertThat(rec.arrivalNanos).isEqualTo(1_163_000L);
        r.next(rec);
        assertThat(rec.arrivalNanos).isEqualTo(1_500_000_000L); // 02:00:01.5+02:00 is 00:00:01.5 UTC
    }

    @Test
    void azure2025MultimodalIsoWithImages() {
        AzureTraceReader r = new AzureTraceReader(TraceInput.ofString("mm.csv",
                "TIMESTAMP,NumImages,ContextTokens,GeneratedTokens\n2024-10-15T12:00:00.269Z,2,1500,30\n2024-10-15T12:00:01Z,0,10,3\n"), false);
        TraceRecord rec = new TraceRecord();
        r.next(rec);
        assertThat(r.variant()).isEqualTo("2025");
        assertThat(rec.images).isEqualTo(2);
        assertThat(rec.inputTokens).isEqualTo(1500);
        r.next(rec);
        assertThat(rec.arrivalNanos).isEqualTo(731_000_000L);
    }

    @Test
    void mooncakeJsonlEqualsTheCsvHead() {
        List<TraceRecord> json = readAll("mooncake", BundledTraces.MOONCAKE_CONVERSATION_HEAD100_JSONL.input(), false);
        List<TraceRecord> csv = new ArrayList<>();
        try (TraceReader r = TraceFormats.open("mooncake", BundledTraces.MOONCAKE_CONVERSATION.input(), TraceFormats.ReadOptions.STRICT)) {
            TraceRecord rec = new TraceRecord();
            while (csv.size() < 100 && r.next(rec)) {
                TraceRecord c = new TraceRecord();
                c.copyFrom(rec);
                csv.add(c);
            }
        }
        assertThat(json).hasSize(100);
        for (int i = 0; i < 100; i++) {
            TraceRecord a = json.get(i);
            TraceRecord b = csv.get(i);
            assertThat(a.arrivalNanos).isEqualTo(b.arrivalNanos);
            assertThat(a.inputTokens).isEqualTo(b.inputTokens);
            assertThat(a.outputTokens).isEqualTo(b.outputTokens);
            assertThat(java.util.Arrays.copyOf(a.blockIds, a.blockCount)).containsExactly(java.util.Arrays.copyOf(b.blockIds, b.blockCount));
            assertThat(a.blockCount).isEqualTo((a.inputTokens + 511) / 512);
            assertThat(a.blockSizeTokens).isEqualTo(512);
        }
    }

    @Test
    void mooncakeReadsGzipWhateverTheName() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("timestamp_ms,input_length,output_length,hash_ids\n1500.5,600,7,0 1\n".getBytes(StandardCharsets.UTF_8));
        }
        List<TraceRecord> rows = readAll("mooncake", TraceInput.ofBytes("t.csv", bytes.toByteArray()), false);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).arrivalNanos).isEqualTo(1_500_500_000L);
        assertThat(rows.get(0).blockCount).isEqualTo(2);
    }

    @Test
    void malformedRowNamesFileLineAndExpectation() {
        String csv = "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,4808,10\n2023-11-16 18:17:04.0,abc,8\n";
        assertThatThrownBy(() -> readAll("azure", "code.csv", csv))
                .isInstanceOf(TokenFabException.class)
                .hasMessageContaining("code.csv line 3")
                .hasMessageContaining("ContextTokens is 'abc'")
                .hasMessageContaining("expected a non-negative integer");
        assertThatThrownBy(() -> readAll("azure", "code.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n16/11/2023 18:17,1,2\n"))
                .hasMessageContaining("code.csv line 2").hasMessageContaining("expected 'yyyy-MM-dd HH:mm:ss");
        assertThatThrownBy(() -> readAll("mooncake", "m.csv", "timestamp_ms,input_length,output_length,hash_ids\n0,5,1\n"))
                .hasMessageContaining("m.csv line 2: 3 fields; expected 4");
        assertThatThrownBy(() -> readAll("mooncake", "m.jsonl", "{\"timestamp\": 0, \"input_length\": 5, \"output_length\": 1, \"hash_ids\": [0]}\n{\"timestamp\": 1, \"input_length\": 5\n"))
                .hasMessageContaining("m.jsonl line 2").hasMessageContaining("JSON");
    }

    @Test
    void skipModeSkipsAndCountsBadRows() {
        String csv = "timestamp_ms,input_length,output_length,hash_ids\n0,5,1,0\n10,x,1,1\n20,5,1,2\n5,5,1,3\n30,5,1\n40,5,2,4\n";
        try (TraceReader r = TraceFormats.open("mooncake", TraceInput.ofString("m.csv", csv), new TraceFormats.ReadOptions(true, null))) {
            TraceRecord rec = new TraceRecord();
            List<Long> lines = new ArrayList<>();
            while (r.next(rec)) {
                lines.add(r.line());
            }
            assertThat(lines).containsExactly(2L, 4L, 7L);
            assertThat(r.skipped()).isEqualTo(3);
        }
    }

    @Test
    void unsortedEmptyWrongHeaderAndBinaryGiveClearMessages() {
        assertThatThrownBy(() -> readAll("mooncake", "u.csv", "timestamp_ms,input_length,output_length,hash_ids\n20,5,1,0\n10,5,1,1\n"))
                .hasMessageContaining("u.csv line 3").hasMessageContaining("goes back in time").hasMessageContaining("line 2");
        assertThatThrownBy(() -> readAll("azure", "empty.csv", ""))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("empty.csv").hasMessageContaining("empty");
        assertThatThrownBy(() -> readAll("azure", "h.csv", "TIMESTAMP,ContextToken,GeneratedTokens\n"))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("h.csv line 1")
                .hasMessageContaining("no column 'ContextTokens'").hasMessageContaining("did you mean 'ContextToken'");
        assertThatThrownBy(() -> readAll("mooncake", "az.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n"))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("is this a mooncake trace?");
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x00, 0x12, (byte) 0xc3, 0x28, 0x0a, 0x41};
        assertThatThrownBy(() -> readAll("azure", TraceInput.ofBytes("g.bin", garbage), false))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("g.bin").hasMessageContaining("binary");
        assertThatThrownBy(() -> readAll("azure", TraceInput.ofBytes("z.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 1}), false))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("z.gz");
        assertThatThrownBy(() -> TraceFormats.factory("moonkake"))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("did you mean 'mooncake'")
                .hasMessageContaining("azure, mooncake, burstgpt, bailian, servegen");
    }

    @Test
    void burstGptByColumnNameWithFailedRows() {
        String csv = "Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,Total tokens,Log Type\n"
                + "5,,1.2,ChatGPT,100,20,120,API log\n"
                + "6.5,42,3.0,GPT-4,0,0,0,Conversation log\n";
        List<TraceRecord> rows = readAll("burstgpt", "b.csv", csv);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).arrivalNanos).isEqualTo(5_000_000_000L);
        assertThat(rows.get(0).model).isEqualTo("ChatGPT");
        assertThat(rows.get(0).className).isEqualTo("API log");
        assertThat(rows.get(0).failed).isFalse();
        assertThat(rows.get(0).sessionId).isEqualTo(-1);
        assertThat(rows.get(1).arrivalNanos).isEqualTo(6_500_000_000L);
        assertThat(rows.get(1).failed).isTrue();
        assertThat(rows.get(1).sessionId).isEqualTo(42);
        assertThatThrownBy(() -> readAll("burstgpt", "b.csv", "Time,Model,Request tokens,Response tokens\n"))
                .hasMessageContaining("no column 'Timestamp'");
    }

    /** Hand-written fixture from the documented Bailian fields (no real sample was available). */
    @Test
    void bailianSessionsFollowParents() {
        String jsonl = """
                {"chat_id": 10, "parent_chat_id": -1, "timestamp": 0.5, "input_length": 40, "output_length": 5, "type": "text", "turn": 1, "hash_ids": [1, 2, 3]}
                {"chat_id": 11, "parent_chat_id": -1, "timestamp": 1.0, "input_length": 20, "output_length": 7, "type": "image", "turn": 1, "hash_ids": [9, 10]}
                {"chat_id": 12, "parent_chat_id": 10, "timestamp": 2.25, "input_length": 60, "output_length": 5, "type": "text", "turn": 2, "hash_ids": [1, 2, 3, 4]}
                {"chat_id": 13, "parent_chat_id": 12, "timestamp": 3, "input_length": 70, "output_length": 9, "type": "search", "turn": 3, "hash_ids": [1, 2, 3, 4, 5], "extra": {"a": [1, "x,}"]}}
                """;
        List<TraceRecord> rows = readAll("bailian", "b.jsonl", jsonl);
        assertThat(rows).extracting(r -> r.sessionId).containsExactly(10L, 11L, 10L, 10L);
        assertThat(rows).extracting(r -> r.parentId).containsExactly(-1L, -1L, 10L, 12L);
        assertThat(rows).extracting(r -> r.turn).containsExactly(1, 1, 2, 3);
        assertThat(rows).extracting(r -> r.className).containsExactly("text", "image", "text", "search");
        assertThat(rows.get(2).arrivalNanos).isEqualTo(2_250_000_000L);
        assertThat(rows.get(3).blockCount).isEqualTo(5);
        assertThat(rows.get(3).blockSizeTokens).isEqualTo(16);
    }
}
