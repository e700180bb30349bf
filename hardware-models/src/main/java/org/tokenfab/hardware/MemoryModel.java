package org.tokenfab.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.tokenfab.sim.TokenFabException;

/**
 * How device memory of one replica divides into weights, a reserve, and the KV cache, and so how
 * many tokens of context the replica can hold. Immutable; everything is computed on construction.
 *
 * <p>The budget per GPU follows vLLM: {@code memory_utilization} (vLLM's
 * {@code gpu_memory_utilization}, default 0.90) of the device memory is usable; from it come the
 * weights (sharded evenly over {@code tp}), a reserve for activations and workspace, and the rest
 * is KV cache. Each GPU holds {@code kvHeads / tp} of every token's KV heads, so the replica's
 * capacity in tokens equals one GPU's.
 *
 * <p><b>Reserve (assumption, low-preliminary):</b> vLLM sizes its KV cache after a profiling
 * forward pass at {@code max_num_batched_tokens} and subtracts peak activation memory, the CUDA
 * graph pool and non-PyTorch allocations (NCCL buffers, cuBLAS workspace); for 8B-70B models at
 * the usual 8k-token batch that is a few GB per GPU. We take a flat
 * {@value #DEFAULT_RESERVE_GB_PER_GPU} GB per GPU until calibrated against measured start-up logs.
 *
 * <p>Units: 1 GB = 10^9 bytes, as the catalog and datasheets use.
 */
public final class MemoryModel {
    /** vLLM's default {@code gpu_memory_utilization}. */
    public static final double DEFAULT_MEMORY_UTILIZATION = 0.90;
    /** Activation/workspace reserve per GPU, GB: an assumption, see the class comment. */
    public static final double DEFAULT_RESERVE_GB_PER_GPU = 3.0;

    private final Deployment deployment;
    private final double memoryUtilization;
    private final long usableBytesPerGpu;
    private final long reserveBytesPerGpu;
    private final long weightBytes;
    private final long weightBytesPerGpu;
    private final long kvBytesPerToken;
    private final long kvBytesPerTokenPerGpu;
    private final long kvBytesPerGpu;
    private final long kvCapacityTokens;

    /**
     * A memory model with the default reserve.
     *
     * @throws TokenFabException if tp is not valid for the model and accelerator, or the weights
     *     leave no room for the KV cache (the message gives the numbers and what would fit)
     */
    public MemoryModel(ModelSpec model, AcceleratorSpec accelerator, int tp, Precision weights, Precision kvCache,
            double memoryUtilization) {
        this(new Deployment(model, accelerator, tp, weights, kvCache), memoryUtilization, DEFAULT_RESERVE_GB_PER_GPU);
    }

    /**
     * @param deployment model, accelerator, tp and precisions
     * @param memoryUtilization fraction of device memory the engine may use, in (0, 1]
     * @param reserveGbPerGpu GB per GPU kept back for activations and workspace, at least 0
     * @throws TokenFabException if an argument is out of range or the weights leave no room for
     *     the KV cache
     */
    public MemoryModel(Deployment deployment, double memoryUtilization, double reserveGbPerGpu) {
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        if (!(memoryUtilization > 0 && memoryUtilization <= 1)) {
            throw new TokenFabException("memory_utilization must be in (0, 1], got " + memoryUtilization);
        }
        if (!(reserveGbPerGpu >= 0) || Double.isInfinite(reserveGbPerGpu)) {
            throw new TokenFabException("the activation/workspace reserve must be >= 0 GB per GPU, got " + reserveGbPerGpu);
        }
        this.memoryUtilization = memoryUtilization;
        ModelSpec model = deployment.model();
        int tp = deployment.tp();
        this.usableBytesPerGpu = (long) Math.floor(deployment.accelerator().memoryBytes() * memoryUtilization);
        this.reserveBytesPerGpu = Math.round(reserveGbPerGpu * 1e9);
        this.weightBytes = weightBytes(model, deployment.weights());
        this.weightBytesPerGpu = ceilDiv(weightBytes, tp);
        this.kvBytesPerToken = model.kvBytesPerToken(deployment.kvCache());
        this.kvBytesPerTokenPerGpu = kvBytesPerToken / tp; // tp divides kvHeads (Deployment checks)
        long free = usableBytesPerGpu - reserveBytesPerGpu - weightBytesPerGpu;
        if (free < kvBytesPerTokenPerGpu) {
            throw new TokenFabException(doesNotFitMessage());
        }
        this.kvBytesPerGpu = free;
        this.kvCapacityTokens = free / kvBytesPerTokenPerGpu;
    }

    /** Bytes of all weights of {@code model} stored in {@code precision} (rounded up). */
    public static long weightBytes(ModelSpec model, Precision precision) {
        return (long) Math.ceil(model.totalParams() * precision.bytesPerElement());
    }

    /** KV-cache bytes per token for the whole model (all GPUs of a replica together). */
    public static long kvBytesPerToken(ModelSpec model, Precision kvCache) {
        return model.kvBytesPerToken(kvCache);
    }

    public Deployment deployment() {
        return deployment;
    }

    public double memoryUtilization() {
        return memoryUtilization;
    }

    /** Device memory times {@code memory_utilization}, bytes per GPU. */
    public long usableBytesPerGpu() {
        return usableBytesPerGpu;
    }

    /** Activation/workspace reserve, bytes per GPU. */
    public long reserveBytesPerGpu() {
        return reserveBytesPerGpu;
    }

    /** Weights of the whole replica, bytes. */
    public long weightBytes() {
        return weightBytes;
    }

    /** Weights held by one GPU (1/tp of the replica's), bytes. */
    public long weightBytesPerGpu() {
        return weightBytesPerGpu;
    }

    /** KV bytes per token for the whole replica. */
    public long kvBytesPerToken() {
        return kvBytesPerToken;
    }

    /** KV bytes per token on one GPU (its kvHeads/tp heads). */
    public long kvBytesPerTokenPerGpu() {
        return kvBytesPerTokenPerGpu;
    }

    /** Bytes per GPU left for the KV cache. */
    public long kvBytesPerGpu() {
        return kvBytesPerGpu;
    }

    /** Tokens of KV cache the whole replica holds (before paging into blocks), at least 1. */
    public long kvCapacityTokens() {
        return kvCapacityTokens;
    }

    private String doesNotFitMessage() {
        ModelSpec model = deployment.model();
        AcceleratorSpec acc = deployment.accelerator();
        int tp = deployment.tp();
        long room = usableBytesPerGpu - reserveBytesPerGpu;
        String head = String.format(Locale.ROOT,
                "%s in %s needs %s GB of weights per replica, %s GB per GPU at tp=%d, but %s has %s GB per GPU "
                        + "(%s GB usable at memory_utilization %.2f, %s GB of it reserved for activations and workspace, "
                        + "leaving %s GB for weights and KV cache)",
                model.id(), deployment.weights().yamlName(), gb(weightBytes), gb(weightBytesPerGpu), tp, acc.id(),
                gb(acc.memoryBytes()), gb(usableBytesPerGpu), memoryUtilization, gb(reserveBytesPerGpu), gb(room));
        if (weightBytesPerGpu < room) {
            head += ", not enough for the KV cache of a single token";
        }
        List<String> options = new ArrayList<>();
        int sameTp = smallestFittingTp(deployment.weights());
        if (sameTp > 0) {
            options.add("use tp >= " + sameTp);
        }
        for (Precision p : Precision.values()) {
            if (p.bytesPerElement() < deployment.weights().bytesPerElement() && acc.supports(p)
                    && options.stream().noneMatch(o -> o.contains(" weights"))) {
                int t = smallestFittingTp(p);
                if (t > 0) {
                    options.add(p.yamlName() + " weights" + (t == tp ? "" : " with tp >= " + t));
                }
            }
        }
        if (options.isEmpty()) {
            List<Integer> degrees = Deployment.validTensorParallelDegrees(model, acc);
            return head + "; even tp=" + degrees.get(degrees.size() - 1) + ", the largest this model allows within "
                    + acc.id() + "'s scale-up domain, does not fit (pipeline parallelism is not modelled yet): "
                    + "choose an accelerator with more memory or lower-precision weights";
        }
        return head + "; " + String.join(", or ", options);
    }

    /** Smallest valid tp above the current one (or any tp, for another precision) that fits; -1 if none. */
    private int smallestFittingTp(Precision weights) {
        ModelSpec model = deployment.model();
        boolean samePrecision = weights == deployment.weights();
        long perToken = model.kvBytesPerToken(deployment.kvCache());
        for (int t : Deployment.validTensorParallelDegrees(model, deployment.accelerator())) {
            if (samePrecision && t <= deployment.tp()) {
                continue;
            }
            long free = usableBytesPerGpu - reserveBytesPerGpu - ceilDiv(weightBytes(model, weights), t);
            if (free >= perToken / t) {
                return t;
            }
        }
        return -1;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** GB with one decimal, without a trailing ".0" (80, 72, 141.1). */
    static String gb(double bytes) {
        String s = String.format(Locale.ROOT, "%.1f", bytes / 1e9);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "MemoryModel[%s: weights %s GB/GPU, reserve %s GB/GPU, KV %s GB/GPU = %d tokens]",
                deployment.describe(), gb(weightBytesPerGpu), gb(reserveBytesPerGpu), gb(kvBytesPerGpu),
                kvCapacityTokens);
    }
}
