package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --max-events and --max-wall stop a run cleanly: partial results written and flagged, exit code 3. */
class RunBoundsTest {
    @Test
    void maxEventsStopsTheRunWithFlaggedPartialResults(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("o");
        // 20,000 requests: well over 20,000 events even with decode steps folded (3,000 take about 14,000).
        Cli r = Cli.exec("run", "quickstart", "--out", out.toString(), "--set", "requests=20000", "--max-events", "20000", "--no-report");
        assertThat(r.code()).as(r.err()).isEqualTo(RunCommand.EXIT_STOPPED_BY_BOUND);
        assertThat(r.out()).contains("PARTIAL: stopped by max-events");
        JsonNode s = new ObjectMapper().readTree(Files.readString(out.resolve("summary.json")));
        assertThat(s.get("partial").asBoolean()).isTrue();
        assertThat(s.get("stopped_by").asText()).isEqualTo("max-events");
        // Checked every 4,096 events: stopped within one check of the bound, well before the 20,000 requests finish.
        assertThat(s.get("events").asLong()).isBetween(20_000L - 4_096, 20_000L + 4_096);
        assertThat(s.path("requests").path("completed").asLong(s.path("completed").asLong())).isLessThan(20_000);
        assertThat(Files.readAllLines(out.resolve("timeseries.csv")).size()).isGreaterThan(1);
    }

    @Test
    void aCompleteRunSaysSoAndBadBoundsAreCleanErrors(@TempDir Path dir) throws Exception {
        Cli ok = Cli.exec("run", "quickstart", "--out", dir.resolve("a").toString(), "--set", "requests=100",
                "--max-wall", "10m", "--no-report");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(new ObjectMapper().readTree(Files.readString(dir.resolve("a/summary.json"))).get("partial").asBoolean())
                .isFalse();
        Cli zero = Cli.exec("run", "quickstart", "--out", dir.resolve("b").toString(), "--max-events", "0");
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("--max-events must be >= 1");
        Cli wall = Cli.exec("run", "quickstart", "--out", dir.resolve("c").toString(), "--max-wall", "soon");
        assertThat(wall.code()).isEqualTo(2);
        assertThat(wall.err()).contains("--max-wall expects");
    }
}
