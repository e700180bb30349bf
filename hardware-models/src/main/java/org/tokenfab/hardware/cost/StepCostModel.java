package org.tokenfab.hardware.cost;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Deployment;
import org.tokenfab.hardware.ModelSpec;
import org.tokenfab.hardware.Precision;
import org.tokenfab.sim.TokenFabException;

/**
 * Duration of one engine iteration of a replica, composed from calibrated op models
 * ({@link GemmModel}, {@link PrefillAttentionModel}, {@link DecodeAttentionModel},
 * {@link MoeModel}, {@link CollectiveModel}, element-wise kernels, host overhead), and what the
 * iteration used ({@link StepUsage}).
 *
 * <h2>What a step costs</h2>
 * A step processes {@code P} prefill tokens in {@code S_p} chunks and one token for each of
 * {@code D} decoding sequences: {@code M = P + D} new tokens. Per GPU, with {@code tp} tensor
 * parallel, all layers in sequence (pipeline stages run one after the other for one batch):
 * <pre>
 *   per layer   attention projections   GEMM(M, n, k): QKV and O (GQA), or for MLA the query and
 *                                       latent down/up projections and O
 *               prefill attention       over the chunks' causal pairs and cached prefix
 *               decode attention        over the decoding sequences' contexts
 *               FFN                     gate/up and down GEMMs (dense layers), or router + fused
 *                                       MoE + shared-expert GEMMs (MoE layers)
 *               element-wise            2 fused add+RMSNorm, rotary embedding, gated activation
 *               TP all-reduce x 2       M x hidden x 2 bytes (vLLM: custom all-reduce below 8 MiB
 *                                       and tp in {2,4,6,8}, CUDA-graph variant up to 512 tokens,
 *                                       else NCCL; the faster of the two below 8 MiB)
 *   per step    embedding gather, LM head GEMM(rows, vocab/tp, hidden) and sampling over the
 *               logits (rows = S_p + D: vLLM computes logits for each sequence's last token);
 *               a quantized checkpoint keeps embedding and LM head in 16 bits
 *               pipeline transfers      (stages - 1) send/recv of M x hidden x 2 bytes
 *               host overhead           scheduling and input preparation, a + b (S_p + D)
 *   t_step = sum of GPU kernel times + collectives + host overhead
 * </pre>
 * Another serving engine scales the three parts and may add a floor set by the host launching
 * the kernels ({@link EngineProfile}).
 * Nothing overlaps across kernels (vLLM runs them on one stream); within a kernel compute and
 * memory overlap as the op models say.
 *
 * <h2>Parallelism</h2>
 * {@code tp}, {@code pp} and {@code ep} come from the {@link Deployment}; {@code ep} (expert parallelism,
 * MoE only) follows vLLM's {@code --enable-expert-parallel}: either 1 (experts split by tensor
 * parallelism, {@code moe_tp = tp}) or a multiple of {@code tp}. With {@code ep = tp} the experts
 * are spread over the tensor-parallel group and combined by its all-reduce. With
 * {@code ep = dp x tp}, {@code dp > 1}, attention is data parallel: the batch is split evenly over
 * {@code dp} groups of {@code tp} GPUs, and every MoE layer all-gathers the group's tokens and
 * reduce-scatters the result over the {@code ep} GPUs (vLLM's all-gather/reduce-scatter EP
 * backend, the layout AIConfigurator measured: every GPU runs the fused-MoE kernel over all tokens
 * with an expert map). A replica then has {@code tp x dp x pp} GPUs. Collectives run on the
 * scale-up fabric when the group fits in the deployment's scale-up domain (its system's, or the
 * accelerator's), else on the
 * scale-out network (alpha 10 us, the p2p latency AIConfigurator's system files assume; bus
 * bandwidth the NIC rate times the bus efficiency the NCCL fit reached on the scale-up links).
 *
 * <h2>SRAM-only chips</h2>
 * Groq- and Cerebras-style chips keep weights in SRAM: the model is split into
 * {@code max(pp, ceil(weights / (tp x SRAM per chip)))} pipeline stages of {@code tp} chips,
 * weights stream at the SRAM bandwidth (the catalog's memory bandwidth of such chips), and each
 * stage boundary costs a chip-to-chip send/recv. The KV cache is not counted against SRAM here
 * (the memory model does that). No such chip was measured: their op efficiencies are those of the
 * calibration's stand-in (see {@link #calibration()}), which is a rough prior.
 *
 * <h2>Hot path</h2>
 * {@link #stepNanos} and {@link #evaluate} take primitive aggregates of the batch, do O(1) work
 * regardless of the batch size, allocate nothing and read only final fields, so one instance may
 * serve many simulation threads. The returned time never decreases when any argument grows
 * (except {@code prefillSeqs}: the same work in more, shorter chunks can be faster or slower).
 */
public final class StepCostModel {
    /** vLLM's custom all-reduce handles messages below this size, bytes (custom_all_reduce.py max_size). */
    static final double CUSTOM_ALL_REDUCE_MAX_BYTES = 8 * 1024 * 1024;
    /** Largest batch (tokens) vLLM V1 captures in a CUDA graph by default. */
    static final double CUDA_GRAPH_MAX_TOKENS = 512;
    /** Scale-out latency per collective, ns: AIConfigurator's system files' p2p_latency (10 us). */
    static final double SCALE_OUT_ALPHA_NANOS = 10_000;
    /** Sampling passes over the FP32 logits (softmax, top-k/top-p, sample). */
    static final double SAMPLER_PASSES = 3;

    private final Deployment deployment;
    private final int ep;
    private final int dp;
    private final AcceleratorCalibration calibration;
    private final LayerPlan plan;

    private final GemmModel gemm;
    /** The LM head's GEMM: in 16 bits when the checkpoint is quantized (see {@link Precision}). */
    private final GemmModel lmHeadGemm;
    private final PrefillAttentionModel prefill;
    private final DecodeAttentionModel decode;
    private final MoeModel moe;
    private final CollectiveModel arGraph;
    private final CollectiveModel arEager;
    private final CollectiveModel arNccl;
    private final CollectiveModel epCollective;
    private final boolean epOverScaleOut;
    private final CollectiveModel hopUp;
    private final CollectiveModel hopOut;
    private final int hopsUp;
    private final int hopsOut;
    private final boolean customAllReduce;
    private final ElementwiseParams norm;
    private final ElementwiseParams add;
    private final ElementwiseParams rope;
    private final ElementwiseParams activation;
    private final CpuOverhead cpu;
    private final double bandwidth;
    private final double peakFlops;
    private final int stages;
    /** The serving engine's scales of kernel, collective and host time (1, 1 and 1 for vLLM). */
    private final EngineProfile engine;
    /** The engine's launch floor on this accelerator ({@link LaunchFloor#NONE} unless launch-bound). */
    private final LaunchFloor launchFloor;
    /** The engine's kernel scale on this deployment's accelerator for its weight precision. */
    private final double kernelScale;

    /**
     * The built-in calibration for a tensor-parallel replica without pipeline or expert
     * parallelism (the constructor the scenario runner uses).
     *
     * @throws TokenFabException if the deployment is invalid or the accelerator has no dense peak
     *     for the weight precision
     */
    public StepCostModel(ModelSpec model, AcceleratorSpec accelerator, int tp, Precision weights, Precision kvCache) {
        this(new Deployment(model, accelerator, tp, weights, kvCache), KernelCalibration.builtIn());
    }

    /** The built-in calibration. */
    public StepCostModel(Deployment deployment) {
        this(deployment, KernelCalibration.builtIn());
    }

    /** The built-in calibration, for a serving engine other than vLLM ({@link EngineProfiles}). */
    public StepCostModel(Deployment deployment, EngineProfile engine) {
        this(deployment, KernelCalibration.builtIn(), engine);
    }

    /** vLLM with {@code calibration}. */
    public StepCostModel(Deployment deployment, KernelCalibration calibration) {
        this(deployment, calibration, EngineProfile.VLLM);
    }

    /**
     * @param deployment model, accelerator, tp, pp, ep, precisions and scale-up domain
     * @param calibration fitted op-model parameters
     * @param engine      the serving engine's scales of kernel, collective and host time, and launch floor
     * @throws TokenFabException if the engine is launch-bound and was not measured on this accelerator
     * @throws TokenFabException if the accelerator has no dense peak for the weight precision
     */
    public StepCostModel(Deployment deployment, KernelCalibration calibration, EngineProfile engine) {
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        this.engine = Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(calibration, "calibration");
        ModelSpec m = deployment.model();
        AcceleratorSpec a = deployment.accelerator();
        int tp = deployment.tp();
        this.ep = deployment.ep();
        this.dp = deployment.dp();
        this.calibration = calibration.forAccelerator(a);
        this.plan = new LayerPlan(m, tp, deployment.weights(), deployment.kvCache());
        this.launchFloor = engine.launchFloor(a.id());
        this.kernelScale = engine.kernelScale(a.id(), deployment.weights());

        Precision w = deployment.weights();
        Precision c = deployment.compute();
        this.gemm = this.calibration.gemm(c, w);
        this.lmHeadGemm = this.calibration.lmHeadGemm(c, w);
        this.peakFlops = this.calibration.peakFlops(c);
        this.bandwidth = this.calibration.bandwidth();
        this.prefill = this.calibration.prefillAttention();
        this.decode = this.calibration.decodeAttention();
        this.moe = m.isMoe() ? this.calibration.moe(c, w) : null;
        this.norm = this.calibration.elementwise("norm");
        this.add = this.calibration.elementwise("add");
        this.rope = this.calibration.elementwise("rope");
        this.activation = this.calibration.elementwise("activation");
        this.cpu = this.calibration.cpuOverhead();

        this.arGraph = engineCollective(this.calibration.collective(SystemCalibration.ALL_REDUCE_CUSTOM_GRAPH));
        this.arEager = engineCollective(this.calibration.collective(SystemCalibration.ALL_REDUCE_CUSTOM_EAGER));
        this.arNccl = engineCollective(this.calibration.collective(SystemCalibration.ALL_REDUCE_NCCL));
        this.customAllReduce = tp == 2 || tp == 4 || tp == 6 || tp == 8;
        CollectiveModel scaleOut = engineCollective(scaleOutModel(a, this.calibration));
        int domain = deployment.scaleUpDomain();
        this.epOverScaleOut = ep > domain;
        this.epCollective = epOverScaleOut ? scaleOut : engineCollective(this.calibration.collective(SystemCalibration.ALL_TO_ALL));

        int gpusPerStage = tp * dp;
        this.stages = a.sramOnly() ? Math.max(deployment.pp(), sramStages(m, a, tp, w)) : deployment.pp();
        int hops = stages - 1;
        int crossings = gpusPerStage * stages <= domain ? 0 : Math.min(hops, Math.ceilDiv(gpusPerStage * stages, domain) - 1);
        this.hopsOut = crossings;
        this.hopsUp = hops - crossings;
        this.hopUp = engineCollective(this.calibration.collective(SystemCalibration.SEND_RECV));
        this.hopOut = scaleOut;
    }

    /** A calibrated collective as this step's engine runs it. */
    private CollectiveModel engineCollective(CollectiveModel calibrated) {
        return calibrated.scaled(engine.commLatencyScale(), engine.commBandwidthScale());
    }

    /** Pipeline stages needed to hold the weights in SRAM, {@code tp} chips per stage. */
    private static int sramStages(ModelSpec m, AcceleratorSpec a, int tp, Precision w) {
        double weightBytes = m.weightBytes(w);
        return (int) Math.max(1, Math.ceil(weightBytes / (tp * a.memoryBytes())));
    }

    private static CollectiveModel scaleOutModel(AcceleratorSpec a, AcceleratorCalibration c) {
        double nic = a.scaleOutBytesPerSecond();
        Fitted<CollectiveParams> nccl = c.collectiveTable(SystemCalibration.ALL_REDUCE_NCCL);
        if (Double.isNaN(nic) || nic <= 0) {
            // No published NIC: fall back to the scale-up fit rather than invent a number.
            return new CollectiveModel(nccl.params());
        }
        double bus = nic * Math.min(1.0, nccl.params().busEfficiency());
        return new CollectiveModel(new CollectiveParams(List.of(new CollectiveParams.Point(2, SCALE_OUT_ALPHA_NANOS, bus)),
                1.0, nic));
    }

    /**
     * Query-key pairs of causal attention for a prefill chunk of {@code chunk} tokens starting at
     * position {@code offset} (the tokens already in the KV cache): token {@code i} of the chunk
     * attends to {@code offset + i + 1} keys, so the chunk contributes
     * {@code chunk * offset + chunk (chunk + 1) / 2}.
     */
    public static long causalPairs(long offset, long chunk) {
        if (offset < 0 || chunk < 0) {
            throw new IllegalArgumentException("offset and chunk must be >= 0, got " + offset + ", " + chunk);
        }
        return chunk * offset + chunk * (chunk + 1) / 2;
    }

    /**
     * Duration of one iteration, ns, treating all prefill tokens as one chunk (the serving
     * layer's interface gives no chunk count; see the overload that takes it). An empty step
     * costs 0; any other at least 1 ns. Never decreases when an argument grows.
     *
     * @param prefillTokens new prompt tokens processed this step (sum of chunk lengths)
     * @param prefillAttentionPairs sum over prefill chunks of {@link #causalPairs(long, long)}
     * @param prefillContextTokens sum over prefill chunks of their already-cached prefix length
     *     (that KV is read)
     * @param decodeSeqs sequences generating one token each
     * @param decodeContextTokens sum over decode sequences of the keys their new token attends to
     *     (its context length; all that KV is read)
     */
    public long stepNanos(int prefillTokens, long prefillAttentionPairs, long prefillContextTokens, int decodeSeqs,
            long decodeContextTokens) {
        return evaluate(prefillTokens > 0 ? 1 : 0, prefillTokens, prefillAttentionPairs, prefillContextTokens, decodeSeqs,
                decodeContextTokens, null);
    }

    /** As {@link #stepNanos(int, long, long, int, long)} with the number of prefill chunks. */
    public long stepNanos(int prefillSeqs, int prefillTokens, long prefillAttentionPairs, long prefillContextTokens,
            int decodeSeqs, long decodeContextTokens) {
        return evaluate(prefillSeqs, prefillTokens, prefillAttentionPairs, prefillContextTokens, decodeSeqs,
                decodeContextTokens, null);
    }

    /**
     * Duration of one iteration, ns, and, if {@code usage} is not null, what it used (the holder
     * is overwritten). Allocation-free.
     *
     * @param prefillSeqs prefill chunks in the step (sequences with prompt tokens); at least 1 if
     *     {@code prefillTokens > 0}
     * @param usage reusable holder to fill, or null
     * @see #stepNanos(int, long, long, int, long) the other arguments
     */
    public long evaluate(int prefillSeqs, int prefillTokens, long prefillAttentionPairs, long prefillContextTokens,
            int decodeSeqs, long decodeContextTokens, StepUsage usage) {
        long uniformMax = decodeSeqs == 0 ? 0 : Math.ceilDiv(decodeContextTokens, decodeSeqs);
        return cost(prefillSeqs, prefillTokens, prefillAttentionPairs, prefillContextTokens, decodeSeqs,
                decodeContextTokens, uniformMax, usage, null);
    }

    /**
     * Duration of one iteration, ns, and, if {@code usage} is not null, what it used (the holder
     * is overwritten). The serving layer's entry point. Allocation-free.
     *
     * @param batch what the step processes
     * @param usage reusable holder to fill, or null
     */
    public long evaluate(BatchShape batch, StepUsage usage) {
        return cost(batch.prefillSeqs, batch.prefillTokens, batch.prefillPairs, batch.prefillContext, batch.decodeSeqs,
                batch.decodeContext, batch.decodeMaxContext, usage, null);
    }

    /**
     * As {@link #evaluate(BatchShape, StepUsage)}, remembering in {@code memo} everything but the
     * decode attention (which alone depends on the decode contexts): consecutive steps with the same
     * prefill chunks and decode sequences (a replica's decode steps, folded or not) cost only their
     * attention. Same result as without the memo, to the bit. A memo belongs to one thread.
     */
    public long evaluate(BatchShape batch, StepUsage usage, Memo memo) {
        return cost(batch.prefillSeqs, batch.prefillTokens, batch.prefillPairs, batch.prefillContext, batch.decodeSeqs,
                batch.decodeContext, batch.decodeMaxContext, usage, memo);
    }

    /**
     * The part of the last step's cost that does not depend on the decode contexts, keyed by the
     * step's prefill chunks and decode sequence count. Mutable, for one caller on one thread.
     */
    public static final class Memo {
        private boolean valid;
        private int prefillSeqs;
        private int prefillTokens;
        private long prefillPairs;
        private long prefillContext;
        private int decodeSeqs;
        private boolean withUsage;
        private double gpu;
        private double comm;
        private double host;
        private final StepUsage usage = new StepUsage();

        boolean matches(int pSeqs, int pTokens, long pairs, long context, int dSeqs, boolean wantUsage) {
            return valid && prefillSeqs == pSeqs && prefillTokens == pTokens && prefillPairs == pairs
                    && prefillContext == context && decodeSeqs == dSeqs && (withUsage || !wantUsage);
        }

        void store(int pSeqs, int pTokens, long pairs, long context, int dSeqs, double gpuNanos, double commNanos,
                double hostNanos, StepUsage used) {
            valid = true;
            prefillSeqs = pSeqs;
            prefillTokens = pTokens;
            prefillPairs = pairs;
            prefillContext = context;
            decodeSeqs = dSeqs;
            gpu = gpuNanos;
            comm = commNanos;
            host = hostNanos;
            withUsage = used != null;
            if (used != null) {
                usage.copyFrom(used);
            }
        }
    }

    private long cost(int prefillSeqs, int prefillTokens, long prefillAttentionPairs, long prefillContextTokens,
            int decodeSeqs, long decodeContextTokens, long decodeMaxContext, StepUsage usage, Memo memo) {
        checkArguments(prefillSeqs, prefillTokens, prefillAttentionPairs, prefillContextTokens, decodeSeqs,
                decodeContextTokens);
        if (decodeSeqs > 0 && (decodeMaxContext * (long) decodeSeqs < decodeContextTokens || decodeMaxContext > decodeContextTokens)) {
            throw new IllegalArgumentException("decode max context " + decodeMaxContext + " is impossible for "
                    + decodeSeqs + " sequences of " + decodeContextTokens + " context tokens in all");
        }
        if (usage != null) {
            usage.clear();
        }
        long newTokens = (long) prefillTokens + decodeSeqs;
        if (newTokens == 0) {
            return 0;
        }
        LayerPlan p = plan;
        double dSeqs = (double) decodeSeqs / dp;
        double dContext = (double) decodeContextTokens / dp;
        double gpu;
        double comm;
        double host;
        if (memo != null && memo.matches(prefillSeqs, prefillTokens, prefillAttentionPairs, prefillContextTokens, decodeSeqs,
                usage != null)) {
            gpu = memo.gpu;
            comm = memo.comm;
            host = memo.host;
            if (usage != null) {
                usage.copyFrom(memo.usage);
            }
        } else {
            gpu = restGpu(prefillSeqs, prefillTokens, prefillAttentionPairs, prefillContextTokens, decodeSeqs, usage);
            comm = comm(newTokens, usage);
            host = cpu.nanos((double) (prefillTokens > 0 ? Math.max(1, prefillSeqs) : 0) + decodeSeqs) * engine.hostScale();
            if (memo != null) {
                memo.store(prefillSeqs, prefillTokens, prefillAttentionPairs, prefillContextTokens, decodeSeqs, gpu, comm, host,
                        usage);
            }
        }
        // Decode attention, the one part that depends on the contexts: full-context layers, then
        // windowed ones with their reads capped.
        double attention = 0;
        if (p.fullLayers > 0) {
            attention += p.fullLayers * decode.nanos(dSeqs, dContext, decodeMaxContext, p.decodeShape, usage, p.fullLayers);
        }
        if (p.windowedLayers > 0) {
            double w = p.window;
            attention += p.windowedLayers * decode.nanos(dSeqs, Math.min(dContext, dSeqs * w), Math.min(decodeMaxContext, w),
                    p.decodeShape, usage, p.windowedLayers);
        }
        gpu += attention;
        gpu *= kernelScale;
        // An eager engine's GPU runs behind the host issuing the kernels: the host-bound part of
        // the step is time the GPU waits, like the host overhead.
        double floor = launchFloor.nanos(p.layers, (double) (prefillSeqs + decodeSeqs) / dp, prefillTokens > 0);
        double waiting = Math.max(0, floor - gpu - comm);
        double total = gpu + comm + waiting + host;
        long nanos = Math.max(1L, Math.round(total));
        if (usage != null) {
            usage.commNanos = comm;
            usage.cpuNanos = host + waiting;
            usage.totalNanos = nanos;
        }
        return nanos;
    }

    /** Everything of a step but the decode attention and the communication: ns of GPU time (before the engine's kernel scale). */
    private double restGpu(int prefillSeqs, int prefillTokens, long prefillAttentionPairs, long prefillContextTokens,
            int decodeSeqs, StepUsage usage) {
        long newTokens = (long) prefillTokens + decodeSeqs;
        int chunks = prefillTokens > 0 ? Math.max(1, prefillSeqs) : 0;
        LayerPlan p = plan;
        // Per attention group: the batch is split evenly over dp data-parallel groups.
        double tokens = (double) newTokens / dp;
        double pSeqs = (double) chunks / dp;
        double pTokens = (double) prefillTokens / dp;
        double pPairs = (double) prefillAttentionPairs / dp;
        double pCached = (double) prefillContextTokens / dp;

        double gpu = 0;
        // Attention projections, every layer.
        for (int j = 0; j < p.attentionGemms; j++) {
            double rows = tokens + (p.attentionGemmReadsPrefix[j] ? pCached : 0);
            gpu += p.layers * gemm.nanos(rows, p.attentionGemmN[j], p.attentionGemmK[j], usage, p.layers);
        }
        // Prefill attention: full-context layers, then windowed ones with their reads capped.
        double full = p.fullLayers;
        if (full > 0) {
            gpu += full * prefill.nanos(pSeqs, pTokens, pPairs, pCached, p.prefillShape, usage, full);
        }
        double windowed = p.windowedLayers;
        if (windowed > 0) {
            double w = p.window;
            gpu += windowed * prefill.nanos(pSeqs, pTokens, Math.min(pPairs, pTokens * w), Math.min(pCached, pSeqs * w),
                    p.prefillShape, usage, windowed);
        }
        // Element-wise kernels of every layer.
        gpu += p.layers * 2 * elementwise(norm, tokens * p.addNormBytesPerToken, usage, 2.0 * p.layers);
        gpu += p.layers * elementwise(rope, tokens * p.ropeBytesPerToken, usage, p.layers);
        // Dense FFN layers.
        if (p.denseLayers > 0) {
            gpu += p.denseLayers * gemm.nanos(tokens, p.ffnUpN, p.hidden, usage, p.denseLayers);
            gpu += p.denseLayers * gemm.nanos(tokens, p.hidden, p.ffnDownK, usage, p.denseLayers);
            gpu += p.denseLayers * elementwise(activation, tokens * p.ffnActBytesPerToken, usage, p.denseLayers);
        }
        // MoE layers: router, routed experts over all tokens of the EP group, shared experts.
        if (p.moeLayers > 0) {
            double L = p.moeLayers;
            gpu += L * gemm.nanos(tokens, p.experts, p.hidden, usage, L);
            double imbalance = MoeModel.uniformRoutingImbalance((double) newTokens * p.topK, ep);
            gpu += L * moe.nanos(newTokens, p.hiddenSize, p.expertWidth, p.topK, p.experts, p.moeTp(ep), ep, imbalance, usage, L);
            if (p.sharedUpN > 0) {
                gpu += L * gemm.nanos(tokens, p.sharedUpN, p.hidden, usage, L);
                gpu += L * gemm.nanos(tokens, p.hidden, p.sharedDownK, usage, L);
                gpu += L * elementwise(activation, tokens * p.sharedActBytesPerToken, usage, L);
            }
        }
        // Once per step: embedding gather, LM head, sampling.
        gpu += elementwise(add, tokens * p.embeddingBytesPerToken, usage, 1);
        double rows = ((double) chunks + decodeSeqs) / dp;
        gpu += lmHeadGemm.nanos(rows, p.vocabPerGpu, p.hidden, usage, 1);
        gpu += elementwise(add, rows * p.vocab * 4.0 * SAMPLER_PASSES, usage, 1);
        return gpu;
    }

    /** A step's communication: MoE all-to-alls, tensor-parallel all-reduces, pipeline transfers; ns (before the kernel scale). */
    private double comm(long newTokens, StepUsage usage) {
        LayerPlan p = plan;
        double tokens = (double) newTokens / dp;
        double comm = 0;
        if (p.moeLayers > 0 && dp > 1) {
            double L = p.moeLayers;
            double bytes = newTokens * p.hidden * GemmModel.ACTIVATION_BYTES;
            double each = epCollective.allToAllNanos(bytes, ep);
            comm += 2 * L * each;
            addComm(usage, 2 * L, each, bytes * (ep - 1.0) / ep, epOverScaleOut);
        }
        // Tensor-parallel all-reduces: after attention and after the FFN or MoE of every layer.
        int tp = deployment.tp();
        if (tp > 1) {
            double bytes = tokens * p.hidden * GemmModel.ACTIVATION_BYTES;
            double each = allReduceNanos(bytes, tokens, tp);
            comm += 2 * p.layers * each;
            addComm(usage, 2.0 * p.layers, each, bytes * 2.0 * (tp - 1) / tp, false);
        }
        // Pipeline (or SRAM chip-to-chip) transfers between stages.
        if (hopsUp + hopsOut > 0) {
            double bytes = tokens * p.hidden * GemmModel.ACTIVATION_BYTES;
            double up = hopUp.sendRecvNanos(bytes);
            double out = hopOut.sendRecvNanos(bytes);
            comm += hopsUp * up + hopsOut * out;
            addComm(usage, hopsUp, up, bytes, false);
            addComm(usage, hopsOut, out, bytes, true);
        }
        return comm;
    }

    /**
     * vLLM's custom all-reduce below 8 MiB (CUDA-graph variant up to 512 tokens), NCCL above. Where
     * the fitted NCCL time is below the custom one just under 8 MiB, the minimum is taken: the
     * difference is small, and it keeps a larger step from being faster at the switch.
     */
    private double allReduceNanos(double bytes, double tokens, int tp) {
        double nccl = arNccl.allReduceNanos(bytes, tp);
        if (customAllReduce && bytes < CUSTOM_ALL_REDUCE_MAX_BYTES) {
            double custom = tokens <= CUDA_GRAPH_MAX_TOKENS ? arGraph.allReduceNanos(bytes, tp) : arEager.allReduceNanos(bytes, tp);
            return Math.min(custom, nccl);
        }
        return nccl;
    }

    private double elementwise(ElementwiseParams kind, double bytes, StepUsage usage, double count) {
        double t = kind.nanos(bytes, bandwidth);
        if (usage != null) {
            usage.addKernel(count, t, 0, bytes, 0, t);
        }
        return t;
    }

    private static void addComm(StepUsage usage, double count, double nanosEach, double busBytesEach, boolean scaleOut) {
        if (usage == null || count <= 0) {
            return;
        }
        if (scaleOut) {
            usage.scaleOutBytes += count * busBytesEach;
        } else {
            usage.scaleUpBytes += count * busBytesEach;
        }
    }

    /**
     * The parts of one step's cost (allocates; for reports and tests, not the hot path).
     * {@code usage().totalNanos()} equals {@link #stepNanos} for the same arguments.
     */
    public Breakdown breakdown(int prefillSeqs, int prefillTokens, long prefillAttentionPairs, long prefillContextTokens,
            int decodeSeqs, long decodeContextTokens) {
        StepUsage u = new StepUsage();
        evaluate(prefillSeqs, prefillTokens, prefillAttentionPairs, prefillContextTokens, decodeSeqs, decodeContextTokens, u);
        return new Breakdown(u.flops, u.memoryBytes, u.scaleUpBytes, u.scaleOutBytes, Math.round(u.computeNanos),
                Math.round(u.memoryNanos), Math.round(u.commNanos), Math.round(u.cpuNanos), u.totalNanos);
    }

    private static void checkArguments(int prefillSeqs, int prefillTokens, long prefillAttentionPairs,
            long prefillContextTokens, int decodeSeqs, long decodeContextTokens) {
        if ((prefillSeqs | prefillTokens | decodeSeqs | prefillAttentionPairs | prefillContextTokens | decodeContextTokens) < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "step arguments must be >= 0: prefillSeqs=%d prefillTokens=%d prefillAttentionPairs=%d "
                            + "prefillContextTokens=%d decodeSeqs=%d decodeContextTokens=%d",
                    prefillSeqs, prefillTokens, prefillAttentionPairs, prefillContextTokens, decodeSeqs,
                    decodeContextTokens));
        }
    }

    public Deployment deployment() {
        return deployment;
    }

    /** Expert-parallel degree (1 without). */
    public int ep() {
        return ep;
    }

    /** Accelerators in one replica: tp x dp x stages. */
    public int gpus() {
        return deployment.tp() * dp * stages;
    }

    /** Pipeline stages (for SRAM-only chips, as many as the weights need). */
    public int stages() {
        return stages;
    }

    /** The calibration in use for this accelerator, with what was borrowed or mapped. */
    public AcceleratorCalibration calibration() {
        return calibration;
    }

    /** One line per op saying which measured table it uses (for the CLI and reports). */
    public List<String> describeCalibration() {
        return calibration.describe(deployment.compute(), deployment.kvCache(), deployment.model().isMoe());
    }

    /** Dense peak of one accelerator at the compute precision, FLOP/s (for MFU). */
    public double peakFlopsPerGpu() {
        return peakFlops;
    }

    /** Memory bandwidth of one accelerator, bytes/s (for MBU). */
    public double memoryBandwidthPerGpu() {
        return bandwidth;
    }

    @Override
    public String toString() {
        return "StepCostModel[" + deployment.describe() + (ep > 1 ? ", ep " + ep : "") + ", " + calibration.note() + "]";
    }

    /**
     * One step's cost, per accelerator.
     *
     * @param flops FLOPs executed
     * @param memoryBytes bytes moved to or from device memory
     * @param scaleUpBytes bytes sent over the scale-up fabric
     * @param scaleOutBytes bytes sent over the scale-out network
     * @param computeNanos tensor-unit busy time
     * @param memoryNanos memory busy time
     * @param commNanos collectives and pipeline transfers
     * @param cpuNanos host overhead
     * @param totalNanos the step duration
     */
    public record Breakdown(double flops, double memoryBytes, double scaleUpBytes, double scaleOutBytes,
            long computeNanos, long memoryNanos, long commNanos, long cpuNanos, long totalNanos) {
        /** Whether the tensor units, not the memory system, were the busier. */
        public boolean computeBound() {
            return computeNanos > memoryNanos;
        }
    }
}
