package org.tokenfab.scenario.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokenfab.sim.TokenFabException;

class PointSummariesTest {
    @TempDir
    Path tmp;

    private static String line(int point, String text) {
        return "{\"point\":" + point + ",\"text\":\"" + text + "\"}";
    }

    @Test
    void linesAppendedOutOfOrderEndInPointOrder() throws IOException {
        PointSummaries s = PointSummaries.open(tmp, 5, i -> false);
        s.append(3, line(3, "c"));
        s.append(0, line(0, "ä")); // UTF-8: offsets count bytes, not characters
        s.append(4, line(4, "d"));
        assertThat(Files.readAllLines(tmp.resolve(PointSummaries.FILE))).containsExactly(line(3, "c"), line(0, "ä"), line(4, "d"));
        s.finish();
        s.finish(); // idempotent
        assertThat(Files.readAllLines(tmp.resolve(PointSummaries.FILE))).containsExactly(line(0, "ä"), line(3, "c"), line(4, "d"));
        assertThat(s.has(0)).isTrue();
        assertThat(s.has(1)).isFalse();
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(PointSummaries.FILE); // no temporary left
        }
    }

    @Test
    void reopeningKeepsOnlyWholeWantedLinesInPointOrder() throws IOException {
        Files.writeString(tmp.resolve(PointSummaries.FILE), String.join("\n",
                line(2, "b"),
                "not json",
                line(9, "outside the grid"),
                line(0, "a"),
                line(1, "row not in sweep.csv"),
                line(2, "second line of a point"),
                "{\"point\":\"3\"}",
                line(3, "cut while written").substring(0, 20)));
        PointSummaries s = PointSummaries.open(tmp, 4, i -> i != 1);
        assertThat(List.of(s.has(0), s.has(1), s.has(2), s.has(3))).containsExactly(true, false, true, false);
        assertThat(Files.readAllLines(tmp.resolve(PointSummaries.FILE))).containsExactly(line(0, "a"), line(2, "b"));
        s.append(3, line(3, "c")); // after every kept line, but 1 is not: the file is put in order at the end
        s.append(1, line(1, "x"));
        s.finish();
        assertThat(Files.readAllLines(tmp.resolve(PointSummaries.FILE)))
                .containsExactly(line(0, "a"), line(1, "x"), line(2, "b"), line(3, "c"));
    }

    @Test
    void readFindsAPointsLineOrSaysWhatIsThere() throws IOException {
        PointSummaries s = PointSummaries.open(tmp, 12, i -> false);
        s.append(1, line(1, "one"));
        s.append(11, line(11, "eleven"));
        s.finish();
        assertThat(PointSummaries.read(tmp, 1)).isEqualTo(line(1, "one")); // not point 11's line
        assertThat(PointSummaries.read(tmp.resolve(PointSummaries.FILE), 11)).isEqualTo(line(11, "eleven"));
        assertThatThrownBy(() -> PointSummaries.read(tmp, 5))
                .isInstanceOf(TokenFabException.class)
                .hasMessage(tmp.resolve(PointSummaries.FILE) + ": no point 5 (it holds 2 finished points; points are numbered from 0 as in sweep.csv)");
        assertThatThrownBy(() -> PointSummaries.read(tmp.resolve("nope"), 0))
                .hasMessage(tmp.resolve("nope") + ": no such file; give a folder written by `tokenfab sweep` (or its points.jsonl)");
    }

    @Test
    void aPointAppendedAfterAReopenIsInOrderOnlyIfItFollowsEveryKeptLine() throws IOException {
        Files.writeString(tmp.resolve(PointSummaries.FILE), line(0, "a") + "\n" + line(2, "b") + "\n");
        PointSummaries s = PointSummaries.open(tmp, 4, i -> true);
        s.append(1, line(1, "x")); // before point 2's kept line
        s.append(3, line(3, "c"));
        s.finish();
        assertThat(Files.readAllLines(tmp.resolve(PointSummaries.FILE)))
                .containsExactly(line(0, "a"), line(1, "x"), line(2, "b"), line(3, "c"));
    }
}
