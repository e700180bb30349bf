package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.scenario.run.ScenarioRun;

class EventEstimateTest {
    private static final ScenarioLibrary LIBRARY = new ScenarioLibrary(new ScenarioLoader(Catalog.builtIn()));

    @TempDir
    Path tmp;

    private static Scenario quickstart(String... sets) {
        return LIBRARY.resolve("quickstart", List.of(sets));
    }

    @Test
    void requestsComeFromTheCapOrFromRateTimesDuration() {
        var fixed = EventEstimate.of(quickstart("requests=1000", "workload.output_tokens={dist: fixed, tokens: 160}")).orElseThrow();
        assertThat(fixed.requests()).isEqualTo(1000);
        assertThat(fixed.events()).isEqualTo(1000 * (2 + 160.0 / EventEstimate.TYPICAL_BATCH));
        // 10/s for 100 s is 1,000 requests, fewer than the cap of 3,000.
        var byRate = EventEstimate.of(quickstart("duration=100s", "workload.arrivals.rate=10/s")).orElseThrow();
        assertThat(byRate.requests()).isCloseTo(1000, Percentage.withPercentage(1e-9));
    }

    @Test
    void estimateLeansHighButStaysTheRightOrderOfMagnitude() {
        // Against real runs of every bundled scenario with an estimate: never below half the real
        // count (a warning must not come too late), and at most 50 times above it (folded decode
        // steps make real runs cheaper than one event per iteration; 3-40 times on the library).
        int compared = 0;
        for (String name : ScenarioLibrary.names()) {
            Scenario s = LIBRARY.resolve(name, List.of("requests=300", "duration=10m"));
            var estimate = EventEstimate.of(s);
            if (estimate.isPresent()) {
                long real = new ScenarioRun(s).run().events();
                assertThat(estimate.get().events()).as("%s: estimate vs %d real events", name, real).isBetween(real / 2.0, real * 50.0);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(10);
    }

    @Test
    void hugeScenarioWarnsWithTheCountAndTheBoundUnlessCapped() {
        Scenario huge = quickstart("requests=1000000000000", "duration=30d", "workload.arrivals.rate=5000/s");
        var warning = EventEstimate.warning(huge, null);
        assertThat(warning).isPresent();
        assertThat(warning.get()).contains("quickstart implies up to about", "billion engine events", "13.0 billion requests", "--max-events");
        assertThat(EventEstimate.warning(huge, 1_000_000L)).isEmpty();
        assertThat(EventEstimate.warning(quickstart(), null)).isEmpty();
    }

    @Test
    void runPrintsTheWarningBeforeItStarts() throws IOException {
        Path yaml = tmp.resolve("huge.yaml");
        Files.writeString(yaml, ScenarioLibrary.text("quickstart"));
        Cli o = Cli.exec("run", yaml.toString(), "--out", tmp.resolve("out").toString(), "--set", "requests=1000000000000",
                "--set", "duration=30d", "--set", "workload.arrivals.rate=5000/s", "--max-wall", "1s", "--no-report");
        // --max-wall does not silence it: the warning is about the work implied, and stops it within a second here.
        assertThat(o.err()).startsWith("tokenfab: warning: quickstart implies up to about");
        assertThat(o.code()).isEqualTo(3);
    }

    @Test
    void meansOfLengthDistributions() {
        assertThat(EventEstimate.mean(new org.tokenfab.scenario.LengthSpec.Uniform(10, 20))).isEqualTo(15);
        assertThat(EventEstimate.mean(new org.tokenfab.scenario.LengthSpec.Lognormal(Math.log(100), 0, 0))).isCloseTo(100,
                Percentage.withPercentage(1e-9));
        assertThat(EventEstimate.mean(new org.tokenfab.scenario.LengthSpec.Zipf(2, 1))).isCloseTo((1 + 1.0) / 1.5,
                Percentage.withPercentage(1e-9));
    }
}
