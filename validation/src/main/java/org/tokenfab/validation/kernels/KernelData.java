package org.tokenfab.validation.kernels;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The measured kernel tables bundled in this module ({@value #ROOT}, see its README), parsed into
 * rows per op family. The file list comes from {@code index.txt}, so nothing depends on classpath
 * scanning.
 *
 * <p>Interpretation of the sources (each checked where it can be):
 * <ul>
 *   <li>AIConfigurator latencies are in ms; NCCL {@code message_size} is in elements (its collector
 *       divides the byte size by the element size), so bytes = elements x 2 for {@code half} and
 *       x 1 for {@code int8}; custom all-reduce sizes are bfloat16 elements.
 *   <li>The slice of {@code nccl_perf.csv} dropped the operation column. The collector ran
 *       all-gather, all-to-all, reduce-scatter and all-reduce for each (dtype, GPUs) in that order,
 *       so the file holds four consecutive blocks per (dtype, GPUs). The fourth is taken as the
 *       all-reduce, and checked: at the largest message it must be the slowest block by at least
 *       1.2x (all-reduce moves 2(n-1)/n of the data, the others (n-1)/n; the closest case,
 *       B200 on 2 GPUs, is 1.24x). The other three blocks
 *       are not used.
 *   <li>Generation attention: {@code step} is the number of cached tokens; the new query attends
 *       to {@code step + 1} keys.
 *   <li>APEX+ sizes are KiB (x 1024 bytes), times us, FP16, NCCL 2.18.3 (its README); its
 *       zero-byte rows (launch latency only) are left out.
 *   <li>LLMServingSim (vLLM 0.19 operator profiles on RTX 4090 and RTX PRO 6000) arrives converted
 *       into AIConfigurator's GEMM and attention columns (see {@link KernelDataImport}); its
 *       attention times are one whole vLLM attention layer (kernel plus KV-cache write), not the
 *       bare kernel.
 *   <li>Vidur times are ms (medians of repeated runs), fp16; network sizes are bytes.
 * </ul>
 */
final class KernelData {
    static final String ROOT = "org/tokenfab/validation/kernels/";

    /** AIConfigurator system name to TokenFab catalog id. */
    static final Map<String, String> CATALOG_IDS = Map.of(
            "h100_sxm", "h100-sxm", "h200_sxm", "h200", "b200_sxm", "b200", "gb200", "gb200", "a100_sxm", "a100-80gb",
            "H100-SXM-80GB", "h100-sxm", "H200-SXM-141GB", "h200", "rtx_4090", "rtx-4090", "rtx_pro_6000", "rtx-pro-6000");

    /**
     * One measured table.
     *
     * @param family op family
     * @param system the source's system name
     * @param engine engine or library and version
     * @param variant what distinguishes tables of one family on one system
     * @param kernel kernel name(s) the source recorded
     * @param file path relative to {@link #ROOT}
     * @param rows the measurements
     */
    record Table<R>(Family family, String system, String engine, String variant, String kernel, String file,
            List<R> rows) {
        String catalogId() {
            return CATALOG_IDS.get(system);
        }

        /** "h100-sxm vllm 0.24.0 bf16". */
        String key() {
            return catalogId() + " " + engine + " " + variant;
        }
    }

    final List<Table<Rows.Gemm>> gemm = new ArrayList<>();
    final List<Table<Rows.Attention>> prefill = new ArrayList<>();
    final List<Table<Rows.Attention>> decode = new ArrayList<>();
    final List<Table<Rows.Moe>> moe = new ArrayList<>();
    final List<Table<Rows.Collective>> collectives = new ArrayList<>();
    final List<Rows.VidurOp> vidurOps = new ArrayList<>();
    final List<Rows.Cpu> vidurCpu = new ArrayList<>();
    final List<Rows.Collective> vidurAllReduce = new ArrayList<>();

    private KernelData() {
    }

    /** Loads every bundled table. */
    static KernelData load() {
        KernelData d = new KernelData();
        for (String file : index()) {
            List<Map<String, String>> rows = csv(file);
            String[] p = file.split("/");
            if (file.startsWith("aiconfigurator/") || file.startsWith("llmservingsim/data/")) {
                // aiconfigurator/data/<system>/<op>/<framework>/<version>/<name>.csv; LLMServingSim's
                // profiles converted by KernelDataImport into the same layout and columns
                String system = p[2];
                String engine = p[4] + " " + p[5];
                String name = p[6];
                switch (name) {
                    case "gemm_perf.csv" -> d.gemm(system, engine, file, rows);
                    case "context_attention_perf.csv" -> d.attention(d.prefill, Family.PREFILL_ATTENTION, system, engine, file, rows);
                    case "generation_attention_perf.csv" -> d.attention(d.decode, Family.DECODE_ATTENTION, system, engine, file, rows);
                    case "moe_perf.csv" -> d.moe(system, engine, file, rows);
                    case "nccl_perf.csv" -> d.nccl(system, engine, file, rows);
                    case "custom_allreduce_perf.csv" -> d.custom(system, engine, file, rows);
                    default -> throw new IllegalStateException("unknown AIConfigurator table " + file);
                }
            } else if (file.startsWith("apex-plus/")) {
                d.apex(p[3], p[4].replace(".csv", ""), file, rows);
            } else if (file.endsWith("mlp.csv")) {
                d.vidurOps(p[5] + "/" + p[6], rows);
            } else if (file.endsWith("cpu_overheads.csv")) {
                d.vidurCpu(rows);
            } else if (file.endsWith("h100_dgx/all_reduce.csv")) {
                for (Map<String, String> r : rows) {
                    d.vidurAllReduce.add(new Rows.Collective(integer(r, "num_workers"), num(r, "size"),
                            num(r, "time_stats.all_reduce.median") * 1e6));
                }
            }
        }
        return d;
    }

    private void gemm(String system, String engine, String file, List<Map<String, String>> rows) {
        Map<String, List<Rows.Gemm>> byType = new TreeMap<>();
        Map<String, Set<String>> kernels = new HashMap<>();
        for (Map<String, String> r : rows) {
            String variant = switch (r.get("gemm_dtype")) {
                case "bfloat16" -> "bf16";
                case "fp8" -> "fp8";
                case "fp8_block" -> "fp8_block";
                case "nvfp4" -> "fp4";
                default -> throw new IllegalStateException(file + ": unknown gemm_dtype " + r.get("gemm_dtype"));
            };
            byType.computeIfAbsent(variant, k -> new ArrayList<>())
                    .add(new Rows.Gemm(num(r, "m"), num(r, "n"), num(r, "k"), r.get("kernel_source"), ms(r)));
            kernels.computeIfAbsent(variant, k -> new LinkedHashSet<>()).add(r.get("kernel_source"));
        }
        byType.forEach((v, list) -> gemm.add(new Table<>(Family.GEMM, system, engine, v,
                String.join("+", kernels.get(v)), file, List.copyOf(list))));
    }

    private static void attention(List<Table<Rows.Attention>> out, Family family, String system, String engine,
            String file, List<Map<String, String>> rows) {
        List<Rows.Attention> list = new ArrayList<>();
        Set<String> kv = new LinkedHashSet<>();
        Set<String> kernels = new LinkedHashSet<>();
        for (Map<String, String> r : rows) {
            boolean fp8 = r.get("kv_cache_dtype").equals("fp8");
            kv.add(fp8 ? "fp8" : "bf16");
            kernels.add(r.get("kernel_source"));
            list.add(new Rows.Attention(num(r, "batch_size"), num(r, "isl"), num(r, "num_heads"),
                    num(r, "num_key_value_heads"), integer(r, "head_dim"), num(r, "step"), fp8, ms(r)));
        }
        out.add(new Table<>(family, system, engine, "kv " + String.join("+", kv), String.join("+", kernels), file,
                List.copyOf(list)));
    }

    private void moe(String system, String engine, String file, List<Map<String, String>> rows) {
        Map<String, List<Rows.Moe>> byType = new TreeMap<>();
        for (Map<String, String> r : rows) {
            if (!r.get("distribution").equals("balanced")) {
                continue;
            }
            String variant = r.get("moe_dtype").equals("bfloat16") ? "bf16" : r.get("moe_dtype");
            byType.computeIfAbsent(variant, k -> new ArrayList<>()).add(new Rows.Moe(num(r, "num_tokens"),
                    integer(r, "hidden_size"), integer(r, "inter_size"), integer(r, "topk"), integer(r, "num_experts"),
                    integer(r, "moe_tp_size"), integer(r, "moe_ep_size"), ms(r)));
        }
        byType.forEach((v, list) -> moe.add(new Table<>(Family.MOE, system, engine, v, "vllm_fused_moe", file,
                List.copyOf(list))));
    }

    private void nccl(String system, String engine, String file, List<Map<String, String>> rows) {
        // Four consecutive blocks per (dtype, gpus); the fourth is the all-reduce (see class comment).
        Map<String, List<List<Rows.Collective>>> blocks = new LinkedHashMap<>();
        String previous = null;
        for (Map<String, String> r : rows) {
            String key = r.get("nccl_dtype") + "," + r.get("num_gpus");
            if (!key.equals(previous)) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(new ArrayList<>());
                previous = key;
            }
            double bytesPerElement = r.get("nccl_dtype").equals("half") ? 2 : 1;
            List<List<Rows.Collective>> b = blocks.get(key);
            b.get(b.size() - 1).add(new Rows.Collective(integer(r, "num_gpus"), num(r, "message_size") * bytesPerElement, ms(r)));
        }
        Map<String, List<Rows.Collective>> byType = new TreeMap<>();
        for (Map.Entry<String, List<List<Rows.Collective>>> e : blocks.entrySet()) {
            List<List<Rows.Collective>> b = e.getValue();
            if (b.size() != 4) {
                throw new IllegalStateException(file + ": expected 4 collective blocks for " + e.getKey() + ", found " + b.size());
            }
            double allReduce = largest(b.get(3));
            for (int i = 0; i < 3; i++) {
                if (allReduce < 1.2 * largest(b.get(i))) {
                    throw new IllegalStateException(file + ": block 4 of " + e.getKey()
                            + " is not clearly the all-reduce; the operation order assumption no longer holds");
                }
            }
            // Only the 16-bit all-reduce: engines all-reduce BF16/FP16 activations; the int8 rows
            // (the collector's second dtype) serve no TokenFab op and are not used.
            String dtype = e.getKey().split(",")[0];
            if (dtype.equals("half")) {
                byType.computeIfAbsent(dtype, k -> new ArrayList<>()).addAll(b.get(3));
            }
        }
        byType.forEach((dtype, list) -> collectives.add(new Table<>(Family.ALL_REDUCE, system, engine,
                "all_reduce_nccl", "NCCL all_reduce (half)", file, List.copyOf(list))));
    }

    private static double largest(List<Rows.Collective> rows) {
        Rows.Collective max = rows.get(0);
        for (Rows.Collective r : rows) {
            if (r.bytes() > max.bytes()) {
                max = r;
            }
        }
        return max.nanos();
    }

    private void custom(String system, String engine, String file, List<Map<String, String>> rows) {
        Map<String, List<Rows.Collective>> byKind = new TreeMap<>();
        for (Map<String, String> r : rows) {
            String kind = r.get("kernel_source").equals("vLLM_custom_graph") ? "all_reduce_custom_graph"
                    : "all_reduce_custom_eager";
            byKind.computeIfAbsent(kind, k -> new ArrayList<>())
                    .add(new Rows.Collective(integer(r, "num_gpus"), num(r, "message_size") * 2, ms(r)));
        }
        byKind.forEach((kind, list) -> collectives.add(new Table<>(Family.ALL_REDUCE, system, engine, kind,
                kind.endsWith("graph") ? "vLLM_custom_graph" : "vLLM_custom_eager", file, List.copyOf(list))));
    }

    private void apex(String gpu, String op, String file, List<Map<String, String>> rows) {
        List<Rows.Collective> list = new ArrayList<>();
        for (Map<String, String> r : rows) {
            // Zero-byte calls time only the launch; the alpha-beta form has no term for them.
            if (num(r, "size(kb)") > 0) {
                list.add(new Rows.Collective(integer(r, "num_gpus_per_node"), num(r, "size(kb)") * 1024, num(r, "time(us)") * 1e3));
            }
        }
        String variant = switch (op) {
            case "alltoall" -> "all_to_all";
            case "sendrecv" -> "send_recv";
            default -> op + "_apex";
        };
        collectives.add(new Table<>(Family.OTHER_COLLECTIVES, gpu, "nccl 2.18.3", variant, "NCCL " + op, file,
                List.copyOf(list)));
    }

    private void vidurOps(String model, List<Map<String, String>> rows) {
        for (Map<String, String> r : rows) {
            for (String op : List.of("attn_pre_proj", "attn_post_proj", "mlp_up_proj", "mlp_down_proj", "input_layernorm",
                    "post_attention_layernorm", "attn_rope", "mlp_act", "add")) {
                String v = r.get("time_stats." + op + ".median");
                if (v == null || v.isEmpty()) {
                    continue;
                }
                vidurOps.add(new Rows.VidurOp(model, op, integer(r, "num_tensor_parallel_workers"), num(r, "num_tokens"),
                        integer(r, "n_embd"), integer(r, "n_expanded_embd"), integer(r, "n_head"), integer(r, "n_kv_head"),
                        Boolean.parseBoolean(r.get("use_gated_mlp").toLowerCase(java.util.Locale.ROOT)),
                        Double.parseDouble(v) * 1e6));
            }
        }
    }

    private void vidurCpu(List<Map<String, String>> rows) {
        for (Map<String, String> r : rows) {
            double ms = num(r, "schedule_median") + num(r, "prepare_inputs_e2e_median")
                    + num(r, "model_execution_launch_median");
            vidurCpu.add(new Rows.Cpu(r.get("model_name"), integer(r, "tensor_parallel_degree"), integer(r, "batch_size"),
                    ms * 1e6));
        }
    }

    private static double ms(Map<String, String> r) {
        return num(r, "latency") * 1e6;
    }

    private static double num(Map<String, String> r, String col) {
        String v = r.get(col);
        if (v == null) {
            throw new IllegalStateException("missing column " + col + " in " + r.keySet());
        }
        return Double.parseDouble(v);
    }

    private static int integer(Map<String, String> r, String col) {
        return (int) Math.round(num(r, col));
    }

    static List<String> index() {
        List<String> files = new ArrayList<>();
        try (BufferedReader in = reader(ROOT + "index.txt")) {
            for (String line; (line = in.readLine()) != null;) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    files.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** A CSV file as rows of column name to value (no quoting in these files). */
    static List<Map<String, String>> csv(String file) {
        List<Map<String, String>> rows = new ArrayList<>();
        try (BufferedReader in = reader(ROOT + file)) {
            String[] header = in.readLine().split(",", -1);
            for (String line; (line = in.readLine()) != null;) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.length && i < f.length; i++) {
                    row.put(header[i], f[i]);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
        return rows;
    }

    private static BufferedReader reader(String resource) {
        InputStream in = KernelData.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("bundled kernel data " + resource + " is missing from the classpath");
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
