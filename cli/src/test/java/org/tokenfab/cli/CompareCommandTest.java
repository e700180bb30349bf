package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    @TempDir
    Path tmp;

    private Path summary(String name, String... sets) {
        String[] args = new String[4 + 2 * sets.length];
        args[0] = "run";
        args[1] = "quickstart";
        args[2] = "--out";
        args[3] = tmp.resolve(name).toString();
        for (int i = 0; i < sets.length; i++) {
            args[4 + 2 * i] = "--set";
            args[5 + 2 * i] = sets[i];
        }
        assertThat(Cli.exec(args).code()).isZero();
        return tmp.resolve(name).resolve("summary.json");
    }

    @Test
    void tableAndCsvShowDifferencesAgainstTheFirst() throws IOException {
        Path a = summary("one", "requests=100", "cluster.pools[0].replicas=1");
        Path b = summary("two", "requests=100", "cluster.pools[0].replicas=2");
        Path csv = tmp.resolve("diff.csv");
        Cli o = Cli.exec("compare", a.toString(), b.getParent().toString(), "--csv", csv.toString());
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        String[] lines = o.out().split("\n");
        assertThat(lines[0]).contains("metric", "one", "two", "vs one");
        assertThat(o.out()).containsPattern("accelerators\\s+1\\s+2\\s+\\+1 \\(\\+100\\.0%\\)")
                .containsPattern("requests completed\\s+100\\s+100\\s+\\+0 \\(\\+0\\.0%\\)")
                .contains("TTFT p99 ms", "$ per M output tok", "csv: ");
        String written = Files.readString(csv);
        assertThat(written).startsWith("metric,one,two,two_diff,two_diff_pct\n")
                .contains("\naccelerators,1.000000,2.000000,1.000000,100.000000\n");
    }

    @Test
    void clearErrorsForMissingFilesBadJsonAndOtherSchemas() throws IOException {
        Path a = summary("one", "requests=50");
        Cli missing = Cli.exec("compare", a.toString(), tmp.resolve("nope/summary.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope/summary.json: no such file");

        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{ \"schema_version\": 1, ");
        assertThat(Cli.exec("compare", a.toString(), bad.toString()).err()).contains("bad.json: not valid JSON");

        Path v2 = tmp.resolve("v2.json");
        Files.writeString(v2, Files.readString(a).replace("\"schema_version\" : 1", "\"schema_version\" : 2"));
        assertThat(Cli.exec("compare", a.toString(), v2.toString()).err())
                .contains("v2.json: schema_version 2 is not supported; this TokenFab reads schema_version 1");

        Path other = tmp.resolve("other.json");
        Files.writeString(other, "{\"hello\": 1}");
        assertThat(Cli.exec("compare", a.toString(), other.toString()).err()).contains("other.json: no schema_version");

        Cli one = Cli.exec("compare", a.toString());
        assertThat(one.code()).isEqualTo(2);
        assertThat(one.err()).contains("compare needs two or more summary.json files (got 1)");
    }

    @Test
    void sweepPointsCompareByNumberAgainstAStandaloneRun() {
        Path sweep = tmp.resolve("sweep");
        assertThat(Cli.exec("sweep", "quickstart", "--set", "requests=60", "--sweep", "cluster.pools[0].replicas=1,2",
                "--out", sweep.toString(), "--threads", "2").code()).isZero();
        Path alone = summary("alone", "requests=60", "cluster.pools[0].replicas=2");
        Cli o = Cli.exec("compare", sweep + "#0", sweep.resolve("points.jsonl") + "#1", alone.toString());
        assertThat(o.err()).isEmpty();
        assertThat(o.out().split("\n")[0]).contains("point 0", "point 1", "alone");
        assertThat(o.out()).containsPattern("accelerators\\s+1\\s+2\\s+\\+1 \\(\\+100\\.0%\\)\\s+2\\s+\\+1 \\(\\+100\\.0%\\)");
        // point 1 is the standalone run: every figure agrees
        String[] same = Cli.exec("compare", sweep + "#1", alone.toString()).out().split("\n");
        assertThat(same).hasSizeGreaterThan(10);
        for (int i = 1; i < same.length - 1; i++) {
            assertThat(same[i]).matches(".*\\s\\+0( \\(\\+0\\.0%\\))?$");
        }

        Cli missing = Cli.exec("compare", sweep + "#0", sweep + "#7");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains(sweep.resolve("points.jsonl") + ": no point 7 (it holds 2 finished points;");
    }
}
