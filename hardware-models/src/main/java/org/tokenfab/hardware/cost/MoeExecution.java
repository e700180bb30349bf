package org.tokenfab.hardware.cost;

/**
 * How a serving engine runs a mixture-of-experts layer whose experts are spread over an
 * expert-parallel group: facts read from the engine's code, not fitted. The kernel calibration
 * measured vLLM's way ({@link #VLLM}); another engine differs in two places.
 *
 * @param localAssignments  whether the fused-MoE kernel permutes, multiplies and combines only the
 *                          (token, expert) assignments of this GPU's experts. TensorRT-LLM's
 *                          CUTLASS and TRT-LLM-Gen MoE kernels sort the other GPUs' assignments
 *                          past a valid-row count and skip them, then write one combined row per
 *                          token; vLLM's fused-MoE kernel with an expert map sorts, gathers and sums
 *                          every assignment of the group (measured: its time grows with the
 *                          group's tokens even at 256-way expert parallelism).
 * @param quantizedDispatch whether, with attention data parallel, the hidden states are quantized
 *                          to the experts' compute format (FP8, FP4) before they are gathered to
 *                          the expert GPUs, so the dispatch moves that format's bytes, not BF16's
 *                          (TensorRT-LLM's {@code CutlassFusedMoE}: "post-quant all-gather"). The
 *                          combine (reduce-scatter of the expert outputs) stays 16-bit.
 */
public record MoeExecution(boolean localAssignments, boolean quantizedDispatch) {
    /** vLLM's: every assignment of the group in each GPU's kernel, 16-bit dispatch. */
    public static final MoeExecution VLLM = new MoeExecution(false, false);
}
