package org.tokenfab.validation.kernels;

import org.tokenfab.validation.SuiteReport;
import org.tokenfab.validation.BoundCheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs the kernel validation (a full refit and 5-fold cross-validation, ~45 s) and checks the
 * bound: median APE at most 10% per op family and GPU, in-sample and held out.
 */
@Tag("slow")
class KernelValidationTest {
    /**
     * Cells that miss the bound today, documented in the report and the calibration notes: the
     * A100's vLLM 0.14 decode kernel (FlashAttention 2 without split-KV for MHA) is bound by the
     * per-sequence critical path at long contexts and small batches, which a model that never gets
     * faster with more sequences cannot follow (13-14% median). The bound is not loosened: these
     * cells must still fail it, so fixing the model makes this test demand removing them here.
     */

    @Test
    void opModelsMeetTheBoundOnEveryMeasuredGpu() {
        SuiteReport report = KernelValidation.run();
        List<BoundCheck> failures = report.failures();
        // The bound, strict: decode attention on a100-80gb misses it today (median ~13.5%,
        // see the README's accuracy table), so this slow test fails until that model is fixed.
        assertThat(failures).as(report.markdown()).isEmpty();
        // Every family is validated on every GPU it has measurements for.
        assertThat(report.checks()).hasSizeGreaterThanOrEqualTo(2 * (5 + 4 + 4 + 2 + 5));
        assertThat(report.tables().get(1).rows()).anyMatch(r -> r.get(0).startsWith("GEMM"))
                .anyMatch(r -> r.get(0).startsWith("all-reduce"));
    }
}
