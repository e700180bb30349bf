package org.tokenfab.scenario.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.scenario.PlanSpec;
import org.tokenfab.scenario.Scenario;

class PlanSectionTest {
    private final ScenarioLibrary library = new ScenarioLibrary(new ScenarioLoader(Catalog.builtIn()));

    @Test
    void theBundledQuestionReadsItsPlanSection() {
        PlanSpec p = library.resolve("plan-chat-400rps", List.of()).plan();
        assertThat(p.targetRatePerSecond().getAsDouble()).isEqualTo(400);
        assertThat(p.ttftP99Ms().getAsDouble()).isEqualTo(2000);
        assertThat(p.tpotP99Ms().getAsDouble()).isEqualTo(50);
        assertThat(p.accelerators()).containsExactly("h100-sxm", "h200", "b200");
        assertThat(p.tps()).containsExactly(1, 2, 4, 8);
        assertThat(p.minimise()).contains("cost");
        assertThat(p.maxReplicas().getAsInt()).isEqualTo(128);
    }

    @Test
    void noSectionIsNone() {
        assertThat(library.resolve("quickstart", List.of()).plan()).isEqualTo(PlanSpec.NONE);
    }

    @Test
    void mistakesNameThePath() {
        assertThatThrownBy(() -> library.resolve("plan-chat-400rps", List.of("plan.slo.ttft_p90=1s")))
                .hasMessageContaining("plan.slo.ttft_p90: unknown field (did you mean 'ttft_p99'?)");
        assertThatThrownBy(() -> library.resolve("plan-chat-400rps", List.of("plan.minimise=money")))
                .hasMessageContaining("plan.minimise");
        assertThatThrownBy(() -> library.resolve("plan-chat-400rps", List.of("plan.candidates.tp=[0]")))
                .hasMessageContaining("plan.candidates.tp: expected whole numbers from 1");
        Scenario s = library.resolve("plan-chat-400rps", List.of("plan.candidates.tp=4"));
        assertThat(s.plan().tps()).containsExactly(4);
    }
}
