package org.tokenfab.validation.kernels;

/** Op families of the kernel calibration, as the validation report groups them. */
enum Family {
    GEMM("GEMM", true),
    PREFILL_ATTENTION("prefill attention", true),
    DECODE_ATTENTION("decode attention", true),
    MOE("MoE", true),
    ALL_REDUCE("all-reduce", true),
    /** All-to-all, all-gather, reduce-scatter and send/recv (APEX+): calibrated, reported, not bounded. */
    OTHER_COLLECTIVES("other collectives", false),
    /** RMSNorm, residual add, rotary, activation (Vidur, H100): calibrated, reported, not bounded. */
    ELEMENTWISE("element-wise", false);

    private final String label;
    private final boolean bounded;

    Family(String label, boolean bounded) {
        this.label = label;
        this.bounded = bounded;
    }

    String label() {
        return label;
    }

    /** Whether the median-error bound applies to this family. */
    boolean bounded() {
        return bounded;
    }
}
