package org.tokenfab.validation.serving;

import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.AttentionKind;
import org.tokenfab.hardware.ModelSpec;
import org.tokenfab.hardware.Precision;

/**
 * The batch limits {@code trtllm-bench throughput} picks for itself when it is not given
 * {@code --max_batch_size} and {@code --max_num_tokens}, as TensorRT-LLM's published throughput
 * runs were made (perf-overview.md gives neither). The rule is trtllm-bench's own
 * ({@code calc_engine_setting} and {@code finetune_setting} in {@code tensorrt_llm/bench/build/tuning.py},
 * release 1.0-1.2), restated here:
 *
 * <ol>
 *   <li>the checkpoint's size is its safetensors element count times one element size for the
 *       whole checkpoint (2 bytes unquantized, 1 for FP8, 0.5 for NVFP4); an NVFP4 checkpoint
 *       stores two weights per 8-bit element and one FP8 scale per 16 weights, so its count is
 *       smaller than its parameters;</li>
 *   <li>the KV cache may take {@value #KV_FRACTION} of the group's memory left after it (the
 *       fraction perf-overview.md says the runs used), at {@code 2 x layers x max(tp, kv heads) x
 *       head size} elements per token, every layer counted whole and the head size the config's
 *       {@code head_dim}, else hidden size / heads;</li>
 *   <li>requests that fit at the dataset's input plus output length, capped at 4,096, rounded up
 *       (to 32 below 256, to 128 below 1,024, else to 256; at least 64) give
 *       {@code max_batch_size}; the same count times {@code 1 + isl/osl}, capped at 32,768 and
 *       rounded up (to 256 below 4,096, at least 2,048; to 512 below 8,192; else to 1,024), gives
 *       {@code max_num_tokens}.</li>
 * </ol>
 *
 * <p>Only checkpoints of a quantization the rule knows (none, FP8, FP8 block scales, NVFP4) are
 * sized so; any other (gpt-oss's own MXFP4 checkpoint) runs with the LLM API's defaults,
 * {@value OfflineThroughput#MAX_SEQS} and {@value OfflineThroughput#MAX_BATCH_TOKENS}. With
 * attention data parallelism every rank schedules up to these limits on its own.
 *
 * @param maxBatchSize   sequences per step and rank
 * @param maxNumTokens   tokens per step and rank
 */
record TrtllmBenchLimits(int maxBatchSize, int maxNumTokens) {

    /** {@code --kv_cache_free_gpu_mem_fraction} of the published runs (perf-overview.md). */
    static final double KV_FRACTION = 0.95;
    private static final double GIB = 1024.0 * 1024 * 1024;

    static final TrtllmBenchLimits DEFAULTS = new TrtllmBenchLimits(OfflineThroughput.MAX_SEQS,
            OfflineThroughput.MAX_BATCH_TOKENS);

    /**
     * The limits for a run of {@code model} in {@code weights} on {@code gpus} accelerators (the
     * {@code --tp} of trtllm-bench; expert parallel and attention data-parallel ranks included),
     * with KV cache elements of {@code kvCache}, on a dataset of {@code isl}/{@code osl} tokens.
     */
    static TrtllmBenchLimits of(ModelSpec model, AcceleratorSpec accelerator, int gpus, Precision weights,
            Precision kvCache, int isl, int osl) {
        if (model.nativeWeights() != null && model.nativeWeights().precision() == Precision.FP4) {
            return DEFAULTS;   // an MXFP4 checkpoint: not a quantization the rule sizes
        }
        double elementBytes = switch (weights) {
            case FP8 -> 1.0;
            case FP4 -> 0.5;
            default -> 2.0;
        };
        double kvBytes = kvCache == Precision.FP8 ? 1.0 : 2.0;
        double engineGib = checkpointElements(model, weights) * elementBytes / GIB;
        double memoryGib = accelerator.memoryBytes() / GIB * gpus;
        double cacheGib = (memoryGib - engineGib) * KV_FRACTION;
        int kvHeads = Math.max(gpus, model.kvHeads());
        int headSize = model.attentionKind() == AttentionKind.MLA ? model.hiddenSize() / model.attentionHeads()
                : model.headDim();
        double gibPerToken = 2.0 * model.layers() * kvHeads * headSize * kvBytes / GIB;
        double requests = cacheGib / (gibPerToken * (isl + osl));
        return finetune(requests, isl, osl);
    }

    /** trtllm-bench's rounding of the requests that fit into the two limits. */
    static TrtllmBenchLimits finetune(double requests, int isl, int osl) {
        double rawBatch = Math.min(requests, 4096);
        double rawTokens = Math.min(rawBatch * (1 + (double) isl / osl), 32768);
        int batch = rawBatch < 256 ? Math.max(64, roundUp(rawBatch, 32)) : roundUp(rawBatch, rawBatch < 1024 ? 128 : 256);
        int tokens = rawTokens < 4096 ? Math.max(2048, roundUp(rawTokens, 256))
                : roundUp(rawTokens, rawTokens < 8192 ? 512 : 1024);
        return new TrtllmBenchLimits(batch, tokens);
    }

    /** {@code value} rounded up to a multiple of {@code step}. */
    private static int roundUp(double value, int step) {
        return step * (int) Math.ceil(value / step);
    }

    /**
     * The checkpoint's safetensors element count: all parameters, except that an NVFP4 checkpoint
     * packs the quantized weights (every linear layer but the embedding and LM head) two to an
     * element and adds one scale element per 16 of them.
     */
    static double checkpointElements(ModelSpec model, Precision weights) {
        if (weights != Precision.FP4) {
            return model.totalParams();
        }
        double quantized = model.nonEmbeddingParams();
        return model.totalParams() - quantized + quantized * (0.5 + 1.0 / 16);
    }
}
