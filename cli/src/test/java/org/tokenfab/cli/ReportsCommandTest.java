package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tokenfab run} writes the time series, requests.csv, the report and replications. */
class ReportsCommandTest {
    private static final String SMALL = """
            name: small
            seed: 3
            requests: 200
            model: llama-3.1-8b
            cluster:
              pools:
                - accelerator: h100-sxm
                  replicas: 2
            workload:
              arrivals: { process: poisson, rate: 8/s }
              input_tokens: { dist: lognormal, median: 800, p99: 6000 }
              output_tokens: { dist: lognormal, median: 150, p99: 1000 }
            """;

    @Test
    void runWritesTimeSeriesRequestsAndReport(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("small.yaml"), SMALL);
        Path out = dir.resolve("out");
        Cli r = Cli.exec("run", yaml.toString(), "--out", out.toString(), "--interval", "5s", "--requests-csv");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("time series: ", "report: ");
        List<String> ts = Files.readAllLines(out.resolve("timeseries.csv"));
        assertThat(ts.get(0)).startsWith("time_s,interval_s,pool,arrivals,");
        assertThat(ts.get(1)).startsWith("0.000,5.000,");
        assertThat(Files.readAllLines(out.resolve("requests.csv"))).hasSize(201);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<svg", "name: small");
        assertThat(out.resolve("charts/ttft-cdf.svg")).exists();
    }

    @Test
    void noReportAndBadDurations(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("small.yaml"), SMALL);
        Cli r = Cli.exec("run", yaml.toString(), "--out", dir.resolve("o").toString(), "--no-report");
        assertThat(r.code()).isZero();
        assertThat(dir.resolve("o/report.html")).doesNotExist();
        assertThat(dir.resolve("o/timeseries.csv")).exists();
        Cli bad = Cli.exec("run", yaml.toString(), "--out", dir.resolve("p").toString(), "--interval", "soon");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("--interval expects a duration such as 500ms", "'soon'");
        Cli zero = Cli.exec("run", yaml.toString(), "--out", dir.resolve("p").toString(), "--interval", "0s");
        assertThat(zero.code()).isNotZero();
        assertThat(zero.err()).contains("--interval must be > 0");
    }

    @Test
    void replicationsWriteEachRunAndTheIntervals(@TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("small.yaml"), SMALL);
        Path out = dir.resolve("reps");
        Cli r = Cli.exec("run", yaml.toString(), "--out", out.toString(), "--replications", "3", "--warmup", "5s",
                "--no-report");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 replications on seeds 3..5", "Student t, 2 d.o.f.", "warm-up 5 s", "ttft_p99_ms");
        for (int k = 1; k <= 3; k++) {
            assertThat(out.resolve("rep-" + k + "/summary.json")).exists();
            assertThat(out.resolve("rep-" + k + "/timeseries.csv")).exists();
        }
        assertThat(Files.readString(out.resolve("replications.json"))).contains("\"warmup_s\" : 5.0", "\"seeds\" : [ 3, 4, 5 ]");
        String first = Files.readString(out.resolve("replications.csv"));
        Cli again = Cli.exec("run", yaml.toString(), "--out", out.toString(), "--replications", "3", "--warmup", "5s",
                "--no-report");
        assertThat(again.code()).isZero();
        assertThat(Files.readString(out.resolve("replications.csv"))).isEqualTo(first);
        Cli none = Cli.exec("run", yaml.toString(), "--out", out.toString(), "--replications", "0");
        assertThat(none.code()).isNotZero();
        assertThat(none.err()).contains("--replications must be >= 1");
    }
}
