package org.tokenfab.validation.kernels;

import org.tokenfab.validation.SuiteReport;
import org.tokenfab.validation.ReportTable;
import org.tokenfab.validation.BoundCheck;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Precision;
import org.tokenfab.hardware.cost.AcceleratorCalibration;
import org.tokenfab.hardware.cost.CollectiveModel;
import org.tokenfab.hardware.cost.Fitted;
import org.tokenfab.hardware.cost.GemmModel;
import org.tokenfab.hardware.cost.KernelCalibration;
import org.tokenfab.hardware.cost.SystemCalibration;

/**
 * Compares the calibrated op models with every measured kernel row, per op family and GPU:
 * median and 90th-percentile absolute percentage error (APE), in-sample (the committed
 * calibration's parameters against the rows they were fitted to) and held out (k-fold
 * cross-validation: each fold's rows predicted by parameters refitted without them, the folds
 * grouped so whole curves are held out: GEMM weight shapes (n, k); attention (heads, KV heads,
 * batch); MoE configurations (model shape, TP, EP); collective message sizes). The bound is a
 * median APE of at most {@value #MEDIAN_BOUND}% per bounded family and GPU, in-sample and held
 * out. Also reports, without a bound, an independent cross-check against Vidur's H100 operator and
 * all-reduce times (older vLLM kernels, 2024), and whether a fresh fit reproduces the committed
 * calibration.
 */
public final class KernelValidation {
    /** Largest median APE allowed per bounded family and GPU, %. */
    public static final double MEDIAN_BOUND = 10.0;
    static final int FOLDS = 5;
    static final long SEED = 42;

    /** One family x GPU cell of the summary. */
    record Cell(Family family, String gpu, int rows, double inMedian, double inP90, double outMedian, double outP90) {
    }

    /** One table's errors. */
    record TableErrors(String family, String key, String file, int rows, double inMedian, double inP90, double outMedian,
            double outP90) {
    }

    /** One cross-check line; {@code ratio} is the median of predicted / measured. */
    record CrossCheck(String what, int rows, double median, double p90, double ratio) {
    }

    /**
     * The outcome of a validation run.
     *
     * @param cells summary per family and GPU
     * @param tables per table
     * @param crossChecks Vidur comparisons
     * @param reproduction largest relative difference between a fresh fit and the committed
     *     calibration over all fitted numbers
     * @param fresh the fresh calibration run
     * @param seconds wall time
     */
    record Result(List<Cell> cells, List<TableErrors> tables, List<CrossCheck> crossChecks, double reproduction,
            Calibrator.Run fresh, double seconds) {
    }

    private KernelValidation() {
    }

    /** Validates the bundled calibration against the bundled data. */
    public static SuiteReport run() {
        return report(validate(KernelCalibration.builtIn(), KernelData.load(), Catalog.builtIn()));
    }

    /** Validates {@code committed} against {@code data}; refits for the held-out errors. */
    static Result validate(KernelCalibration committed, KernelData data, Catalog catalog) {
        long start = System.nanoTime();
        Map<String, String> gen = new LinkedHashMap<>();
        gen.put("command", "tokenfab validate kernels (fresh fit)");
        gen.put("date", LocalDate.now().toString());
        Calibrator.Run fresh = Calibrator.run(data, catalog, gen);
        Map<String, List<double[]>> byCellIn = new LinkedHashMap<>();
        Map<String, List<double[]>> byCellOut = new LinkedHashMap<>();
        List<TableErrors> tables = new ArrayList<>();
        for (Calibrator.TableOutcome<?, ?> o : fresh.tables()) {
            double[][] errors = errors(o, committed);
            String cell = o.table().family().name() + "|" + o.table().catalogId();
            byCellIn.computeIfAbsent(cell, k -> new ArrayList<>()).add(errors[0]);
            byCellOut.computeIfAbsent(cell, k -> new ArrayList<>()).add(errors[1]);
            tables.add(new TableErrors(o.table().family().label(), o.table().key(), o.table().file(), errors[0].length,
                    Stats.median(errors[0]), Stats.p90(errors[0]), Stats.median(errors[1]), Stats.p90(errors[1])));
        }
        for (Calibrator.TableOutcome<Rows.VidurOp, ?> o : fresh.elementwise()) {
            double[][] ew = errors(o, committed);
            tables.add(new TableErrors(Family.ELEMENTWISE.label(), "h100 vidur " + o.table().variant(), o.table().file(),
                    ew[0].length, Stats.median(ew[0]), Stats.p90(ew[0]), Stats.median(ew[1]), Stats.p90(ew[1])));
        }
        List<Cell> cells = new ArrayList<>();
        for (String key : byCellIn.keySet()) {
            String[] k = key.split("\\|");
            double[] in = concat(byCellIn.get(key));
            double[] out = concat(byCellOut.get(key));
            cells.add(new Cell(Family.valueOf(k[0]), k[1], in.length, Stats.median(in), Stats.p90(in), Stats.median(out),
                    Stats.p90(out)));
        }
        cells.sort((a, b) -> a.family() != b.family() ? a.family().compareTo(b.family())
                : Integer.compare(Calibrator.MEASURED.indexOf(a.gpu()), Calibrator.MEASURED.indexOf(b.gpu())));
        List<CrossCheck> cross = crossChecks(committed, data, catalog);
        double reproduction = ReproductionCheck.maxRelativeDifference(fresh.calibration(), committed);
        return new Result(cells, tables, cross, reproduction, fresh, (System.nanoTime() - start) / 1e9);
    }

    /** In-sample errors with the committed parameters and held-out errors by k-fold refits. */
    private static <R, P> double[][] errors(Calibrator.TableOutcome<R, P> o, KernelCalibration committed) {
        List<R> rows = o.table().rows();
        P params = committedParams(o, committed);
        double[] in = new double[rows.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = Stats.ape(o.fitter().predict(params, rows.get(i)), o.fitter().measured(rows.get(i)));
        }
        int[] fold = folds(rows, groupOf(o.table()));
        double[] out = new double[rows.size()];
        for (int f = 0; f < FOLDS; f++) {
            List<R> train = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] != f) {
                    train.add(rows.get(i));
                }
            }
            if (train.size() == rows.size()) {
                continue;
            }
            TableFit.Result<P> r = o.fitter().refit(train, o.result());
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] == f) {
                    out[i] = Stats.ape(o.fitter().predict(r.params(), rows.get(i)), o.fitter().measured(rows.get(i)));
                }
            }
        }
        return new double[][] {in, out};
    }

    /**
     * The committed parameters of a table, or the fresh fit's if the calibration does not store
     * that table (APEX+ all-reduce, all-gather, reduce-scatter: fitted for the report only).
     */
    @SuppressWarnings("unchecked")
    private static <R, P> P committedParams(Calibrator.TableOutcome<R, P> o, KernelCalibration committed) {
        KernelData.Table<R> t = o.table();
        if (t.family() == Family.ELEMENTWISE) {
            Fitted<?> f = committed.elementwise().get(t.variant());
            return f == null ? o.result().params() : (P) f.params();
        }
        SystemCalibration s = committed.systems().get(t.catalogId());
        if (s == null) {
            return o.result().params();
        }
        List<? extends Fitted<?>> candidates = switch (t.family()) {
            case GEMM -> s.gemm().getOrDefault(t.variant(), List.of());
            case PREFILL_ATTENTION -> s.prefillAttention();
            case DECODE_ATTENTION -> s.decodeAttention();
            case MOE -> s.moe().getOrDefault(t.variant(), List.of());
            case ALL_REDUCE, OTHER_COLLECTIVES -> s.collectives().containsKey(t.variant())
                    ? List.of(s.collectives().get(t.variant())) : List.of();
            case ELEMENTWISE -> List.of();
        };
        for (Fitted<?> f : candidates) {
            if (f.source().engine().equals(t.engine()) && f.source().data().equals(t.file())) {
                return (P) f.params();
            }
        }
        return o.result().params();
    }

    /** Fold of each row: groups shuffled with a fixed seed, dealt round-robin. */
    static <R> int[] folds(List<R> rows, Function<R, String> group) {
        List<String> keys = new ArrayList<>(new TreeSet<>(rows.stream().map(group).toList()));
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = keys.size() - 1; i > 0; i--) {
            Collections.swap(keys, i, random.nextInt(i + 1));
        }
        Map<String, Integer> fold = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            fold.put(keys.get(i), i % FOLDS);
        }
        int[] out = new int[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fold.get(group.apply(rows.get(i)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <R> Function<R, String> groupOf(KernelData.Table<R> t) {
        return switch (t.family()) {
            case GEMM -> r -> ((Rows.Gemm) r).n() + "x" + ((Rows.Gemm) r).k();
            case PREFILL_ATTENTION, DECODE_ATTENTION -> r -> {
                Rows.Attention a = (Rows.Attention) r;
                // LLMServingSim's pure-prefill rows are one sequence per model: hold out chunk lengths.
                boolean singleSequence = t.family() == Family.PREFILL_ATTENTION && t.file().startsWith("llmservingsim/");
                return a.heads() + "/" + a.kvHeads() + "/" + a.batch() + (singleSequence ? "/" + a.isl() : "");
            };
            case MOE -> r -> ((Rows.Moe) r).config();
            case ALL_REDUCE, OTHER_COLLECTIVES -> r -> Double.toString(((Rows.Collective) r).bytes());
            case ELEMENTWISE -> r -> {
                Rows.VidurOp v = (Rows.VidurOp) r;
                return v.model() + "/" + v.op() + "/" + v.tp();
            };
        };
    }

    private static List<CrossCheck> crossChecks(KernelCalibration committed, KernelData data, Catalog catalog) {
        AcceleratorCalibration h100 = committed.forAccelerator(catalog.accelerator("h100-sxm"));
        GemmModel gemm = h100.gemm(Precision.BF16);
        List<CrossCheck> out = new ArrayList<>();
        Map<String, List<double[]>> gemmPairs = new LinkedHashMap<>();
        for (Rows.VidurOp r : data.vidurOps) {
            if (VidurShapes.GEMMS.contains(r.op())) {
                double[] nk = VidurShapes.gemm(r);
                double[] pm = {gemm.nanos(r.tokens(), nk[0], nk[1]), r.nanos()};
                gemmPairs.computeIfAbsent("all projections", k -> new ArrayList<>()).add(pm);
                gemmPairs.computeIfAbsent(r.op(), k -> new ArrayList<>()).add(pm);
            }
        }
        gemmPairs.forEach((op, list) -> out.add(cross("GEMM " + op + " (Vidur H100 fp16 vs h100-sxm bf16 model)", list)));
        CollectiveModel nccl = h100.collective(SystemCalibration.ALL_REDUCE_NCCL);
        List<double[]> ar = data.vidurAllReduce.stream()
                .map(r -> new double[] {nccl.allReduceNanos(r.bytes(), r.gpus()), r.nanos()}).toList();
        out.add(cross("all-reduce (Vidur H100 DGX vs h100-sxm NCCL model)", ar));
        return out;
    }

    private static CrossCheck cross(String what, List<double[]> predictedMeasured) {
        double[] ape = predictedMeasured.stream().mapToDouble(p -> Stats.ape(p[0], p[1])).toArray();
        double[] ratio = predictedMeasured.stream().mapToDouble(p -> p[0] / p[1]).toArray();
        return new CrossCheck(what, ape.length, Stats.median(ape), Stats.p90(ape), Stats.median(ratio));
    }

    private static double[] concat(List<double[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        double[] out = new double[n];
        int i = 0;
        for (double[] a : parts) {
            System.arraycopy(a, 0, out, i, a.length);
            i += a.length;
        }
        return out;
    }

    /** The suite report of a result. */
    static SuiteReport report(Result r) {
        List<BoundCheck> checks = new ArrayList<>();
        List<List<String>> summary = new ArrayList<>();
        for (Cell c : r.cells()) {
            boolean bounded = c.family().bounded();
            if (bounded) {
                checks.add(new BoundCheck(c.family().label() + " on " + c.gpu() + ", in-sample median APE", c.inMedian(), MEDIAN_BOUND));
                checks.add(new BoundCheck(c.family().label() + " on " + c.gpu() + ", held-out median APE", c.outMedian(), MEDIAN_BOUND));
            }
            boolean ok = !bounded || c.inMedian() <= MEDIAN_BOUND && c.outMedian() <= MEDIAN_BOUND;
            summary.add(List.of(c.family().label(), c.gpu(), Integer.toString(c.rows()), pct(c.inMedian()), pct(c.inP90()),
                    pct(c.outMedian()), pct(c.outP90()), bounded ? (ok ? "ok" : "FAIL") : "(not bounded)"));
        }
        List<String> header = List.of("family", "GPU", "rows", "median % in", "p90 % in", "median % held-out",
                "p90 % held-out", "bound");
        List<List<String>> perTable = new ArrayList<>();
        for (TableErrors t : r.tables()) {
            perTable.add(List.of(t.family(), t.key(), Integer.toString(t.rows()), pct(t.inMedian()), pct(t.inP90()),
                    pct(t.outMedian()), pct(t.outP90()), t.file()));
        }
        List<List<String>> cross = new ArrayList<>();
        for (CrossCheck c : r.crossChecks()) {
            cross.add(List.of(c.what(), Integer.toString(c.rows()), pct(c.median()), pct(c.p90()),
                    String.format(Locale.ROOT, "%.2f", c.ratio())));
        }
        List<String> intro = List.of(
                "Calibrated op models (`org.tokenfab.hardware.cost`, parameters from `kernels-v1.yaml`) against every "
                        + "measured kernel row bundled in `validation/src/main/resources/org/tokenfab/validation/kernels/` "
                        + "(AIConfigurator vLLM 0.14/0.22/0.24 kernels, NCCL 2.27/2.29; APEX+ NCCL 2.18). APE = |predicted / "
                        + "measured - 1|. *In-sample*: the committed parameters against the rows they were fitted to. "
                        + "*Held-out*: " + FOLDS + "-fold cross-validation with whole curves held out (GEMM weight shapes, "
                        + "attention (heads, KV heads, batch) series, MoE (model, TP, EP) configurations, collective message "
                        + "sizes), each fold predicted by parameters refitted without it.",
                String.format(Locale.ROOT, "Bound: median APE <= %.0f%% per op family and GPU, in-sample and held out. "
                        + "Rows of all precisions, kernels and engine versions of a GPU are pooled in its cell.", MEDIAN_BOUND));
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "Reproducibility: a fresh fit differs from the committed calibration by at most "
                + "%.2g (relative, over every fitted number). Fit time %.0f s, validation %.0f s in total.",
                r.reproduction(), r.fresh().seconds(), r.seconds()));
        notes.add("The Vidur cross-check is independent data (Vidur's 2024 H100 profiles, older vLLM/Sarathi kernels in fp16): "
                + "it is reported, not bounded. Element-wise constants are fitted to Vidur's H100 norm/add/rotary/activation "
                + "rows, so their row in the per-table list is in-sample on Vidur.");
        notes.add("Coverage: GB200 has GEMM and all-reduce measurements only (its attention and MoE models are B200's); "
                + "MoE was measured on H200, B200 and (LLMServingSim) RTX PRO 6000 (H100, A100 and RTX 4090 use H200's). Engine versions per table are in the "
                + "per-table list and in kernels-v1.yaml.");
        notes.add("Decode attention has two kernel paths: FlashAttention 2 (the A100's vLLM 0.14) does not split an MHA "
                + "sequence's context over the SMs, so one thread block per (sequence, head) streams the whole context and the "
                + "longest sequence bounds the kernel; GQA takes the split-KV path, with a combine kernel. The model has a "
                + "longest-stream term and a floor per path, fitted per accelerator and engine.");
        notes.add("Validation hardware (rtx-4090, rtx-pro-6000): LLMServingSim's vLLM 0.19 operator profiles "
                + "(github.com/casys-kaist/LLMServingSim @5daddb2, MIT; enforce_eager, one-layer dummy-weight models): GEMM rows "
                + "are the qkv/o/gate_up/down projections of Llama-3.1-8B (both GPUs), Qwen3-32B and Qwen3-30B-A3B (RTX PRO "
                + "6000, TP1 and TP2 shapes); attention rows are whole vLLM attention layers, pure prefill (one sequence, no "
                + "prefix) and pure decode; its prefill cells hold out chunk lengths. The RTX PRO 6000 MoE rows are Qwen3-30B-A3B's "
                + "whole MoE block (bf16, TP1) with routing forced evenly over 8 to 128 activated experts, each written as "
                + "a balanced layer of that many experts, so its held-out folds are activated-expert counts. The RTX 4090 "
                + "has no MoE measurements and neither GPU has collective measurements (borrowed, see kernels-v1.yaml). "
                + "Their end-to-end serving traces are validation data and are not used here.");
        notes.add("Not used: the int8 NCCL rows (no engine all-reduces int8 activations) and the other three NCCL "
                + "collectives in AIConfigurator's nccl_perf.csv (the slice dropped the operation column); zero-byte APEX+ rows.");
        return new SuiteReport("kernels", "Kernel validation (op models vs measured kernels)", intro,
                List.of(new ReportTable("Median and 90th-percentile APE per op family and GPU", header, summary),
                        new ReportTable("Cross-check against Vidur (H100, not bounded)", List.of("what", "rows", "median %", "p90 %", "median predicted/measured"), cross),
                        new ReportTable("Per table", List.of("family", "table", "rows", "median % in", "p90 % in",
                                "median % held-out", "p90 % held-out", "data"), perTable)),
                checks, notes);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}
