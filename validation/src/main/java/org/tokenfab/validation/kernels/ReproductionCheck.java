package org.tokenfab.validation.kernels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tokenfab.hardware.cost.CollectiveParams;
import org.tokenfab.hardware.cost.DecodeAttentionParams;
import org.tokenfab.hardware.cost.Fitted;
import org.tokenfab.hardware.cost.GemmParams;
import org.tokenfab.hardware.cost.KernelCalibration;
import org.tokenfab.hardware.cost.MoeParams;
import org.tokenfab.hardware.cost.PrefillAttentionParams;
import org.tokenfab.hardware.cost.SystemCalibration;

/**
 * Whether two calibrations hold the same fitted numbers: every parameter flattened to a path,
 * compared relatively (correction log-factors absolutely: a difference of logs is already
 * relative). Structural differences (a table present in one only) count as infinite.
 */
final class ReproductionCheck {
    private ReproductionCheck() {
    }

    /** Largest difference over all fitted numbers; infinity if the structures differ. */
    static double maxRelativeDifference(KernelCalibration a, KernelCalibration b) {
        Map<String, Double> x = numbers(a);
        Map<String, Double> y = numbers(b);
        if (!x.keySet().equals(y.keySet())) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (Map.Entry<String, Double> e : x.entrySet()) {
            double u = e.getValue();
            double v = y.get(e.getKey());
            double d = e.getKey().contains("correction") ? Math.abs(u - v)
                    : Math.abs(u - v) / Math.max(1e-9, Math.max(Math.abs(u), Math.abs(v)));
            max = Math.max(max, d);
        }
        return max;
    }

    static Map<String, Double> numbers(KernelCalibration c) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (SystemCalibration s : c.systems().values()) {
            String p = s.id() + ".";
            s.reference().peakTflops().forEach((k, v) -> out.put(p + "peak." + k, v));
            out.put(p + "memory", s.reference().memoryTbS());
            out.put(p + "link", s.reference().linkGbS());
            s.gemm().forEach((k, list) -> list.forEach(f -> gemm(out, p + "gemm." + k + "." + f.source().engine(), f)));
            s.prefillAttention().forEach(f -> prefill(out, p + "prefill." + f.source().engine(), f));
            s.decodeAttention().forEach(f -> decode(out, p + "decode." + f.source().engine(), f));
            s.moe().forEach((k, list) -> list.forEach(f -> moe(out, p + "moe." + k + "." + f.source().engine(), f)));
            s.collectives().forEach((k, f) -> collective(out, p + k, f));
        }
        c.elementwise().forEach((kind, f) -> {
            out.put("elementwise." + kind + ".floor", f.params().floorNanos());
            out.put("elementwise." + kind + ".eff", f.params().memoryEfficiency());
        });
        out.put("cpu.step", c.cpuOverhead().params().stepNanos());
        out.put("cpu.seq", c.cpuOverhead().params().nanosPerSequence());
        return out;
    }

    private static void gemm(Map<String, Double> out, String p, Fitted<GemmParams> f) {
        GemmParams g = f.params();
        put(out, p, List.of(g.computeEfficiency(), g.mHalf(), g.nHalf(), g.kHalf(), g.memoryEfficiency(), g.floorNanos(),
                g.exponent()));
        correction(out, p, g.correction().logFactors());
    }

    private static void prefill(Map<String, Double> out, String p, Fitted<PrefillAttentionParams> f) {
        PrefillAttentionParams a = f.params();
        put(out, p, List.of(a.computeEfficiency(), a.computeEfficiencyFp8Kv(), a.lengthHalf(), a.parallelHalf(),
                a.memoryEfficiency(), a.floorNanos(), a.nanosPerSeqKvHead(), a.exponent()));
        correction(out, p, a.correction().logFactors());
    }

    private static void decode(Map<String, Double> out, String p, Fitted<DecodeAttentionParams> f) {
        DecodeAttentionParams a = f.params();
        put(out, p, List.of(a.memoryEfficiency(), a.memoryEfficiencyFp8Kv(), a.gqaFloorNanos(), a.mhaFloorNanos(),
                a.nanosPerSeqKvHead(), a.gqaStreamBandwidth(), a.mhaStreamBandwidth(), a.exponent()));
        correction(out, p, a.correction().logFactors());
    }

    private static void moe(Map<String, Double> out, String p, Fitted<MoeParams> f) {
        MoeParams m = f.params();
        put(out, p, List.of(m.computeEfficiency(), m.tokensPerExpertHalf(), m.widthHalf(), m.memoryEfficiency(),
                m.expertsHalf(), m.floorNanos(), m.hiddenBytesPerAssignment(), m.intermediateBytesPerAssignment(),
                m.exponent()));
        correction(out, p, m.correction().logFactors());
    }

    private static void collective(Map<String, Double> out, String p, Fitted<CollectiveParams> f) {
        out.put(p + ".exponent", f.params().exponent());
        for (CollectiveParams.Point pt : f.params().points()) {
            out.put(p + "." + pt.gpus() + ".alpha", pt.alphaNanos());
            out.put(p + "." + pt.gpus() + ".bus", pt.busBytesPerSecond());
        }
    }

    private static void put(Map<String, Double> out, String p, List<Double> values) {
        for (int i = 0; i < values.size(); i++) {
            out.put(p + "." + i, values.get(i));
        }
    }

    private static void correction(Map<String, Double> out, String p, double[] f) {
        for (int i = 0; i < f.length; i++) {
            out.put(p + ".correction." + i, f[i]);
        }
    }
}
