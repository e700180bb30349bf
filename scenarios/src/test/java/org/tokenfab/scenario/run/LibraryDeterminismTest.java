package org.tokenfab.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;

/**
 * Every bundled scenario, cut to its first 300 requests (and at most 10 minutes of arrivals), run
 * twice in one JVM: summary.json (apart from wall time) and timeseries.csv are identical byte for
 * byte. Variants and sweeps are not expanded here; their runs are ordinary runs of the same code.
 */
class LibraryDeterminismTest {
    static Stream<String> library() {
        return ScenarioLibrary.names().stream();
    }

    private static String[] outputs(String name) throws Exception {
        Scenario s = new ScenarioLoader(Catalog.builtIn()).parse(name, ScenarioLibrary.text(name),
                List.of("requests=300", "duration=10m"));
        ScenarioRun run = new ScenarioRun(s);
        RunResult r = run.run();
        StringWriter ts = new StringWriter();
        run.timeSeries().write(ts);
        return new String[] {ScenarioRunTest.withoutWallTime(SummaryJson.toJson(r)), ts.toString()};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("library")
    void sameScenarioAndSeedGiveIdenticalOutputs(String name) throws Exception {
        String[] a = outputs(name);
        String[] b = outputs(name);
        assertThat(a[0]).isEqualTo(b[0]).contains("\"completed\"");
        assertThat(a[1]).isEqualTo(b[1]);
    }
}
