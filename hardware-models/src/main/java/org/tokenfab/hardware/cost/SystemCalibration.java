package org.tokenfab.hardware.cost;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything fitted for one measured accelerator: op-model parameters per table (several engine
 * versions may be present; the newest is used), the reference numbers the efficiencies are
 * relative to, and which ops it borrows from another measured accelerator because it has no
 * measurements of them.
 *
 * @param id TokenFab catalog id, e.g. {@code h100-sxm}
 * @param measuredAs the source's system name, e.g. {@code h100_sxm}
 * @param device the device name the source recorded
 * @param reference peaks and bandwidths the fitted efficiencies are fractions of
 * @param gemm GEMM tables by GEMM precision key ({@code bf16}, {@code fp8}, {@code fp8_block},
 *     {@code fp4})
 * @param prefillAttention prefill attention tables
 * @param decodeAttention decode attention tables
 * @param moe fused-MoE tables by precision key ({@code bf16}, {@code fp8}, {@code fp8_block})
 * @param collectives collective tables by key (see {@link #COLLECTIVE_KEYS})
 * @param borrowed op family ({@code gemm}, {@code prefill_attention}, {@code decode_attention},
 *     {@code moe}, {@code collectives}) to the id of the measured accelerator whose tables it uses instead
 */
public record SystemCalibration(String id, String measuredAs, String device, Reference reference,
        Map<String, List<Fitted<GemmParams>>> gemm, List<Fitted<PrefillAttentionParams>> prefillAttention,
        List<Fitted<DecodeAttentionParams>> decodeAttention, Map<String, List<Fitted<MoeParams>>> moe,
        Map<String, Fitted<CollectiveParams>> collectives, Map<String, String> borrowed) {

    public static final String ALL_REDUCE_NCCL = "all_reduce_nccl";
    public static final String ALL_REDUCE_CUSTOM_GRAPH = "all_reduce_custom_graph";
    public static final String ALL_REDUCE_CUSTOM_EAGER = "all_reduce_custom_eager";
    public static final String ALL_TO_ALL = "all_to_all";
    public static final String SEND_RECV = "send_recv";
    public static final List<String> COLLECTIVE_KEYS = List.of(ALL_REDUCE_NCCL, ALL_REDUCE_CUSTOM_GRAPH,
            ALL_REDUCE_CUSTOM_EAGER, ALL_TO_ALL, SEND_RECV);

    public static final String FAMILY_GEMM = "gemm";
    public static final String FAMILY_PREFILL = "prefill_attention";
    public static final String FAMILY_DECODE = "decode_attention";
    public static final String FAMILY_MOE = "moe";
    /**
     * Collectives: borrowed by a measured accelerator without collective measurements (PCIe cards
     * measured alone); the lender's fits are rescaled to the borrower's link bandwidth.
     */
    public static final String FAMILY_COLLECTIVES = "collectives";

    /**
     * Peaks and bandwidths of the measured accelerator as the TokenFab catalog stated them when
     * the fit ran: the fitted efficiencies are fractions of these.
     *
     * @param peakTflops dense peak by GEMM precision key, TFLOPS
     * @param memoryTbS memory bandwidth, TB/s
     * @param linkGbS scale-up bandwidth per direction, GB/s
     */
    public record Reference(Map<String, Double> peakTflops, double memoryTbS, double linkGbS) {
        public Reference {
            peakTflops = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(peakTflops, "peakTflops")));
            Params.positive("memory_tb_s", memoryTbS);
            Params.positive("link_gb_s", linkGbS);
        }
    }

    public SystemCalibration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(measuredAs, "measuredAs");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(reference, "reference");
        gemm = copy(gemm);
        prefillAttention = List.copyOf(prefillAttention);
        decodeAttention = List.copyOf(decodeAttention);
        moe = copy(moe);
        collectives = Collections.unmodifiableMap(new TreeMap<>(collectives));
        borrowed = Collections.unmodifiableMap(new TreeMap<>(borrowed));
    }

    private static <T> Map<String, List<T>> copy(Map<String, List<T>> m) {
        TreeMap<String, List<T>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    /** The table with the newest engine version of a list, or null if the list is empty. */
    static <P> Fitted<P> newest(List<Fitted<P>> tables) {
        Fitted<P> best = null;
        for (Fitted<P> f : tables) {
            if (best == null || compareVersions(f.source().engine(), best.source().engine()) > 0) {
                best = f;
            }
        }
        return best;
    }

    /** Compares "vllm 0.24.0" and "vllm 0.22.0" by their numeric version parts. */
    static int compareVersions(String a, String b) {
        String[] x = a.replaceAll("[^0-9.]", "").split("\\.");
        String[] y = b.replaceAll("[^0-9.]", "").split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length && !x[i].isEmpty() ? Integer.parseInt(x[i]) : 0;
            int yi = i < y.length && !y[i].isEmpty() ? Integer.parseInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }
}
