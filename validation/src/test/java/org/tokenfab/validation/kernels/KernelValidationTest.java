package org.tokenfab.validation.kernels;

import org.tokenfab.validation.SuiteReport;
import org.tokenfab.validation.BoundCheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
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
    static final Set<String> KNOWN_MISSES = Set.of("decode attention on a100-80gb");

    @Test
    void opModelsMeetTheBoundOnEveryMeasuredGpu() {
        SuiteReport report = KernelValidation.run();
        List<BoundCheck> failures = report.failures();
        assertThat(failures).as(report.markdown())
                .allMatch(f -> KNOWN_MISSES.stream().anyMatch(k -> f.what().startsWith(k)));
        for (String known : KNOWN_MISSES) {
            assertThat(failures).as(known + " now meets the bound: remove it from KNOWN_MISSES")
                    .anyMatch(f -> f.what().startsWith(known));
        }
        // Every family is validated on every GPU it has measurements for.
        assertThat(report.checks()).hasSizeGreaterThanOrEqualTo(2 * (5 + 4 + 4 + 2 + 5));
        assertThat(report.tables().get(1).rows()).anyMatch(r -> r.get(0).startsWith("GEMM"))
                .anyMatch(r -> r.get(0).startsWith("all-reduce"));
    }
}
