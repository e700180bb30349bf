package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tokenfab validate serving --cases PATH}: a user's own measurements through the serving suite. */
class ValidateCasesTest {
    private static final String CASE = """
            name: my-h100-llama-3.1-8b
            kind: static-batch
            source: { repository: our lab, commit: 2026-12-08, path: runs/h100.csv, licence: internal }
            engine: "vLLM (ours)"
            hardware: "1x H100 SXM"
            scenario: |
              name: my-h100-llama-3.1-8b
              model: llama-3.1-8b
              cluster:
                pools:
                  - accelerator: h100-sxm
                    parallelism: { tp: 1 }
            points:
              - { prompt: 2048, batch: 8, output: 64, repetitions: 3, measured: { ttft_ms: 380.0, tpot_ms: 7.9 } }
            """;

    @Test
    void aFolderOfCasesRunsInsteadOfTheBundledOnesWithTheSameTablesAndExitCode(@TempDir Path dir) throws Exception {
        Path cases = Files.createDirectories(dir.resolve("cases"));
        Files.writeString(cases.resolve("h100.yaml"), CASE);
        Files.writeString(cases.resolve("notes.txt"), "not a case");
        Path out = dir.resolve("out");
        Cli r = Cli.exec("validate", "serving", "--cases", cases.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("validating serving on 1 case from " + cases, "my-h100-llama-3.1-8b", "serving: 2 of 2 bounds held");
        String csv = Files.readString(out.resolve("validation-report.csv"));
        assertThat(csv).contains("my-h100-llama-3.1-8b").doesNotContain("splitwise-", "trtllm-");
        // A measurement the model misses by more than the bound: exit 4, as for the bundled cases.
        Files.writeString(cases.resolve("h100.yaml"), CASE.replace("tpot_ms: 7.9", "tpot_ms: 20.0"));
        assertThat(Cli.exec("validate", "--cases", cases.resolve("h100.yaml").toString(), "--out", out.toString()).code())
                .isEqualTo(4);
    }

    @Test
    void badCasesAndBadCombinationsAreClearErrors(@TempDir Path dir) throws Exception {
        Cli missing = Cli.exec("validate", "serving", "--cases", dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope: no such case file or folder");
        Cli empty = Cli.exec("validate", "serving", "--cases", dir.toString());
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("no case files (*.yaml) in this folder");
        Files.writeString(dir.resolve("bad.yaml"), CASE.replace("kind: static-batch", "kind: static"));
        Cli bad = Cli.exec("validate", "serving", "--cases", dir.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.yaml: kind: 'static' is not one of [trace-replay, static-batch, offline-throughput]");
        Files.writeString(dir.resolve("bad.yaml"), """
                name: my-trace
                kind: trace-replay
                trace: runs/missing.csv
                source: { repository: ours, commit: x, path: y, licence: internal }
                engine: vLLM
                hardware: H100
                scenario: |
                  model: llama-3.1-8b
                """);
        Cli trace = Cli.exec("validate", "serving", "--cases", dir.toString());
        assertThat(trace.code()).isEqualTo(2);
        assertThat(trace.err()).contains("bad.yaml: trace: no file", "missing.csv (a trace is found relative to its case file)");
        Cli other = Cli.exec("validate", "kernels", "--cases", dir.toString());
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("--cases gives the serving suite its cases; name only that suite");
        Cli spark = Cli.exec("validate", "--cases", dir.toString(), "--engine", "spark");
        assertThat(spark.code()).isEqualTo(2);
        assertThat(spark.err()).contains("leave out --engine spark");
    }
}
