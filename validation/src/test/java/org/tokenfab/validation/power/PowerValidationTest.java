package org.tokenfab.validation.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.power.PowerCatalog;
import org.tokenfab.validation.SuiteReport;

class PowerValidationTest {
    private static List<CaseResult> cases;

    @BeforeAll
    static void runOnce() {
        cases = PowerValidation.cases(Catalog.builtIn(), PowerCatalog.builtIn());
    }

    @Test
    void everyMeasuredGpuHasABoundedHeldOutLine() {
        for (String gpu : List.of("h200", "b200", "gb200")) {
            assertThat(cases).anyMatch(c -> c.accelerator().equals(gpu) && c.split() == CaseResult.Split.HELD_OUT
                    && c.group().equals("all families") && c.boundMape() == PowerValidation.BOUND);
        }
        assertThat(cases.stream().filter(c -> c.accelerator().equals("h100-sxm")
                && c.split() == CaseResult.Split.HELD_OUT && !Double.isNaN(c.boundMape()))).hasSize(2);
    }

    @Test
    void onlyHeldOutLinesCarryTheBound() {
        assertThat(cases).allMatch(c -> Double.isNaN(c.boundMape()) || c.split() == CaseResult.Split.HELD_OUT);
        assertThat(cases).filteredOn(c -> c.split() == CaseResult.Split.EXCLUDED)
                .isNotEmpty().allMatch(c -> c.status() == CaseResult.Status.INFO);
    }

    @Test
    void energyPerTokenErrorEqualsPowerErrorWhileThroughputIsMeasured() {
        for (CaseResult.Split split : List.of(CaseResult.Split.CALIBRATION, CaseResult.Split.HELD_OUT)) {
            List<CaseResult> h100 = cases.stream().filter(c -> c.accelerator().equals("h100-sxm")
                    && c.split() == split && !c.group().contains("h200")).toList();
            assertThat(h100).hasSize(2);
            assertThat(h100.get(1).errors().mape()).isCloseTo(h100.get(0).errors().mape(), within(0.002));
        }
    }

    @Test
    void heldOutServingPowerMeetsTheBound() {
        assertThat(cases).filteredOn(c -> c.accelerator().equals("h100-sxm") && !Double.isNaN(c.boundMape()))
                .allMatch(c -> c.status() == CaseResult.Status.PASS);
    }

    @Test
    void theReportHasOneBoundCheckPerBoundedLineAndIsDeterministic() {
        SuiteReport report = PowerValidation.run();
        assertThat(report.suite()).isEqualTo("power");
        assertThat(report.checks()).hasSize((int) cases.stream().filter(c -> !Double.isNaN(c.boundMape())).count());
        assertThat(report.tables()).hasSize(2);
        assertThat(report.tables().get(0).rows().size() + report.tables().get(1).rows().size()).isEqualTo(cases.size());
        assertThat(report.passed()).isEqualTo(cases.stream().noneMatch(c -> c.status() == CaseResult.Status.FAIL));
        assertThat(PowerValidation.run().markdown()).isEqualTo(report.markdown());
    }
}
