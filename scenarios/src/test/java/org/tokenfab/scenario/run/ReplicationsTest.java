package org.tokenfab.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replications: the t interval, its shrinking with N, N = 1 equals the single run, determinism. */
class ReplicationsTest {
    private static List<RunResult> replicate(int n) {
        return Replications.run(n, Runtime.getRuntime().availableProcessors(),
                k -> new ScenarioRun(TimeSeriesTest.scenario("seed=" + (3 + k), "requests=150")), null);
    }

    private static double halfWidth(List<RunResult> results, String metric) {
        return Replications.estimate(results).stream().filter(e -> e.metric().equals(metric)).findFirst().orElseThrow()
                .halfWidth();
    }

    @Test
    void studentTIntervalOfKnownValues() {
        // mean 2, s = 1, n = 3: t(0.975, 2) = 4.302653 -> half-width 4.302653 / sqrt(3)
        Replications.Estimate e = Replications.estimate("x", new double[] {1, 2, 3});
        assertThat(e.mean()).isEqualTo(2);
        assertThat(e.stdDev()).isCloseTo(1, within(1e-12));
        assertThat(e.halfWidth()).isCloseTo(4.302653 / Math.sqrt(3), within(1e-5));
        assertThat(Replications.estimate("x", new double[] {5}).halfWidth()).isNaN();
    }

    @Test
    void intervalShrinksWithMoreReplications() {
        List<RunResult> many = replicate(12);
        double wide = halfWidth(many.subList(0, 3), "output_tokens_per_s");
        double narrow = halfWidth(many, "output_tokens_per_s");
        assertThat(narrow).isPositive().isLessThan(wide);
        assertThat(halfWidth(many, "ttft_p50_ms")).isLessThan(halfWidth(many.subList(0, 3), "ttft_p50_ms"));
    }

    @Test
    void oneReplicationIsTheSingleRun() {
        RunResult single = new ScenarioRun(TimeSeriesTest.scenario("requests=150")).run();
        List<Replications.Estimate> one = Replications.estimate(replicate(1));
        for (Replications.Estimate e : one) {
            Replications.Metric m = Replications.METRICS.stream().filter(x -> x.name().equals(e.metric())).findFirst()
                    .orElseThrow();
            assertThat(e.mean()).as(e.metric()).isEqualTo(m.read().applyAsDouble(single));
        }
    }

    @Test
    void filesAreDeterministic(@TempDir Path dir) throws Exception {
        Replications.write(dir.resolve("a"), Replications.estimate(replicate(3)), replicate(3), 0);
        Replications.write(dir.resolve("b"), Replications.estimate(replicate(3)), replicate(3), 0);
        for (String f : List.of("replications.json", "replications.csv")) {
            assertThat(Files.readString(dir.resolve("a").resolve(f))).isEqualTo(Files.readString(dir.resolve("b").resolve(f)));
        }
        List<String> csv = Files.readAllLines(dir.resolve("a/replications.csv"));
        assertThat(csv).hasSize(Replications.METRICS.size() + 1);
        assertThat(csv.get(0).split(",")).hasSize(10);
        assertThat(Files.readString(dir.resolve("a/replications.json"))).contains("\"ci95_half_width\"", "\"seeds\" : [ 3, 4, 5 ]");
    }
}
