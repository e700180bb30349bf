package org.tokenfab.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.tokenfab.sim.TokenFabException;

class KnownMissesTest {
    private static SuiteReport report(BoundCheck... checks) {
        return new SuiteReport("serving", "t", List.of(), List.of(), List.of(checks), List.of());
    }

    @Test
    void listedMissesPassUnlessTheyGetWorseAndNewMissesFail(@TempDir Path dir) {
        Path file = dir.resolve("known-misses.csv");
        KnownMisses.write(file, List.of(report(new BoundCheck("case a, TTFT error %", 40, 25),
                new BoundCheck("case b, TPOT error %", 10, 15))));
        KnownMisses known = KnownMisses.read(file);
        assertThat(known.size()).isEqualTo(1);
        // Same error, or a little worse within the slack: no regression.
        assertThat(known.regressions(List.of(report(new BoundCheck("case a, TTFT error %", 41.5, 25))))).isEmpty();
        // Clearly worse (> 5% of 40 = 2 points), or a new miss: regressions.
        assertThat(known.regressions(List.of(report(new BoundCheck("case a, TTFT error %", 42.5, 25)))))
                .singleElement().asString().contains("worse than the known 40.0");
        assertThat(known.regressions(List.of(report(new BoundCheck("case b, TPOT error %", 16, 15)))))
                .singleElement().asString().contains("a new miss");
        // A listed miss that now holds is reported as fixed.
        assertThat(known.fixed(List.of(report(new BoundCheck("case a, TTFT error %", 20, 25))))).containsExactly(
                "serving: case a, TTFT error %");
    }

    @Test
    void fieldsWithCommasRoundTripAndBadLinesAreNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("k.csv");
        KnownMisses.write(file, List.of(report(new BoundCheck("x [prompt 512, batch 8] \"TTFT\"", 30, 25))));
        assertThat(KnownMisses.read(file).regressions(List.of(report(new BoundCheck("x [prompt 512, batch 8] \"TTFT\"", 30, 25)))))
                .isEmpty();
        Files.writeString(file, "suite,what,value,bound\nserving,x,abc,25\n");
        assertThatThrownBy(() -> KnownMisses.read(file)).isInstanceOf(TokenFabException.class)
                .hasMessageContaining("k.csv:2: value 'abc' is not a number");
    }
}
