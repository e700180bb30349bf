package org.tokenfab.validation.power;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Precision;
import org.tokenfab.sim.TokenFabException;

/**
 * The ML.ENERGY v3 H100 runs of dense text models ({@code llm_configurations_h100.csv}), with a
 * roofline estimate of each run's average per-GPU activity.
 *
 * <p>Which runs: dense transformers on the text tasks {@code lm-arena-chat} and {@code gpqa} whose
 * architecture is in {@code ml-energy-models.csv} (85 runs, 7 models). Left out: MoE runs (the
 * activity of a MoE step depends on expert routing and expert parallelism, which this estimate does
 * not model), hybrid Mamba models, sliding-window Gemma 3 and the multimodal tasks (image and
 * video encoders).
 *
 * <p>The estimate, per GPU (tp GPUs, tensor parallel): one engine step lasts
 * {@code T = average batch / output throughput} (every running sequence emits one token per step);
 * each step streams the weights once (all but the input embedding, of which only the batch's rows
 * are read) and reads every sequence's KV cache at its mean context {@code input + output/2};
 * FLOPs are 2 per weight per token (decode tokens and prompt tokens, prompts arriving at
 * throughput ÷ output length per second) plus 4·L·H·d per attended (query, key) pair. Utilisations
 * divide by the catalog's dense peak at the weight precision and its HBM bandwidth.
 *
 * <p>Assumption (low confidence): the CSV has no prompt lengths, so prompts are taken as
 * {@value #ARENA_PROMPT_TOKENS} tokens for lm-arena-chat (short first-turn chat prompts) and
 * {@value #GPQA_PROMPT_TOKENS} for gpqa (a multiple-choice science question with its instructions).
 * The fitted coefficients move with this choice but the power error does not (MAPE on the held-out
 * models stays between 5% and 9% for prompts of 100–800 tokens; see the test).
 */
final class MlEnergyData {
    static final String RUNS = "power/ml-energy/llm_configurations_h100.csv";
    static final String MODELS = "org/tokenfab/validation/power/ml-energy-models.csv";
    static final int ARENA_PROMPT_TOKENS = 200;
    static final int GPQA_PROMPT_TOKENS = 300;
    static final Set<String> TASKS = Set.of("lm-arena-chat", "gpqa");

    private MlEnergyData() {
    }

    /** Runs with the default prompt-length assumption. */
    static List<ServingRun> load(AcceleratorSpec h100) {
        return load(h100, ARENA_PROMPT_TOKENS, GPQA_PROMPT_TOKENS);
    }

    /** Runs with the given prompt lengths (for the sensitivity check). */
    static List<ServingRun> load(AcceleratorSpec h100, int arenaPromptTokens, int gpqaPromptTokens) {
        Map<String, Architecture> architectures = architectures();
        ReferenceTable t = ReferenceTable.load(RUNS);
        List<ServingRun> runs = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            String model = t.text(r, "model_id");
            String task = t.text(r, "task");
            Architecture a = architectures.get(model);
            if (a == null || !TASKS.contains(task) || !t.text(r, "architecture").equals("Dense Transformer")) {
                continue;
            }
            if (!t.text(r, "gpu_model").equals("H100")) {
                throw new TokenFabException(t.name() + ": row " + (r + 2) + " is not an H100 run");
            }
            int tp = t.integer(r, "tensor_parallel");
            if (t.integer(r, "num_gpus") != tp) {
                throw new TokenFabException(t.name() + ": row " + (r + 2) + ": dense runs are expected to be pure tensor"
                        + " parallel (num_gpus = tensor_parallel)");
            }
            Precision weights = switch (t.text(r, "weight_precision")) {
                case "bfloat16" -> Precision.BF16;
                case "fp8" -> Precision.FP8;
                default -> throw new TokenFabException(t.name() + ": row " + (r + 2) + ": unexpected weight precision");
            };
            double batch = t.number(r, "avg_batch_size");
            double throughput = t.number(r, "output_throughput_tokens_per_sec");
            double outputLen = t.number(r, "avg_output_len");
            double prompt = task.equals("gpqa") ? gpqaPromptTokens : arenaPromptTokens;
            double[] activity = a.activity(h100, weights, tp, batch, throughput, outputLen, prompt);
            runs.add(new ServingRun(model, task, tp, t.integer(r, "max_num_seqs"), batch, throughput,
                    t.number(r, "power_per_gpu_w"), t.number(r, "energy_per_token_joules"), activity[0], activity[1]));
        }
        return runs;
    }

    static Map<String, Architecture> architectures() {
        ReferenceTable t = ReferenceTable.loadResource(MODELS);
        Map<String, Architecture> out = new HashMap<>();
        for (int r = 0; r < t.size(); r++) {
            out.put(t.text(r, "model_id"), new Architecture(t.integer(r, "layers"), t.integer(r, "hidden"),
                    t.integer(r, "heads"), t.integer(r, "kv_heads"), t.integer(r, "head_dim"), t.integer(r, "ffn"),
                    t.integer(r, "vocab"), Boolean.parseBoolean(t.text(r, "tied"))));
        }
        return out;
    }

    /** A dense GQA transformer with a gated MLP, as Hugging Face's config.json describes it. */
    record Architecture(int layers, int hidden, int heads, int kvHeads, int headDim, int ffn, int vocab,
            boolean tied) {
        /** Weights of the transformer blocks: Q, K, V, O projections and the gated MLP (norms ignored). */
        double blockParams() {
            double attention = (double) hidden * heads * headDim * 2 + 2.0 * hidden * kvHeads * headDim;
            return layers * (attention + 3.0 * hidden * ffn);
        }

        double embeddingParams() {
            return (double) vocab * hidden;
        }

        /** {compute utilisation, memory utilisation} per GPU; see the class comment. */
        double[] activity(AcceleratorSpec gpu, Precision weights, int tp, double batch, double throughput,
                double outputLen, double prompt) {
            double step = batch / throughput;
            double context = prompt + outputLen / 2;
            // Each GPU holds heads/tp query heads and max(1, kvHeads/tp) KV heads.
            double kvBytesPerToken = 2.0 * layers * headDim * 2 * Math.max(1.0, (double) kvHeads / tp);
            double weightBytes = (blockParams() * weights.storedBytesPerWeight()
                    + embeddingParams() * weights.embeddingBytesPerWeight()) / tp;
            double bytesPerStep = weightBytes + batch * context * kvBytesPerToken;
            double attentionPerPair = 4.0 * layers * heads * headDim / tp;
            double linearPerToken = 2.0 * blockParams() / tp;
            double decodeFlops = batch * (linearPerToken + 2.0 * embeddingParams() / tp + attentionPerPair * context);
            double promptsPerSecond = throughput / outputLen;
            double prefillFlopsPerSecond = promptsPerSecond
                    * (prompt * linearPerToken + attentionPerPair * prompt * (prompt + 1) / 2);
            double uc = (decodeFlops / step + prefillFlopsPerSecond) / gpu.densePeakFlops(weights);
            double um = bytesPerStep / step / gpu.memoryBandwidthBytesPerSecond();
            return new double[] {uc, um};
        }
    }
}
