package org.tokenfab.hardware.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Precision;

/**
 * A {@link KernelCalibration} resolved for one accelerator: which measured tables its op models
 * use, against which peaks and bandwidths, and what was borrowed or extrapolated. Build it with
 * {@link KernelCalibration#forAccelerator}; immutable.
 *
 * <p>Peaks and bandwidths: a measured accelerator uses the reference numbers its fit was made
 * against (so its calibrated speed does not drift if a catalog number is revised); any other
 * accelerator uses its own catalog numbers with the stand-in's efficiencies, which are fractions
 * of peak. Collective bus bandwidths are rescaled by the ratio of scale-up link bandwidths.
 */
public final class AcceleratorCalibration {
    private final KernelCalibration calibration;
    private final AcceleratorSpec accelerator;
    private final SystemCalibration basis;
    private final boolean measured;
    private final String note;
    private final SystemCalibration gemmFrom;
    private final Fitted<PrefillAttentionParams> prefill;
    private final Fitted<DecodeAttentionParams> decode;
    private final SystemCalibration moeFrom;
    private final SystemCalibration collectivesFrom;
    private final List<String> notes;
    private final double bandwidth;
    private final double link;

    private AcceleratorCalibration(KernelCalibration calibration, AcceleratorSpec accelerator, SystemCalibration basis,
            boolean measured, String note, SystemCalibration gemmFrom, Fitted<PrefillAttentionParams> prefill,
            Fitted<DecodeAttentionParams> decode, SystemCalibration moeFrom, SystemCalibration collectivesFrom,
            List<String> notes) {
        this.calibration = calibration;
        this.accelerator = accelerator;
        this.basis = basis;
        this.measured = measured;
        this.note = note;
        this.gemmFrom = gemmFrom;
        this.prefill = prefill;
        this.decode = decode;
        this.moeFrom = moeFrom;
        this.collectivesFrom = collectivesFrom;
        this.notes = List.copyOf(notes);
        this.bandwidth = measured ? basis.reference().memoryTbS() * 1e12 : accelerator.memoryBandwidthBytesPerSecond();
        double ownLink = accelerator.scaleUpBytesPerSecondPerDirection();
        this.link = measured ? basis.reference().linkGbS() * 1e9
                : Double.isNaN(ownLink) ? basis.reference().linkGbS() * 1e9 : ownLink;
    }

    static AcceleratorCalibration resolve(KernelCalibration calibration, AcceleratorSpec accelerator,
            SystemCalibration basis, boolean measured, String note, SystemCalibration gemmFrom,
            SystemCalibration prefillFrom, SystemCalibration decodeFrom, SystemCalibration moeFrom,
            SystemCalibration collectivesFrom, List<String> notes) {
        Fitted<PrefillAttentionParams> prefill = SystemCalibration.newest(prefillFrom.prefillAttention());
        Fitted<DecodeAttentionParams> decode = SystemCalibration.newest(decodeFrom.decodeAttention());
        if (prefill == null || decode == null || gemmFrom.gemm().get(GemmKeys.BF16) == null) {
            throw new IllegalStateException(calibration.origin() + ": " + basis.id()
                    + " lacks a BF16 GEMM or attention table and borrows none");
        }
        return new AcceleratorCalibration(calibration, accelerator, basis, measured, note, gemmFrom, prefill, decode,
                moeFrom, collectivesFrom, notes);
    }

    /** The accelerator this calibration is for. */
    public AcceleratorSpec accelerator() {
        return accelerator;
    }

    /** The calibration's name, e.g. {@code kernels-v1}. */
    public String calibrationName() {
        return calibration.name();
    }

    /** Whether the accelerator itself was measured (else a stand-in's efficiencies are used). */
    public boolean measured() {
        return measured;
    }

    /** Catalog id of the measured accelerator whose tables are used. */
    public String basisId() {
        return basis.id();
    }

    /** "h100-sxm: measured" or "b300 -> b200 (no measurements; ...)". */
    public String note() {
        return note;
    }

    /** Dense peak used for precision {@code p}, FLOP/s. */
    public double peakFlops(Precision p) {
        if (measured) {
            Double ref = basis.reference().peakTflops().get(GemmKeys.peakKey(p));
            if (ref != null) {
                return ref * 1e12;
            }
        }
        return accelerator.densePeakFlops(p);
    }

    /** Memory bandwidth used, bytes/s. */
    public double bandwidth() {
        return bandwidth;
    }

    /** Scale-up link bandwidth per direction used for collectives, bytes/s. */
    public double linkBandwidth() {
        return link;
    }

    /** The GEMM table for weights of precision {@code p} (see {@link GemmKeys#candidates}). */
    public Fitted<GemmParams> gemmTable(Precision p) {
        for (String key : GemmKeys.candidates(p)) {
            Fitted<GemmParams> f = SystemCalibration.newest(gemmFrom.gemm().getOrDefault(key, List.of()));
            if (f != null) {
                return f;
            }
        }
        throw new IllegalStateException("no GEMM table for " + p);
    }

    /** The GEMM model for weights (and compute) of precision {@code p}. */
    public GemmModel gemm(Precision p) {
        return gemm(p, p);
    }

    /**
     * GEMMs that compute in {@code compute} on weights stored in {@code weights}: the efficiencies
     * and peak of the compute format, the weight traffic of the stored one (the widening to the
     * compute format happens in registers and is not charged).
     */
    public GemmModel gemm(Precision compute, Precision weights) {
        return new GemmModel(gemmTable(compute).params(), peakFlops(compute), bandwidth, weights.storedBytesPerWeight());
    }

    /**
     * The LM head's GEMM for a checkpoint whose blocks are stored in {@code weights} and multiply in
     * {@code compute}. A quantized checkpoint keeps its LM head in 16 bits, so the head multiplies
     * in BF16 (FP16 on chips without it) whatever the blocks do; an unquantized one as the blocks.
     */
    public GemmModel lmHeadGemm(Precision compute, Precision weights) {
        if (!weights.quantized()) {
            return gemm(compute, weights);
        }
        for (Precision sixteen : List.of(Precision.BF16, Precision.FP16)) {
            if (measured || accelerator.supports(sixteen)) {
                return gemm(sixteen, sixteen);
            }
        }
        // No 16-bit tensor rate listed: the compute format's, on 16-bit weights.
        return new GemmModel(gemmTable(compute).params(), peakFlops(compute), bandwidth, weights.embeddingBytesPerWeight());
    }

    public Fitted<PrefillAttentionParams> prefillAttentionTable() {
        return prefill;
    }

    public Fitted<DecodeAttentionParams> decodeAttentionTable() {
        return decode;
    }

    /**
     * The 16-bit peak attention runs at: BF16, else FP16 (chips without BF16, such as Groq's
     * LPU), else the largest listed peak. FP8-KV efficiencies are relative to it.
     */
    public double attentionPeakFlops() {
        if (measured || accelerator.supports(Precision.BF16)) {
            return peakFlops(Precision.BF16);
        }
        if (accelerator.supports(Precision.FP16)) {
            return peakFlops(Precision.FP16);
        }
        return accelerator.densePeakTflops().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow() * 1e12;
    }

    /** Prefill attention at the 16-bit peak. */
    public PrefillAttentionModel prefillAttention() {
        return new PrefillAttentionModel(prefill.params(), attentionPeakFlops(), bandwidth);
    }

    /** Decode attention, its compute term at the prefill kernel's efficiency. */
    public DecodeAttentionModel decodeAttention() {
        return new DecodeAttentionModel(decode.params(), attentionPeakFlops(), bandwidth,
                prefill.params().computeEfficiency());
    }

    /** The fused-MoE table for expert weights of precision {@code p}, or null if none is measured anywhere. */
    public Fitted<MoeParams> moeTable(Precision p) {
        for (String key : GemmKeys.candidates(p)) {
            Fitted<MoeParams> f = SystemCalibration.newest(moeFrom.moe().getOrDefault(key, List.of()));
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** The fused-MoE model for expert weights of precision {@code p}. */
    public MoeModel moe(Precision p) {
        return moe(p, p);
    }

    /** Fused-MoE kernels computing in {@code compute} on experts stored in {@code weights} (as {@link #gemm(Precision, Precision)}). */
    public MoeModel moe(Precision compute, Precision weights) {
        Fitted<MoeParams> f = moeTable(compute);
        if (f == null) {
            throw new IllegalStateException(calibration.origin() + ": no MoE table for " + basis.id());
        }
        return new MoeModel(f.params(), peakFlops(compute), bandwidth, weights.storedBytesPerWeight());
    }

    /**
     * The collective table {@code key} ({@link SystemCalibration#COLLECTIVE_KEYS}), scaled to this
     * accelerator's link. A system without an all-to-all, send/recv or custom all-reduce table
     * uses its NCCL all-reduce fit (same latency and bus bandwidth; only the bus factor differs).
     * A system without collective measurements uses those of the system its {@code borrowed}
     * entry names, rescaled the same way to this accelerator's link (so PCIe cards get the
     * lender's latency and bus efficiency at their PCIe bandwidth).
     */
    public Fitted<CollectiveParams> collectiveTable(String key) {
        Map<String, Fitted<CollectiveParams>> c = collectivesFrom.collectives();
        Fitted<CollectiveParams> f = c.get(key);
        if (f == null) {
            f = c.get(SystemCalibration.ALL_REDUCE_NCCL);
        }
        if (f == null) {
            throw new IllegalStateException(calibration.origin() + ": " + collectivesFrom.id() + " has no NCCL all-reduce table");
        }
        return new Fitted<>(f.params().scaledTo(link), f.source());
    }

    public CollectiveModel collective(String key) {
        return new CollectiveModel(collectiveTable(key).params());
    }

    /** Element-wise constants of a kind in {@link KernelCalibration#ELEMENTWISE_KINDS}. */
    public ElementwiseParams elementwise(String kind) {
        Fitted<ElementwiseParams> f = calibration.elementwise().get(kind);
        if (f == null) {
            throw new IllegalArgumentException("no element-wise kind '" + kind + "'; kinds: " + calibration.elementwise().keySet());
        }
        return f.params();
    }

    public CpuOverhead cpuOverhead() {
        return calibration.cpuOverhead().params();
    }

    /** Ops taken from another measured accelerator than the basis. */
    public List<String> borrowedNotes() {
        return notes;
    }

    /**
     * What the step-cost model uses for this accelerator computing in {@code compute} with KV cache
     * {@code kv}, one line per op, for the CLI and reports.
     */
    public List<String> describe(Precision compute, Precision kv, boolean moeModel) {
        List<String> lines = new ArrayList<>();
        lines.add("calibration " + calibration.name() + " (" + calibration.origin() + "): " + note);
        for (String n : notes) {
            lines.add("  borrowed: " + n);
        }
        Fitted<GemmParams> g = gemmTable(compute);
        String gemmNote = g.source().variant().equals(GemmKeys.candidates(compute).get(0)) ? ""
                : " (no " + compute.yamlName() + " GEMM measured: " + g.source().variant()
                        + " efficiencies applied to the " + compute.yamlName() + " peak)";
        lines.add("  gemm:              " + g.source().describe() + gemmNote);
        lines.add("  prefill attention: " + prefill.source().describe() + (kv.bytesPerElement() <= 1 ? ", FP8-KV efficiency" : ""));
        lines.add("  decode attention:  " + decode.source().describe());
        if (moeModel) {
            Fitted<MoeParams> m = moeTable(compute);
            lines.add("  moe:               " + (m == null ? "none" : m.source().describe()));
        }
        for (String key : List.of(SystemCalibration.ALL_REDUCE_CUSTOM_GRAPH, SystemCalibration.ALL_REDUCE_NCCL,
                SystemCalibration.ALL_TO_ALL, SystemCalibration.SEND_RECV)) {
            Fitted<CollectiveParams> c = collectiveTable(key);
            String derived = collectivesFrom.collectives().containsKey(key) ? "" : " (derived from the NCCL all-reduce fit)";
            lines.add(String.format(Locale.ROOT, "  %-18s %s%s", key.replace('_', ' ') + ":", c.source().describe(), derived));
        }
        lines.add("  element-wise:      " + calibration.elementwise().get("norm").source().describe() + " and 3 more kinds");
        lines.add("  host overhead:     " + calibration.cpuOverhead().source().describe());
        if (!measured) {
            lines.add(String.format(Locale.ROOT, "  peaks and bandwidth from the %s catalog entry (memory %.2f TB/s, link %.0f GB/s)",
                    accelerator.id(), bandwidth / 1e12, link / 1e9));
        }
        return lines;
    }

    @Override
    public String toString() {
        return "AcceleratorCalibration[" + note + "]";
    }
}
