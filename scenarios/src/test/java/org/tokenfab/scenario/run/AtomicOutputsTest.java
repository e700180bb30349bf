package org.tokenfab.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokenfab.sim.TokenFabException;

/** Output files appear whole or not at all: written beside the target, then renamed. */
class AtomicOutputsTest {
    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aStreamedWriteThatFailsLeavesThePreviousFileAndNoTemporary() throws IOException {
        Path target = dir.resolve("timeseries.csv");
        Files.writeString(target, "old, complete\n");
        assertThatThrownBy(() -> AtomicFiles.write(target, w -> {
            w.write("new, half");
            throw new IOException("disk full");
        })).isInstanceOf(TokenFabException.class).hasMessage("cannot write " + target + ": disk full");
        assertThat(Files.readString(target)).isEqualTo("old, complete\n");
        assertThat(files()).containsExactly("timeseries.csv");
    }

    @Test
    void requestsCsvAppearsOnlyWhenTheRunIsOverAndTimeSeriesWithoutTemporaries() throws IOException {
        ScenarioRun run = new ScenarioRun(TimeSeriesTest.scenario()).requestsCsv(dir);
        List<String> during = new java.util.ArrayList<>();
        run.onRow(row -> {
            if (during.isEmpty()) {
                try {
                    during.addAll(files());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        run.run();
        run.timeSeries().write(dir);
        // During the run only the hidden temporary exists; after it, only the finished files.
        assertThat(during).hasSize(1).allMatch(n -> n.startsWith(".requests.csv") && n.endsWith(".tmp"));
        assertThat(files()).containsExactly("requests.csv", "timeseries.csv");
        assertThat(Files.readAllLines(dir.resolve("requests.csv")).get(0)).isEqualTo(RequestsCsv.HEADER);
    }
}
