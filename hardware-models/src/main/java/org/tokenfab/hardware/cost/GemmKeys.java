package org.tokenfab.hardware.cost;

import java.util.List;
import org.tokenfab.hardware.Precision;

/**
 * Names of the measured kernel precisions in a calibration, and which measured table serves a
 * TokenFab precision. FP8 means per-tensor scaled FP8 (vLLM's default FP8 checkpoints);
 * {@code fp8_block} is DeepSeek-style 128x128 block scaling; {@code fp4} is NVFP4.
 */
final class GemmKeys {
    static final String BF16 = "bf16";
    static final String FP8 = "fp8";
    static final String FP8_BLOCK = "fp8_block";
    static final String FP4 = "fp4";

    private GemmKeys() {
    }

    /**
     * Measured tables to try for weights of precision {@code p}, best first. INT8 has no measured
     * kernel: it runs at the FP8 rate on the GPUs measured, so the FP8 efficiencies stand in.
     * Every list ends with BF16, the one table every measured accelerator has.
     */
    static List<String> candidates(Precision p) {
        return switch (p) {
            case FP32, BF16, FP16 -> List.of(BF16);
            case FP8, INT8 -> List.of(FP8, FP8_BLOCK, BF16);
            case FP4 -> List.of(FP4, FP8, FP8_BLOCK, BF16);
        };
    }

    /** The reference-peak key of a precision (FP16 runs at the BF16 rate). */
    static String peakKey(Precision p) {
        return switch (p) {
            case FP32 -> "fp32";
            case BF16, FP16 -> BF16;
            case FP8 -> FP8;
            case INT8 -> "int8";
            case FP4 -> FP4;
        };
    }
}
