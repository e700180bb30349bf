package org.tokenfab.validation.kernels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Precision;
import org.tokenfab.hardware.cost.CollectiveParams;
import org.tokenfab.hardware.cost.CpuOverhead;
import org.tokenfab.hardware.cost.DecodeAttentionParams;
import org.tokenfab.hardware.cost.ElementwiseParams;
import org.tokenfab.hardware.cost.Fitted;
import org.tokenfab.hardware.cost.GemmParams;
import org.tokenfab.hardware.cost.KernelCalibration;
import org.tokenfab.hardware.cost.MoeParams;
import org.tokenfab.hardware.cost.PrefillAttentionParams;
import org.tokenfab.hardware.cost.SystemCalibration;

/**
 * Fits every op model to every bundled measured table and assembles the result as a
 * {@link KernelCalibration} (what {@code tokenfab calibrate} writes). Deterministic: the same
 * data and code give the same parameters.
 *
 * <p>Policies, all stated in the written resource:
 * <ul>
 *   <li>Efficiencies are fractions of the TokenFab catalog's peaks and bandwidths of the measured
 *       accelerator at fit time (recorded as {@code reference}).
 *   <li>A measured accelerator without a table for an op family borrows it from its closest
 *       measured relative: same architecture first (Hopper H100/H200, Blackwell B200/GB200), then
 *       Hopper for the A100 ({@link #BORROW}).
 *   <li>Every catalog accelerator without measurements gets a stand-in: NVIDIA successors map to
 *       the measured part of their platform ({@link #NVIDIA_SUCCESSORS}); any other maps to the
 *       measured accelerator nearest in memory bandwidth and BF16 peak (log distance), and the
 *       reason says so with the numbers.
 *   <li>Validation hardware (RTX 4090, RTX PRO 6000; LLMServingSim's vLLM 0.19 profiles) has GEMM
 *       and attention tables, and the RTX PRO 6000 a bf16 fused-MoE table (Qwen3-30B-A3B, see
 *       {@link KernelDataImport}); what it lacks (MoE on the RTX 4090, collectives on both) it
 *       borrows ({@link #BORROW}), the collectives rescaled to its PCIe link. It is never a
 *       nearest-relative stand-in.
 *   <li>Host overhead: a straight line in the batch size through Vidur's measured vLLM
 *       scheduling + input preparation + launch times of the single-GPU models (the multi-GPU
 *       rows include Ray worker broadcasts that vLLM's V1 engine no longer does).
 * </ul>
 */
final class Calibrator {
    static final String NAME = "kernels-v1";
    /** Measured accelerators, in the order the resource lists them. */
    static final List<String> MEASURED = List.of("h100-sxm", "h200", "b200", "gb200", "a100-80gb", "rtx-4090",
            "rtx-pro-6000");
    /**
     * Validation hardware among {@link #MEASURED} (PCIe workstation GPUs measured by LLMServingSim):
     * never the nearest-relative stand-in of an unmeasured catalog accelerator, so adding them does
     * not change any existing mapping.
     */
    static final java.util.Set<String> VALIDATION_HARDWARE = java.util.Set.of("rtx-4090", "rtx-pro-6000");
    /** Where a measured accelerator looks for op families it has no table of, in order. */
    static final Map<String, List<String>> BORROW = Map.of(
            "h100-sxm", List.of("h200"), "h200", List.of("h100-sxm"), "b200", List.of("gb200"),
            "gb200", List.of("b200"), "a100-80gb", List.of("h100-sxm", "h200"),
            "rtx-4090", List.of("h100-sxm", "h200"), "rtx-pro-6000", List.of("b200", "gb200"));
    /** Unmeasured NVIDIA parts and the measured part of their platform. */
    static final Map<String, String[]> NVIDIA_SUCCESSORS = new LinkedHashMap<>();

    static {
        NVIDIA_SUCCESSORS.put("b300", new String[] {"b200",
                "no measurements; Blackwell Ultra HGX keeps B200's SMs and HBM3e bandwidth (FP4 peak from its catalog entry)"});
        NVIDIA_SUCCESSORS.put("gb300", new String[] {"gb200",
                "no measurements; Blackwell Ultra in the same NVL72 rack as GB200 (FP4 peak from its catalog entry)"});
        NVIDIA_SUCCESSORS.put("vr200", new String[] {"gb200",
                "no measurements; Rubin NVL72, the newest measured NVIDIA platform's efficiencies on Rubin's catalog peaks"});
        NVIDIA_SUCCESSORS.put("rubin-ultra", new String[] {"gb200",
                "no measurements; Rubin Ultra, the newest measured NVIDIA platform's efficiencies on its catalog peaks"});
        NVIDIA_SUCCESSORS.put("rubin-cpx", new String[] {"b200",
                "no measurements; Rubin CPX (GDDR7, no NVLink), Blackwell HGX efficiencies on its catalog peaks"});
        NVIDIA_SUCCESSORS.put("a100-40gb", new String[] {"a100-80gb",
                "no measurements; the same GA100 part as a100-80gb (clocks, NVLink 3), its efficiencies on the 40 GB "
                        + "part's 1.555 TB/s"});
    }

    /** One fitted table, with the fitter (for predictions) and the in-sample errors. */
    record TableOutcome<R, P>(KernelData.Table<R> table, TableFit<R, P> fitter, TableFit.Result<P> result, double[] ape) {
        Fitted.OpSource source() {
            return new Fitted.OpSource(table.system(), table.engine(), table.variant(), table.kernel(), table.file(),
                    table.rows().size(), Stats.median(ape), Stats.p90(ape));
        }

        Fitted<P> fitted() {
            return new Fitted<>(result.params(), source());
        }
    }

    /** Everything one calibration run produced. */
    record Run(KernelCalibration calibration, List<TableOutcome<?, ?>> tables,
            List<TableOutcome<Rows.VidurOp, ElementwiseParams>> elementwise, double cpuRSquared, int cpuRows,
            double seconds) {
    }

    private Calibrator() {
    }

    /** Reference numbers of a measured accelerator from the catalog. */
    static SystemCalibration.Reference reference(AcceleratorSpec a) {
        Map<String, Double> peaks = new TreeMap<>();
        for (Precision p : List.of(Precision.BF16, Precision.FP16, Precision.FP8, Precision.INT8, Precision.FP4)) {
            if (a.supports(p)) {
                String key = p == Precision.FP16 ? "bf16" : p.yamlName();
                peaks.putIfAbsent(key, a.densePeakTflops().get(p));
            }
        }
        return new SystemCalibration.Reference(peaks, a.memoryBandwidthTbS(), a.scaleUpBandwidthBidirGbS() / 2);
    }

    /**
     * Runs the whole calibration.
     *
     * @param generated the provenance header (command, version, date) to record
     */
    static Run run(KernelData data, Catalog catalog, Map<String, String> generated) {
        long start = System.nanoTime();
        Map<String, SystemCalibration.Reference> refs = new LinkedHashMap<>();
        for (String id : MEASURED) {
            refs.put(id, reference(catalog.accelerator(id)));
        }
        List<TableOutcome<?, ?>> tables = new ArrayList<>();
        Map<String, Double> prefillEfficiency = new TreeMap<>();
        for (KernelData.Table<Rows.Gemm> t : sorted(data.gemm)) {
            tables.add(fit(t, gemmFitter(t, refs.get(t.catalogId()))));
        }
        for (KernelData.Table<Rows.Attention> t : sorted(data.prefill)) {
            TableOutcome<Rows.Attention, PrefillAttentionParams> o = fit(t, prefillFitter(t, refs.get(t.catalogId())));
            prefillEfficiency.put(t.catalogId() + " " + t.engine(), o.result().params().computeEfficiency());
            tables.add(o);
        }
        for (KernelData.Table<Rows.Attention> t : sorted(data.decode)) {
            double ec = prefillEfficiency.getOrDefault(t.catalogId() + " " + t.engine(), 0.6);
            tables.add(fit(t, decodeFitter(t, refs.get(t.catalogId()), ec)));
        }
        for (KernelData.Table<Rows.Moe> t : sorted(data.moe)) {
            tables.add(fit(t, moeFitter(t, refs.get(t.catalogId()))));
        }
        for (KernelData.Table<Rows.Collective> t : sorted(data.collectives)) {
            tables.add(fit(t, collectiveFitter(t, refs.get(t.catalogId()))));
        }
        List<TableOutcome<Rows.VidurOp, ElementwiseParams>> elementwise = new ArrayList<>();
        Map<String, Fitted<ElementwiseParams>> elementwiseFits = new LinkedHashMap<>();
        for (String kind : KernelCalibration.ELEMENTWISE_KINDS) {
            List<Rows.VidurOp> ew = data.vidurOps.stream()
                    .filter(r -> VidurShapes.ELEMENTWISE.contains(r.op()) && VidurShapes.kind(r.op()).equals(kind)).toList();
            KernelData.Table<Rows.VidurOp> table = new KernelData.Table<>(Family.ELEMENTWISE, "vidur_h100",
                    "vllm (Vidur, 2024)", kind, VIDUR_KERNELS.get(kind), "vidur/data/profiling/compute/h100/*/*/mlp.csv", ew);
            TableOutcome<Rows.VidurOp, ElementwiseParams> o = fit(table,
                    new ElementwiseFit(refs.get("h100-sxm").memoryTbS() * 1e12));
            elementwise.add(o);
            elementwiseFits.put(kind, o.fitted());
        }

        SimpleRegression cpu = new SimpleRegression(true);
        List<Rows.Cpu> cpuRows = data.vidurCpu.stream().filter(r -> r.tp() == 1).toList();
        for (Rows.Cpu r : cpuRows) {
            cpu.addData(r.batch(), r.nanos());
        }
        double[] cpuApe = cpuRows.stream()
                .mapToDouble(r -> Stats.ape(cpu.getIntercept() + cpu.getSlope() * r.batch(), r.nanos())).toArray();
        Fitted<CpuOverhead> cpuOverhead = new Fitted<>(
                new CpuOverhead(Math.max(0, cpu.getIntercept()), Math.max(0, cpu.getSlope())),
                new Fitted.OpSource("vidur_a100", "vllm (Vidur, 2024)", "schedule + prepare inputs + launch, TP1",
                        "host", "vidur/data/profiling/a100/cpu_overheads.csv", cpuRows.size(), Stats.median(cpuApe),
                        Stats.p90(cpuApe)));

        Map<String, SystemCalibration> systems = new LinkedHashMap<>();
        for (String id : MEASURED) {
            systems.put(id, system(id, catalog.accelerator(id), refs.get(id), tables));
        }
        Map<String, KernelCalibration.Mapping> mapping = mapping(catalog, systems);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, String> gen = new LinkedHashMap<>(generated);
        gen.put("run_seconds", String.format(Locale.ROOT, "%.1f", seconds));
        KernelCalibration calibration = new KernelCalibration(NAME, "tokenfab calibrate", gen, SOURCES, systems,
                elementwiseFits, cpuOverhead, mapping);
        return new Run(calibration, tables, elementwise, cpu.getRSquare(), cpuRows.size(), seconds);
    }

    /** Vidur operators behind each element-wise kind. */
    static final Map<String, String> VIDUR_KERNELS = Map.of("norm", "input_layernorm, post_attention_layernorm",
            "add", "add", "rope", "attn_rope", "activation", "mlp_act");

    static final List<String> SOURCES = List.of(
            "aiconfigurator: github.com/ai-dynamo/aiconfigurator @095f58a (Apache-2.0)",
            "apex-plus: github.com/microsoft/apex_plus @8769096 (MIT)",
            "vidur: github.com/microsoft/vidur @7d47513, cpu_overheads.csv @57720ca (MIT)",
            "llmservingsim: github.com/casys-kaist/LLMServingSim @5daddb21a545658d5150b535712d0494584b5278, "
                    + "profiler/perf/{RTX4090,RTXPRO6000} operator profiles only (MIT)");

    private static <R> List<KernelData.Table<R>> sorted(List<KernelData.Table<R>> tables) {
        List<KernelData.Table<R>> out = new ArrayList<>(tables);
        out.sort(Comparator.comparing((KernelData.Table<R> t) -> MEASURED.indexOf(t.catalogId()))
                .thenComparing(KernelData.Table::variant).thenComparing(KernelData.Table::engine));
        return out;
    }

    static <R, P> TableOutcome<R, P> fit(KernelData.Table<R> table, TableFit<R, P> fitter) {
        TableFit.Result<P> result = fitter.fit(table.rows());
        double[] ape = new double[table.rows().size()];
        for (int i = 0; i < ape.length; i++) {
            R row = table.rows().get(i);
            ape[i] = Stats.ape(fitter.predict(result.params(), row), fitter.measured(row));
        }
        return new TableOutcome<>(table, fitter, result, ape);
    }

    static GemmFit gemmFitter(KernelData.Table<Rows.Gemm> t, SystemCalibration.Reference ref) {
        String key = t.variant().equals("fp8_block") ? "fp8" : t.variant();
        // The stored weight format, block scales included (NVFP4's are read too), as the step-cost model streams it.
        Precision weights = switch (t.variant()) {
            case "bf16" -> Precision.BF16;
            case "fp4" -> Precision.FP4;
            default -> Precision.FP8;
        };
        return new GemmFit(peak(ref, key, t), ref.memoryTbS() * 1e12, weights.storedBytesPerWeight());
    }

    static PrefillFit prefillFitter(KernelData.Table<Rows.Attention> t, SystemCalibration.Reference ref) {
        return new PrefillFit(peak(ref, "bf16", t), ref.memoryTbS() * 1e12, t.variant().contains("fp8"));
    }

    static DecodeFit decodeFitter(KernelData.Table<Rows.Attention> t, SystemCalibration.Reference ref, double ec) {
        return new DecodeFit(peak(ref, "bf16", t), ref.memoryTbS() * 1e12, ec, t.variant().contains("fp8"));
    }

    static MoeFit moeFitter(KernelData.Table<Rows.Moe> t, SystemCalibration.Reference ref) {
        boolean bf16 = t.variant().equals("bf16");
        return new MoeFit(peak(ref, bf16 ? "bf16" : "fp8", t), ref.memoryTbS() * 1e12, bf16 ? 2 : 1);
    }

    static CollectiveFit collectiveFitter(KernelData.Table<Rows.Collective> t, SystemCalibration.Reference ref) {
        return new CollectiveFit(CollectiveFit.Kind.of(t.variant()), CollectiveFit.groupSizes(t.rows()), ref.linkGbS() * 1e9);
    }

    private static double peak(SystemCalibration.Reference ref, String key, KernelData.Table<?> t) {
        Double v = ref.peakTflops().get(key);
        if (v == null) {
            throw new IllegalStateException(t.key() + ": the catalog has no " + key + " peak for " + t.catalogId());
        }
        return v * 1e12;
    }

    @SuppressWarnings("unchecked")
    private static SystemCalibration system(String id, AcceleratorSpec a, SystemCalibration.Reference ref,
            List<TableOutcome<?, ?>> tables) {
        Map<String, List<Fitted<GemmParams>>> gemm = new TreeMap<>();
        List<Fitted<PrefillAttentionParams>> prefill = new ArrayList<>();
        List<Fitted<DecodeAttentionParams>> decode = new ArrayList<>();
        Map<String, List<Fitted<MoeParams>>> moe = new TreeMap<>();
        Map<String, Fitted<CollectiveParams>> collectives = new TreeMap<>();
        String measuredAs = null;
        String device = null;
        for (TableOutcome<?, ?> o : tables) {
            KernelData.Table<?> t = o.table();
            if (!id.equals(t.catalogId())) {
                continue;
            }
            if (t.file().startsWith("aiconfigurator/") || t.file().startsWith("llmservingsim/")) {
                measuredAs = t.system();
            }
            switch (t.family()) {
                case GEMM -> gemm.computeIfAbsent(t.variant(), k -> new ArrayList<>()).add((Fitted<GemmParams>) o.fitted());
                case PREFILL_ATTENTION -> prefill.add((Fitted<PrefillAttentionParams>) o.fitted());
                case DECODE_ATTENTION -> decode.add((Fitted<DecodeAttentionParams>) o.fitted());
                case MOE -> moe.computeIfAbsent(t.variant(), k -> new ArrayList<>()).add((Fitted<MoeParams>) o.fitted());
                case ELEMENTWISE -> {
                }
                case ALL_REDUCE, OTHER_COLLECTIVES -> {
                    if (SystemCalibration.COLLECTIVE_KEYS.contains(t.variant())) {
                        collectives.put(t.variant(), (Fitted<CollectiveParams>) o.fitted());
                    }
                }
            }
        }
        Map<String, String> borrowed = new TreeMap<>();
        borrow(id, SystemCalibration.FAMILY_GEMM, !gemm.isEmpty(), tables, Family.GEMM, borrowed);
        borrow(id, SystemCalibration.FAMILY_PREFILL, !prefill.isEmpty(), tables, Family.PREFILL_ATTENTION, borrowed);
        borrow(id, SystemCalibration.FAMILY_DECODE, !decode.isEmpty(), tables, Family.DECODE_ATTENTION, borrowed);
        borrow(id, SystemCalibration.FAMILY_MOE, !moe.isEmpty(), tables, Family.MOE, borrowed);
        borrow(id, SystemCalibration.FAMILY_COLLECTIVES, !collectives.isEmpty(), tables, Family.ALL_REDUCE, borrowed);
        return new SystemCalibration(id, measuredAs == null ? id : measuredAs, DEVICES.getOrDefault(id, a.name()), ref, gemm,
                prefill, decode, moe, collectives, borrowed);
    }

    /** Device names as AIConfigurator recorded them (slice_manifest.csv). */
    static final Map<String, String> DEVICES = Map.of("h100-sxm", "NVIDIA H100 80GB HBM3", "h200", "NVIDIA H200",
            "b200", "NVIDIA B200", "gb200", "NVIDIA GB200", "a100-80gb", "NVIDIA A100-SXM4-80GB",
            "rtx-4090", "NVIDIA GeForce RTX 4090", "rtx-pro-6000", "NVIDIA RTX PRO 6000 Blackwell Server Edition");

    private static void borrow(String id, String family, boolean has, List<TableOutcome<?, ?>> tables, Family f,
            Map<String, String> borrowed) {
        if (has) {
            return;
        }
        for (String other : BORROW.get(id)) {
            boolean otherHas = tables.stream().anyMatch(o -> o.table().family() == f && other.equals(o.table().catalogId()));
            if (otherHas) {
                borrowed.put(family, other);
                return;
            }
        }
        throw new IllegalStateException(id + " has no " + family + " table and no relative to borrow one from");
    }

    private static Map<String, KernelCalibration.Mapping> mapping(Catalog catalog, Map<String, SystemCalibration> systems) {
        Map<String, KernelCalibration.Mapping> out = new LinkedHashMap<>();
        for (String acceleratorId : catalog.acceleratorIds()) {
            AcceleratorSpec a = catalog.accelerator(acceleratorId);
            if (systems.containsKey(a.id())) {
                continue;
            }
            String[] nvidia = NVIDIA_SUCCESSORS.get(a.id());
            if (nvidia != null) {
                out.put(a.id(), new KernelCalibration.Mapping(nvidia[0], nvidia[1]));
                continue;
            }
            double peak = a.supports(Precision.BF16) ? a.densePeakTflops().get(Precision.BF16)
                    : a.supports(Precision.FP16) ? a.densePeakTflops().get(Precision.FP16)
                    : a.densePeakTflops().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            SystemCalibration best = null;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (SystemCalibration s : systems.values()) {
                if (VALIDATION_HARDWARE.contains(s.id())) {
                    continue;
                }
                double d = Math.abs(Math.log(a.memoryBandwidthTbS() / s.reference().memoryTbS()))
                        + Math.abs(Math.log(peak / s.reference().peakTflops().get("bf16")));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = s;
                }
            }
            String kind = a.sramOnly() ? "SRAM-only chip, no measurements: GPU efficiency curves are a placeholder"
                    : "no measurements";
            out.put(a.id(), new KernelCalibration.Mapping(best.id(), String.format(Locale.ROOT,
                    "%s; nearest measured accelerator by memory bandwidth and 16-bit peak (%.3g TB/s, %.0f TFLOPS vs %.3g TB/s, %.0f TFLOPS)",
                    kind, a.memoryBandwidthTbS(), peak, best.reference().memoryTbS(), best.reference().peakTflops().get("bf16"))));
        }
        return out;
    }
}
