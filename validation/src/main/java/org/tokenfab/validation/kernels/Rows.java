package org.tokenfab.validation.kernels;

/** One measured row per op family; times in nanoseconds. */
final class Rows {
    private Rows() {
    }

    /** A GEMM [m x k] x [k x n]. */
    record Gemm(double m, double n, double k, String kernel, double nanos) {
    }

    /**
     * A context (prefill: {@code step = 0}, each of {@code batch} sequences has {@code isl} new
     * tokens) or generation (decode: one new token attending to {@code step + 1} keys) attention
     * kernel.
     */
    record Attention(double batch, double isl, double heads, double kvHeads, int headDim, double step, boolean fp8Kv,
            double nanos) {
        /** Causal pairs of a prefill row. */
        double pairs() {
            return batch * isl * (isl + 1) / 2;
        }

        /** Keys read by a decode row, summed over the batch. */
        double context() {
            return batch * (step + 1);
        }

        /** Keys read by the longest sequence of a decode row (all of a row's sequences are equal). */
        double maxContext() {
            return step + 1;
        }
    }

    /** A fused-MoE layer over {@code tokens} tokens (balanced routing). */
    record Moe(double tokens, int hidden, int inter, int topK, int experts, int tp, int ep, double nanos) {
        String config() {
            return hidden + "x" + inter + " e" + experts + " k" + topK + " tp" + tp + " ep" + ep;
        }
    }

    /** A collective of {@code bytes} bytes over {@code gpus} GPUs. */
    record Collective(int gpus, double bytes, double nanos) {
    }

    /** One Vidur operator measurement (H100, fp16), with the model's shapes. */
    record VidurOp(String model, String op, int tp, double tokens, int hidden, int ffn, int heads, int kvHeads,
            boolean gated, double nanos) {
    }

    /** One Vidur CPU-overhead measurement: host time per step in ns for a batch size. */
    record Cpu(String model, int tp, int batch, double nanos) {
    }
}
