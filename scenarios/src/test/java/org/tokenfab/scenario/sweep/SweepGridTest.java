package org.tokenfab.scenario.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.Scenario.SweepAxis;
import org.tokenfab.scenario.load.ScenarioLibrary;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.sim.TokenFabException;

class SweepGridTest {
    @Test
    void splitsOnTopLevelCommasOnly() {
        assertThat(SweepGrid.splitTopLevel("1,2, 4")).containsExactly("1", "2", "4");
        assertThat(SweepGrid.splitTopLevel("{tp: 2, pp: 1},{tp: 4}")).containsExactly("{tp: 2, pp: 1}", "{tp: 4}");
        assertThat(SweepGrid.splitTopLevel("[a, b],[c]")).containsExactly("[a, b]", "[c]");
        assertThat(SweepGrid.splitTopLevel("{a: [1, 2], b: {c: 3, d: 4}},x")).containsExactly("{a: [1, 2], b: {c: 3, d: 4}}", "x");
        assertThat(SweepGrid.splitTopLevel("'a,b',\"c,d\",e")).containsExactly("'a,b'", "\"c,d\"", "e");
        assertThat(SweepGrid.splitTopLevel("5/s")).containsExactly("5/s");
    }

    @Test
    void parsesAnAxisAndRejectsMalformedOnes() {
        SweepAxis a = SweepGrid.parseAxis("cluster.pools[0].parallelism={tp: 1},{tp: 2, pp: 2}");
        assertThat(a.path()).isEqualTo("cluster.pools[0].parallelism");
        assertThat(a.values()).containsExactly("{tp: 1}", "{tp: 2, pp: 2}");
        assertThatThrownBy(() -> SweepGrid.parseAxis("replicas")).isInstanceOf(TokenFabException.class)
                .hasMessageContaining("expected PATH=V1,V2");
        assertThatThrownBy(() -> SweepGrid.parseAxis("a=1,,2")).hasMessageContaining("an empty value");
        assertThatThrownBy(() -> SweepGrid.of(List.of(), List.of())).hasMessageContaining("nothing to sweep");
    }

    @Test
    void expandsTheCartesianProductLastAxisFastest() {
        SweepGrid g = new SweepGrid(List.of(new SweepAxis("a", List.of("1", "2")), new SweepAxis("b", List.of("x", "y", "z"))));
        assertThat(g.size()).isEqualTo(6);
        assertThat(g.points()).extracting(SweepGrid.Point::values).containsExactly(List.of("1", "x"), List.of("1", "y"),
                List.of("1", "z"), List.of("2", "x"), List.of("2", "y"), List.of("2", "z"));
        assertThat(g.sets(g.point(4))).containsExactly("a=2", "b=y");
        assertThat(g.paths()).containsExactly("a", "b");
    }

    @Test
    void commandLineAxesReplaceTheScenariosOnTheSamePathAndAppendNewOnes() {
        List<SweepAxis> file = List.of(new SweepAxis("a", List.of("1", "2")), new SweepAxis("b", List.of("x")));
        SweepGrid g = SweepGrid.of(file, List.of(new SweepAxis("a", List.of("9")), new SweepAxis("c", List.of("p", "q"))));
        assertThat(g.axes()).containsExactly(new SweepAxis("a", List.of("9")), new SweepAxis("b", List.of("x")),
                new SweepAxis("c", List.of("p", "q")));
    }

    @Test
    void refusesAGridTooLargeToBeMeant() {
        List<String> hundred = java.util.stream.IntStream.range(0, 101).mapToObj(Integer::toString).toList();
        assertThatThrownBy(() -> new SweepGrid(List.of(new SweepAxis("a", hundred), new SweepAxis("b", hundred))))
                .hasMessageContaining("more than 10000 points");
    }

    @Test
    void theLoaderReadsASweepSection() {
        ScenarioLoader loader = new ScenarioLoader(Catalog.builtIn());
        String yaml = ScenarioLibrary.text("quickstart") + "\nsweep: { \"cluster.pools[0].replicas\": [1, 2, 4],"
                + " \"workload.arrivals.rate\": [\"5/s\", 10/s], \"cluster.pools[0].parallelism\": [{tp: 1}, {tp: 2}] }\n";
        Scenario s = loader.parse("test.yaml", yaml, List.of());
        assertThat(s.sweep()).containsExactly(new SweepAxis("cluster.pools[0].replicas", List.of("1", "2", "4")),
                new SweepAxis("workload.arrivals.rate", List.of("5/s", "10/s")),
                new SweepAxis("cluster.pools[0].parallelism", List.of("{\"tp\":1}", "{\"tp\":2}")));
        // each value is a valid --set value
        Scenario point = loader.parse("test.yaml", yaml, List.of("cluster.pools[0].parallelism={\"tp\":2}"));
        assertThat(point.cluster().pools().get(0).parallelism().tp()).isEqualTo(2);

        assertThatThrownBy(() -> loader.parse("test.yaml", ScenarioLibrary.text("quickstart") + "\nsweep: [1, 2]\n", List.of()))
                .hasMessageContaining("test.yaml: sweep: expected a mapping of YAML paths to lists of values");
        assertThatThrownBy(() -> loader.parse("test.yaml", ScenarioLibrary.text("quickstart") + "\nsweep: {seed: 3}\n", List.of()))
                .hasMessageContaining("test.yaml: sweep.seed: expected a non-empty list of values");
        assertThat(loader.parse("test.yaml", ScenarioLibrary.text("quickstart"), List.of()).sweep()).isEmpty();
    }
}
