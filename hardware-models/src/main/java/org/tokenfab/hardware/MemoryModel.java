package org.tokenfab.hardware;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.tokenfab.sim.TokenFabException;

/**
 * How device memory of one replica divides into weights, a reserve, and the KV cache, and so how
 * many tokens of context the replica can hold. Immutable; everything is computed on construction.
 *
 * <p>The budget per GPU follows vLLM: {@code memory_utilization} (vLLM's
 * {@code gpu_memory_utilization}, default 0.90) of the device memory is usable; from it come the
 * weights, a reserve for activations and workspace, and the rest is KV cache.
 *
 * <ul>
 *   <li><b>Weights</b>: all parameters at the weight precision, every expert of an MoE model
 *       included (all are resident). Each pipeline stage holds its layers (the first also the
 *       input embedding, the last the LM head), sharded evenly over the stage's {@code tp} GPUs;
 *       with expert parallelism the routed experts are sharded over {@code ep} GPUs instead
 *       (attention and dense weights are then replicated in each of the {@code dp} groups).
 *   <li><b>KV cache</b>: a GPU holds its stage's layers, and within a layer the share
 *       {@link Deployment#kvShardFraction()}: 1/tp of the KV heads, one whole head when tp exceeds
 *       them (vLLM replicates), or the whole MLA latent (vLLM does not shard it over tp). The
 *       replica's capacity in tokens is the smallest over its stages, times {@code dp}: each
 *       data-parallel attention group caches its own sequences.
 *   <li><b>Sliding-window layers</b> cache at most {@code window} tokens per sequence, so their
 *       cache does not scale with the context. Capacity is counted in tokens of the
 *       <em>full-attention</em> layers, {@code free / (full-attention KV bytes per token)}, as
 *       vLLM's hybrid allocator counts blocks of one layer group. A sequence's windowed layers
 *       take {@link #kvTokensFor(long)} minus its context on top, at most
 *       {@link #windowKvTokensPerSequence()} (128 tokens for gpt-oss). A pool that charges each
 *       sequence only its context therefore overstates capacity by that much per running
 *       sequence (the approximation; exact when it charges {@code kvTokensFor}).
 * </ul>
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

    /**
     * One pipeline stage's memory, per GPU of the stage.
     *
     * @param index 0-based stage
     * @param firstLayer first (0-based) layer the stage holds
     * @param layers how many layers it holds
     * @param weightBytesPerGpu weights on one of its GPUs
     * @param kvBytesPerTokenPerGpu KV bytes one token of context takes in its full-attention layers
     * @param windowedKvBytesPerTokenPerGpu the same for its windowed layers (up to the window)
     * @param kvBytesPerGpu bytes left for the KV cache (negative when the weights do not fit)
     */
    public record Stage(int index, int firstLayer, int layers, long weightBytesPerGpu, long kvBytesPerTokenPerGpu,
            long windowedKvBytesPerTokenPerGpu, long kvBytesPerGpu) {

        /** Tokens of full-attention KV cache this stage holds; unlimited if it has only windowed layers. */
        public long kvCapacityTokens() {
            if (kvBytesPerTokenPerGpu == 0) {
                return kvBytesPerGpu >= windowedKvBytesPerTokenPerGpu ? Long.MAX_VALUE : 0;
            }
            return Math.max(0, kvBytesPerGpu / kvBytesPerTokenPerGpu);
        }

        boolean fits() {
            long oneToken = Math.max(1, kvBytesPerTokenPerGpu + windowedKvBytesPerTokenPerGpu);
            return kvBytesPerGpu >= oneToken;
        }
    }

    private final Deployment deployment;
    private final double memoryUtilization;
    private final long usableBytesPerGpu;
    private final long reserveBytesPerGpu;
    private final long weightBytes;
    private final List<Stage> stages;
    private final Stage binding;
    private final long kvBytesPerToken;
    private final long kvCapacityTokens;

    /**
     * A memory model with the default reserve and no pipeline parallelism.
     *
     * @throws TokenFabException if tp is not valid for the model and accelerator, or the weights
     *     leave no room for the KV cache (the message gives the numbers and what would fit)
     */
    public MemoryModel(ModelSpec model, AcceleratorSpec accelerator, int tp, Precision weights, Precision kvCache,
            double memoryUtilization) {
        this(new Deployment(model, accelerator, tp, weights, kvCache), memoryUtilization, DEFAULT_RESERVE_GB_PER_GPU);
    }

    /**
     * A memory model whose does-not-fit hints look for a bigger accelerator in the built-in catalog.
     *
     * @param deployment model, accelerator, tp, pp and precisions
     * @param memoryUtilization fraction of device memory the engine may use, in (0, 1]
     * @param reserveGbPerGpu GB per GPU kept back for activations and workspace, at least 0
     * @throws TokenFabException if an argument is out of range or the weights leave no room for
     *     the KV cache
     */
    public MemoryModel(Deployment deployment, double memoryUtilization, double reserveGbPerGpu) {
        this(deployment, memoryUtilization, reserveGbPerGpu, null);
    }

    /**
     * @param alternatives the catalog in which the does-not-fit message looks for an accelerator
     *     with more memory (e.g. the built-in one plus a scenario's own entries); null for the
     *     built-in catalog
     * @throws TokenFabException if an argument is out of range or the weights leave no room for
     *     the KV cache
     */
    public MemoryModel(Deployment deployment, double memoryUtilization, double reserveGbPerGpu, Catalog alternatives) {
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        if (!(memoryUtilization > 0 && memoryUtilization <= 1)) {
            throw new TokenFabException("memory_utilization must be in (0, 1], got " + memoryUtilization);
        }
        if (!(reserveGbPerGpu >= 0) || Double.isInfinite(reserveGbPerGpu)) {
            throw new TokenFabException("the activation/workspace reserve must be >= 0 GB per GPU, got " + reserveGbPerGpu);
        }
        this.memoryUtilization = memoryUtilization;
        ModelSpec model = deployment.model();
        this.usableBytesPerGpu = usableBytes(deployment.accelerator(), memoryUtilization);
        this.reserveBytesPerGpu = Math.round(reserveGbPerGpu * 1e9);
        this.weightBytes = weightBytes(model, deployment.weights());
        this.kvBytesPerToken = model.kvBytesPerToken(deployment.kvCache());
        this.stages = plan(deployment, usableBytesPerGpu, reserveBytesPerGpu);
        if (!stages.stream().allMatch(Stage::fits)) {
            throw new TokenFabException(new FitHints(this, alternatives).message());
        }
        this.binding = stages.stream().min(Comparator.comparingLong(Stage::kvCapacityTokens)).orElseThrow();
        // Each data-parallel attention group (expert parallelism beyond tp) caches its own sequences.
        long perGroup = binding.kvCapacityTokens();
        this.kvCapacityTokens = perGroup > Long.MAX_VALUE / deployment.dp() ? Long.MAX_VALUE : perGroup * deployment.dp();
    }

    /**
     * Bytes of all weights of {@code model} in a checkpoint of {@code precision} (rounded up): block
     * scales included, embedding and LM head in 16 bits when quantized ({@link ModelSpec#weightBytes}).
     */
    public static long weightBytes(ModelSpec model, Precision precision) {
        return (long) Math.ceil(model.weightBytes(precision));
    }

    /** KV-cache bytes per token of the full-attention layers, whole model (all GPUs of a replica together). */
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

    /** Weights of the whole replica, bytes (one copy; see {@link #stages()} for where they sit). */
    public long weightBytes() {
        return weightBytes;
    }

    /** Weights held by one GPU of the heaviest stage (1/tp of the replica's at pp = 1), bytes. */
    public long weightBytesPerGpu() {
        return stages.stream().mapToLong(Stage::weightBytesPerGpu).max().orElseThrow();
    }

    /** Full-attention KV bytes per token for the whole replica (see {@link ModelSpec#kvBytesPerToken}). */
    public long kvBytesPerToken() {
        return kvBytesPerToken;
    }

    /** Full-attention KV bytes per token on one GPU of the stage that limits capacity. */
    public long kvBytesPerTokenPerGpu() {
        return binding.kvBytesPerTokenPerGpu();
    }

    /** Bytes per GPU left for the KV cache, in the stage that limits capacity. */
    public long kvBytesPerGpu() {
        return binding.kvBytesPerGpu();
    }

    /**
     * Tokens of KV cache the whole replica holds (before paging into blocks), at least 1: tokens
     * of the full-attention layers for a model with windowed layers (see the class comment).
     */
    public long kvCapacityTokens() {
        return kvCapacityTokens;
    }

    /** The pipeline stages, first to last (one at pp = 1). */
    public List<Stage> stages() {
        return stages;
    }

    /**
     * Capacity tokens one sequence of {@code contextTokens} tokens occupies: its context in the
     * full-attention layers plus its windowed layers' cache (at most the window) expressed in the
     * same units. Equal to {@code contextTokens} for a model without windowed layers. Uses the
     * whole model's ratio of windowed to full-attention layers (exact at pp = 1).
     */
    public long kvTokensFor(long contextTokens) {
        if (contextTokens < 0) {
            throw new IllegalArgumentException("contextTokens must be >= 0, got " + contextTokens);
        }
        ModelSpec model = deployment.model();
        long windowed = Math.min(contextTokens, model.slidingWindow());
        long windowedBytes = model.windowedKvBytesPerToken(deployment.kvCache()) * windowed;
        return contextTokens + Math.ceilDiv(windowedBytes, kvBytesPerToken);
    }

    /** The most capacity tokens a sequence's windowed layers take ({@code kvTokensFor(window) - window}); 0 without. */
    public long windowKvTokensPerSequence() {
        int window = deployment.model().slidingWindow();
        return kvTokensFor(window) - window;
    }

    // ---------------------------------------------------------------- planning (also used by the hints)

    static long usableBytes(AcceleratorSpec accelerator, double memoryUtilization) {
        return (long) Math.floor(accelerator.memoryBytes() * memoryUtilization);
    }

    /** The stages of {@code d} with their weights and KV budget per GPU. */
    static List<Stage> plan(Deployment d, long usableBytesPerGpu, long reserveBytesPerGpu) {
        ModelSpec model = d.model();
        int tp = d.tp();
        int pp = d.pp();
        // Experts are spread over ep GPUs with expert parallelism, else over the tp group like the rest.
        int expertShards = d.ep() > 1 ? d.ep() : tp;
        double expertLayerParams = (double) model.moeExperts() * model.moeExpertParams();
        double bytesPerParam = d.weights().storedBytesPerWeight();
        double bytesPerEmbeddingParam = d.weights().embeddingBytesPerWeight();
        double kvPerLayerPerGpu = model.kvBytesPerTokenPerLayer(d.kvCache()) * d.kvShardFraction();
        long embedding = model.lmHeadParams();
        // Stage weights come from the shapes, scaled so that one stage holds exactly the stated
        // total (biases and the like, left out of the shapes, spread in proportion).
        double scale = (double) model.totalParams() / model.shapeParams();
        int[] counts = d.stageLayerCounts();
        List<Stage> result = new ArrayList<>(pp);
        int first = 0;
        for (int s = 0; s < pp; s++) {
            long weightBytes;
            int full = 0;
            int windowed = 0;
            long shape = 0;
            int moeLayers = 0;
            for (int i = first; i < first + counts[s]; i++) {
                shape += model.layerParams(i);
                moeLayers += model.isMoeLayer(i) ? 1 : 0;
                if (model.isWindowedLayer(i)) {
                    windowed++;
                } else {
                    full++;
                }
            }
            if (pp == 1) {
                weightBytes = weightBytes(model, d.weights());
            } else {
                // First stage: input embedding. Last: LM head and final norm (a copy of the
                // embedding when tied, since the two sit on different GPUs).
                long embeddings = (s == 0 ? embedding : 0) + (s == pp - 1 ? embedding : 0);
                shape += s == pp - 1 ? model.hiddenSize() : 0;
                weightBytes = (long) Math.ceil(Math.round(shape * scale) * bytesPerParam
                        + Math.round(embeddings * scale) * bytesPerEmbeddingParam);
            }
            long weightsPerGpu = Math.ceilDiv(weightBytes, tp);
            if (expertShards != tp) {
                long expertBytes = (long) Math.ceil(Math.round(moeLayers * expertLayerParams * scale) * bytesPerParam);
                weightsPerGpu = Math.ceilDiv(weightBytes - expertBytes, tp) + Math.ceilDiv(expertBytes, expertShards);
            }
            long free = usableBytesPerGpu - reserveBytesPerGpu - weightsPerGpu;
            result.add(new Stage(s, first, counts[s], weightsPerGpu, Math.round(full * kvPerLayerPerGpu),
                    Math.round(windowed * kvPerLayerPerGpu), free));
            first += counts[s];
        }
        return List.copyOf(result);
    }

    /** Whether every stage of {@code d} leaves room for at least one token of KV cache. */
    static boolean fits(Deployment d, double memoryUtilization, long reserveBytesPerGpu) {
        return plan(d, usableBytes(d.accelerator(), memoryUtilization), reserveBytesPerGpu).stream()
                .allMatch(Stage::fits);
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
                deployment.describe(), gb(weightBytesPerGpu()), gb(reserveBytesPerGpu), gb(kvBytesPerGpu()),
                kvCapacityTokens);
    }

    /**
     * The does-not-fit message: the numbers, then what would fit: more tensor parallelism, a
     * smaller weight precision the accelerator supports, pipeline stages when tensor parallelism
     * alone cannot help, and an accelerator with more memory from the catalog.
     */
    private record FitHints(MemoryModel m, Catalog alternatives) {
        String message() {
            Deployment d = m.deployment;
            ModelSpec model = d.model();
            AcceleratorSpec acc = d.accelerator();
            long room = m.usableBytesPerGpu - m.reserveBytesPerGpu;
            if (room <= 0) {
                return String.format(Locale.ROOT,
                        "memory_utilization %.2f leaves %s GB per GPU of %s's %s GB, no more than the %s GB reserved for "
                                + "activations and workspace; raise memory_utilization",
                        m.memoryUtilization, gb(m.usableBytesPerGpu), acc.id(), gb(acc.memoryBytes()),
                        gb(m.reserveBytesPerGpu));
            }
            long heaviest = m.stages.stream().mapToLong(Stage::weightBytesPerGpu).max().orElseThrow();
            String head = String.format(Locale.ROOT,
                    "%s in %s needs %s GB of weights per replica%s, %s GB per GPU at tp=%d%s, but %s has %s GB per GPU "
                            + "(%s GB usable at memory_utilization %.2f, %s GB of it reserved for activations and "
                            + "workspace, leaving %s GB for weights and KV cache)",
                    model.id(), d.weights().yamlName(), gb(m.weightBytes), Deployment.weightsNote(d.weights()), gb(heaviest), d.tp(),
                    d.pp() > 1 ? ", pp=" + d.pp() + " (heaviest stage)" : "", acc.id(), gb(acc.memoryBytes()),
                    gb(m.usableBytesPerGpu), m.memoryUtilization, gb(m.reserveBytesPerGpu), gb(room));
            if (heaviest < room) {
                head += ", not enough for the KV cache of a single token";
            }
            List<String> options = new ArrayList<>();
            int moreTp = smallestTp(acc, d.weights(), d.pp(), d.tp() + 1);
            if (moreTp > 0) {
                options.add("tp >= " + moreTp);
            }
            String supported = acc.densePeakTflops().keySet().stream().map(Precision::yamlName)
                    .collect(Collectors.joining(", "));
            boolean precisionOption = false;
            int nativeTp = Integer.MAX_VALUE;
            for (Precision p : Precision.values()) {
                if (p.bytesPerElement() < d.weights().bytesPerElement() && acc.supports(p)) {
                    int t = smallestTp(acc, p, d.pp(), 1);
                    if (t > 0) {
                        options.add(p.yamlName() + " weights" + (t == d.tp() ? "" : " with tp >= " + t)
                                + " (" + acc.id() + " supports " + supported + ")");
                        precisionOption = true;
                        nativeTp = t;
                        break;
                    }
                }
            }
            String weightOnly = weightOnly(acc, nativeTp);
            if (weightOnly != null) {
                options.add(weightOnly);
                precisionOption = true;
            }
            if (moreTp < 0) {
                List<Integer> degrees = Deployment.validTensorParallelDegrees(model, d.scaleUpDomain());
                int maxTp = degrees.get(degrees.size() - 1);
                for (int pp = d.pp() + 1; pp <= model.layers(); pp++) {
                    if (fits(deployment(acc, maxTp, d.weights(), pp), m.memoryUtilization, m.reserveBytesPerGpu)) {
                        options.add("pp >= " + pp + (maxTp == d.tp() ? "" : " with tp=" + maxTp)
                                + " (pipeline stages; " + pp * maxTp + " GPUs per replica)");
                        break;
                    }
                }
            }
            String bigger = biggerAccelerator();
            if (bigger != null) {
                options.add("an accelerator with more memory: " + bigger);
            }
            if (options.isEmpty()) {
                return head + "; nothing fits on " + acc.id() + ", not even one layer per pipeline stage: choose an "
                        + "accelerator with more memory";
            }
            return head + "; use " + String.join(", or ", options)
                    + (precisionOption ? "" : "; no smaller weight precision fits on " + acc.id() + ", which supports "
                            + supported);
        }

        /**
         * Weight-only quantisation: weights in a format {@code acc} cannot compute in, widened on the
         * fly to the current compute format by the kernels (W4A16 on Hopper or Ampere: Marlin, AWQ,
         * gpt-oss's MXFP4 experts under BF16). The widest such format narrower than the weights that
         * fits, offered only when the narrower format the accelerator computes in needs more GPUs than
         * the user's tp ({@code nativeTp}, MAX_VALUE if none fits) and this one needs fewer than it:
         * otherwise it adds nothing to that option. Null if none.
         */
        private String weightOnly(AcceleratorSpec acc, int nativeTp) {
            Deployment d = m.deployment;
            for (Precision p : Precision.values()) {
                if (p.bytesPerElement() < d.weights().bytesPerElement() && !acc.supports(p)
                        && p.atLeastAsWide().contains(d.compute())) {
                    int t = smallestTp(acc, p, d.pp(), 1);
                    if (t > 0 && t < nativeTp && nativeTp > d.tp()) {
                        return p.yamlName() + " weights" + (t == d.tp() ? "" : " with tp >= " + t) + " computed in "
                                + d.compute().yamlName() + " (weight-only quantisation, precision: {weights: " + p.yamlName()
                                + ", compute: " + d.compute().yamlName() + "}: the kernels widen the weights as they load them)";
                    }
                }
            }
            return null;
        }

        /** Smallest valid tp >= {@code from} at which the model fits with this precision and pp; -1 if none. */
        private int smallestTp(AcceleratorSpec acc, Precision weights, int pp, int from) {
            int domain = acc == m.deployment.accelerator() ? m.deployment.scaleUpDomain() : acc.scaleUpDomainSize();
            for (int t : Deployment.validTensorParallelDegrees(m.deployment.model(), domain)) {
                if (t >= from && fits(deployment(acc, t, weights, pp), m.memoryUtilization, m.reserveBytesPerGpu)) {
                    return t;
                }
            }
            return -1;
        }

        /** The user's deployment with another accelerator, tp, precision or pp; ep kept when still valid. */
        private Deployment deployment(AcceleratorSpec acc, int tp, Precision weights, int pp) {
            Deployment d = m.deployment;
            int domain = acc == d.accelerator() ? d.scaleUpDomain() : acc.scaleUpDomainSize();
            int ep = d.ep() % tp == 0 ? d.ep() : 1;
            return new Deployment(d.model(), acc, tp, weights, d.kvCache(), pp, ep, domain);
        }

        /**
         * "h200 (141 GB per GPU)": a catalog accelerator with more memory per GPU that supports the
         * weight precision, the same vendor's first (the user's software stack likely carries over),
         * the smallest memory first; one that fits at the current tp before one that needs more.
         * Null if none fits.
         */
        private String biggerAccelerator() {
            Catalog catalog = alternatives;
            if (catalog == null) {
                try {
                    catalog = Catalog.builtIn();
                } catch (TokenFabException e) {
                    return null; // a broken bundled catalog is reported where it is loaded, not in this hint
                }
            }
            Deployment d = m.deployment;
            AcceleratorSpec current = d.accelerator();
            List<AcceleratorSpec> candidates = catalog.acceleratorIds().stream().map(catalog::accelerator)
                    .filter(a -> a.memoryGb() > current.memoryGb() && a.supports(d.compute()))
                    .sorted(Comparator.comparing((AcceleratorSpec a) -> !a.vendor().equals(current.vendor()))
                            .thenComparingDouble(AcceleratorSpec::memoryGb))
                    .toList();
            for (AcceleratorSpec a : candidates) {
                if (Deployment.validTensorParallelDegrees(d.model(), a).contains(d.tp())
                        && fits(deployment(a, d.tp(), d.weights(), d.pp()), m.memoryUtilization, m.reserveBytesPerGpu)) {
                    return a.id() + " (" + gb(a.memoryBytes()) + " GB per GPU)";
                }
            }
            for (AcceleratorSpec a : candidates) {
                int t = smallestTp(a, d.weights(), d.pp(), 1);
                if (t > 0) {
                    return a.id() + " (" + gb(a.memoryBytes()) + " GB per GPU) with tp >= " + t;
                }
            }
            return null;
        }
    }
}
