package org.tokenfab.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLoader;

/** The time series, requests.csv and warm-up: rows add up to the run's totals and the files parse. */
class TimeSeriesTest {
    private static final Catalog CATALOG = Catalog.builtIn();

    static final String SMALL = """
            name: small
            seed: 3
            requests: 400
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

    static Scenario scenario(String... sets) {
        return new ScenarioLoader(CATALOG).parse("small.yaml", SMALL, List.of(sets));
    }

    @Test
    void rowsSumToTheRunsTotalsAndEnergyIntegratesToTheSummary() {
        ScenarioRun run = new ScenarioRun(scenario()).interval(2_000_000_000L);
        RunResult r = run.run();
        TimeSeries ts = run.timeSeries();
        assertThat(ts.rows()).isGreaterThan(10);
        assertThat((long) ts.sum(TimeSeries.ARRIVALS)).isEqualTo(r.arrived());
        assertThat((long) ts.sum(TimeSeries.COMPLETIONS)).isEqualTo(r.completed());
        assertThat((long) ts.sum(TimeSeries.TOKENS)).isEqualTo(r.outputTokens());
        assertThat(ts.sum(TimeSeries.INTERVAL)).isCloseTo(r.simulatedSeconds(), within(1e-6));
        double facilityJ = 0;
        double acceleratorJ = 0;
        for (int i = 0; i < ts.rows(); i++) {
            facilityJ += ts.value(i, TimeSeries.FACILITY_W) * ts.value(i, TimeSeries.INTERVAL);
            acceleratorJ += ts.value(i, TimeSeries.ACCELERATOR_W) * ts.value(i, TimeSeries.INTERVAL);
            assertThat(ts.value(i, TimeSeries.KV)).isBetween(0.0, 1.0);
            assertThat(ts.value(i, TimeSeries.BUSY)).isBetween(0.0, 1.0 + 1e-9);
        }
        assertThat(facilityJ).isCloseTo(r.facility().facilityJoules(), within(1e-6 * r.facility().facilityJoules()));
        assertThat(acceleratorJ).isCloseTo(r.facility().acceleratorJoules(), within(1e-6 * r.facility().acceleratorJoules()));
    }

    @Test
    void theSamplerDoesNotChangeTheRun() {
        RunResult coarse = new ScenarioRun(scenario()).interval(60_000_000_000L).run();
        RunResult fine = new ScenarioRun(scenario()).interval(100_000_000L).run();
        assertThat(fine.simulatedSeconds()).isEqualTo(coarse.simulatedSeconds());
        assertThat(fine.events()).isEqualTo(coarse.events());
        assertThat(fine.ttft()).isEqualTo(coarse.ttft());
    }

    @Test
    void csvFilesParseWithOneValuePerColumnAndAreDeterministic(@TempDir Path dir) throws IOException {
        for (String rep : List.of("a", "b")) {
            ScenarioRun run = new ScenarioRun(scenario()).requestsCsv(dir.resolve(rep));
            RunResult r = run.run();
            run.timeSeries().write(dir.resolve(rep));
            List<String> ts = Files.readAllLines(dir.resolve(rep).resolve("timeseries.csv"));
            assertThat(ts.get(0)).isEqualTo(String.join(",", TimeSeries.COLUMNS));
            assertThat(ts).hasSize(run.timeSeries().rows() + 1);
            for (String line : ts) {
                assertThat(line.split(",", -1)).hasSize(TimeSeries.COLUMNS.size());
            }
            List<String> req = Files.readAllLines(dir.resolve(rep).resolve("requests.csv"));
            assertThat(req.get(0)).isEqualTo(RequestsCsv.HEADER);
            assertThat(req).hasSize((int) (r.completed() + r.rejected() + 1));
            int columns = RequestsCsv.HEADER.split(",").length;
            long outputTokens = 0;
            for (String line : req.subList(1, req.size())) {
                String[] f = line.split(",", -1);
                assertThat(f).hasSize(columns);
                assertThat(f[10]).isIn("true", "false");
                double arrival = Double.parseDouble(f[2]);
                double first = Double.parseDouble(f[3]);
                assertThat(first).isGreaterThanOrEqualTo(arrival);
                assertThat(Double.parseDouble(f[7])).isCloseTo((first - arrival) * 1e3, within(0.01));
                outputTokens += Long.parseLong(f[6]);
            }
            assertThat(outputTokens).isEqualTo(r.outputTokens());
        }
        assertThat(Files.readString(dir.resolve("a/requests.csv"))).isEqualTo(Files.readString(dir.resolve("b/requests.csv")));
        assertThat(Files.readString(dir.resolve("a/timeseries.csv"))).isEqualTo(Files.readString(dir.resolve("b/timeseries.csv")));
    }

    @Test
    void warmupExcludesEarlyArrivalsFromLatenciesOnly() {
        RunResult all = new ScenarioRun(scenario()).run();
        ScenarioRun warm = new ScenarioRun(scenario()).warmup(20_000_000_000L);
        RunResult later = warm.run();
        assertThat(later.completed()).isEqualTo(all.completed());
        assertThat(later.outputTokens()).isEqualTo(all.outputTokens());
        assertThat(later.ttft().count()).isLessThan(all.ttft().count()).isPositive();
        assertThat(warm.warmupNanos()).isEqualTo(20_000_000_000L);
    }

    @Test
    void scaledDecimalsAreExact() {
        StringBuilder sb = new StringBuilder();
        Csv.appendScaled(sb, 1_000_005, 6);
        sb.append('|');
        Csv.appendScaled(sb, 12, 3);
        sb.append('|');
        Csv.appendScaled(sb, -1500, 3);
        sb.append('|');
        Csv.appendScaled(sb, 0, 3);
        assertThat(sb).hasToString("1.000005|0.012|-1.500|0.000");
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
}
