package org.tokenfab.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.tokenfab.sim.TokenFabException;

/**
 * One replica's shape: a model on {@code tp} accelerators of one kind, tensor-parallel, with its
 * weight and KV-cache precisions. The memory model and the step-cost model both start from it.
 * Pipeline and expert parallelism will be added here.
 *
 * <p>Validated on construction: {@code tp} must divide the model's KV heads (each GPU holds whole
 * KV heads; replicating KV heads when tp exceeds them, as vLLM can, is not modelled) and its query
 * heads, and fit in the accelerator's scale-up domain (tensor parallelism over the scale-out
 * network is not modelled).
 *
 * @param model the LLM
 * @param accelerator the accelerator every GPU of the replica is
 * @param tp tensor-parallel degree, GPUs per replica
 * @param weights weight precision (also the matmul compute precision)
 * @param kvCache KV-cache precision
 */
public record Deployment(ModelSpec model, AcceleratorSpec accelerator, int tp, Precision weights, Precision kvCache) {

    public Deployment {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(kvCache, "kvCache");
        List<Integer> allowed = validTensorParallelDegrees(model, accelerator);
        if (!allowed.contains(tp)) {
            String why;
            if (tp < 1) {
                why = "tp must be at least 1";
            } else if (tp > accelerator.scaleUpDomainSize()) {
                why = "tp must be at most " + accelerator.id() + "'s scale-up domain of "
                        + accelerator.scaleUpDomainSize() + " GPUs (tensor parallelism over the scale-out network is not modelled)";
            } else {
                why = "tp must divide " + model.id() + "'s " + model.kvHeads() + " KV heads and "
                        + model.attentionHeads() + " attention heads";
            }
            throw new TokenFabException("tp=" + tp + " is not possible for " + model.id() + " on " + accelerator.id()
                    + ": " + why + "; allowed: " + allowed.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
    }

    /**
     * Tensor-parallel degrees this model allows on this accelerator, ascending: divisors of both
     * head counts, at most the scale-up domain.
     */
    public static List<Integer> validTensorParallelDegrees(ModelSpec model, AcceleratorSpec accelerator) {
        List<Integer> degrees = new ArrayList<>();
        for (int t = 1; t <= accelerator.scaleUpDomainSize(); t++) {
            if (model.kvHeads() % t == 0 && model.attentionHeads() % t == 0) {
                degrees.add(t);
            }
        }
        return List.copyOf(degrees);
    }

    /** "llama-3.1-8b bf16 (kv bf16) on 1 x h100-sxm", for messages and reports. */
    public String describe() {
        return model.id() + " " + weights.yamlName() + " (kv " + kvCache.yamlName() + ") on " + tp + " x "
                + accelerator.id();
    }
}
