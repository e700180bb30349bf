package org.tokenfab.validation.kernels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies (and where needed slices) the measured kernel data the calibration and the kernel
 * validation read from the shared reference folder into this module's resources, so a clone of
 * TokenFab has everything it needs. Rerunnable: the output depends only on the input files.
 *
 * <pre>
 *   ./mvnw -q -o -pl validation compile
 *   java -cp validation/target/classes org.tokenfab.validation.kernels.KernelDataImport \
 *        ../shared/reference validation/src/main/resources/org/tokenfab/validation/kernels
 * </pre>
 *
 * <p>What it does:
 * <ul>
 *   <li>AIConfigurator ({@code kernels/aiconfigurator/}): every data CSV and
 *       {@code collection_meta.yaml}, the system YAMLs and {@code slice_manifest.csv}, verbatim.
 *   <li>APEX+ ({@code collectives/apex-plus/profile/comm/}): the H100 and H200 NCCL tables,
 *       verbatim.
 *   <li>Vidur ({@code vidur/}): the H100 per-operator tables {@code compute/h100/&#42;/&#42;/mlp.csv}
 *       reduced to the shape columns and the {@code median} time columns (Vidur trains on the
 *       medians; min/max/mean/std are dropped, which brings each file from ~700 KB to ~100 KB);
 *       {@code a100/cpu_overheads.csv} and the H100 DGX {@code all_reduce.csv} and
 *       {@code send_recv.csv} reduced to their median, size and group-size columns; its LICENSE.
 *   <li>LLMServingSim ({@code serving/llmservingsim/profiler/perf/}, RTX 4090 and RTX PRO 6000 only;
 *       calibration data only: its end-to-end serving traces in {@code bench/examples/} are validation
 *       data and are never read here): each model's {@code meta.yaml}, {@code tpN/dense.csv},
 *       {@code tpN/per_sequence.csv} and {@code tpN/moe.csv} verbatim under {@code llmservingsim/profiler/};
 *       and converted into AIConfigurator's row formats under
 *       {@code llmservingsim/data/<system>/<op>/vllm/0.19.0/}: the four projections of
 *       {@code dense.csv} as GEMM rows ({@code m} = tokens, {@code n}, {@code k} from the model's shapes
 *       divided by the TP degree, see {@link #SHAPES}; latency us to ms), and the pure rows of
 *       {@code tp1/attention.csv} as attention rows: prefill = {@code n_decode = 0, kv_prefill = 0}
 *       (one sequence of {@code prefill_chunk} new tokens, {@code step} 0), decode =
 *       {@code prefill_chunk = 0, kv_prefill = 0} ({@code n_decode} sequences each with
 *       {@code kv_decode} cached tokens: {@code step = kv_decode}). Mixed rows are not converted.
 *       {@code tpN/moe.csv} (RTX PRO 6000, Qwen3-30B-A3B TP1) as fused-MoE rows: the profiler's forced
 *       routing spreads {@code tokens x topk} assignments evenly over {@code activated_experts}
 *       experts, written as a balanced layer of {@code num_experts = activated_experts} (see
 *       {@link #moeRows}).
 *   <li>Any output over {@value #MAX_BYTES} bytes is split into {@code name.partN.csv} files,
 *       each with the header (none is, at present).
 *   <li>Writes {@code index.txt} (every data file, for the loader: no classpath scanning) and
 *       {@code MANIFEST.csv} (output, source, transform, rows, SHA-256 of source and output).
 * </ul>
 * The README and licence files next to the data are written by hand and not touched.
 */
public final class KernelDataImport {
    /** Largest resource file allowed in the repository, bytes. */
    static final long MAX_BYTES = 1_000_000;

    private final Path from;
    private final Path to;
    private final List<String> index = new ArrayList<>();
    private final List<String> manifest = new ArrayList<>();

    private KernelDataImport(Path from, Path to) {
        this.from = from;
        this.to = to;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: KernelDataImport SHARED_REFERENCE_DIR OUTPUT_DIR");
            System.exit(2);
        }
        int files = run(Path.of(args[0]), Path.of(args[1]));
        System.out.println("wrote " + files + " data files to " + args[1]);
    }

    /** Imports everything; returns the number of data files written. */
    static int run(Path from, Path to) throws IOException {
        KernelDataImport imp = new KernelDataImport(from, to);
        imp.aiconfigurator();
        imp.apexPlus();
        imp.vidur();
        imp.llmServingSim();
        imp.manifest.add(0, "output,source,transform,rows,source_sha256,output_sha256");
        Files.writeString(to.resolve("MANIFEST.csv"), String.join("\n", imp.manifest) + "\n", StandardCharsets.UTF_8);
        Files.writeString(to.resolve("index.txt"), "# Data files of the kernel calibration, written by KernelDataImport.\n"
                + String.join("\n", imp.index) + "\n", StandardCharsets.UTF_8);
        return imp.index.size();
    }

    private void aiconfigurator() throws IOException {
        Path root = from.resolve("kernels/aiconfigurator");
        for (Path p : sorted(root)) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            if (rel.endsWith(".csv") || rel.endsWith(".yaml")) {
                copy(p, "aiconfigurator/" + rel, rel.startsWith("data/") && rel.endsWith(".csv"));
            }
        }
    }

    private void apexPlus() throws IOException {
        Path root = from.resolve("collectives/apex-plus");
        for (String gpu : List.of("H100-SXM-80GB", "H200-SXM-141GB")) {
            for (Path p : sorted(root.resolve("profile/comm/" + gpu))) {
                copy(p, "apex-plus/" + root.relativize(p).toString().replace('\\', '/'), true);
            }
        }
    }

    private void vidur() throws IOException {
        Path root = from.resolve("vidur");
        copy(root.resolve("LICENSE"), "vidur/LICENSE", false);
        for (Path p : sorted(root.resolve("data/profiling/compute/h100"))) {
            if (p.getFileName().toString().equals("mlp.csv")) {
                keepColumns(p, "vidur/" + root.relativize(p).toString().replace('\\', '/'),
                        c -> !c.startsWith("time_stats.") || c.endsWith(".median"), "median and shape columns");
            }
        }
        keepColumns(root.resolve("data/profiling/a100/cpu_overheads.csv"), "vidur/data/profiling/a100/cpu_overheads.csv",
                c -> c.endsWith("_median") || c.equals("model_name") || c.equals("batch_size")
                        || c.equals("tensor_parallel_degree"), "median, model, batch and TP columns");
        for (String op : List.of("all_reduce", "send_recv")) {
            String rel = "data/profiling/network/h100_dgx/" + op + ".csv";
            keepColumns(root.resolve(rel), "vidur/" + rel,
                    c -> c.endsWith(".median") || c.equals("num_workers") || c.equals("size")
                            || c.equals("devices_per_node"), "median, size and group-size columns");
        }
    }

    /**
     * Per-model shapes of the LLMServingSim profiles (from each model's Hugging Face
     * {@code config.json}, as in TokenFab's model catalog): hidden, query heads, KV heads, head dim,
     * dense MLP intermediate size (0: no dense MLP). Checked against each {@code meta.yaml}'s
     * {@code hf_overrides} (which hold the shapes divided by its largest TP degree).
     */
    static final java.util.Map<String, int[]> SHAPES = java.util.Map.of(
            "meta-llama/Llama-3.1-8B", new int[] {4096, 32, 8, 128, 14336},
            "Qwen/Qwen3-32B", new int[] {5120, 64, 8, 128, 25600},
            "Qwen/Qwen3-30B-A3B-Instruct-2507", new int[] {2048, 32, 4, 128, 0});
    /** LLMServingSim hardware folder to the system name used in the converted paths. */
    static final java.util.Map<String, String> LSS_SYSTEMS = java.util.Map.of("RTX4090", "rtx_4090",
            "RTXPRO6000", "rtx_pro_6000");
    static final String LSS_ENGINE = "vllm/0.19.0";

    private void llmServingSim() throws IOException {
        Path root = from.resolve("serving/llmservingsim/profiler/perf");
        for (String hw : List.of("RTX4090", "RTXPRO6000")) {
            StringBuilder gemm = new StringBuilder("kernel_source,gemm_dtype,m,n,k,latency,model,tp,layer\n");
            StringBuilder prefill = new StringBuilder(ATTENTION_HEADER);
            StringBuilder decode = new StringBuilder(ATTENTION_HEADER);
            List<Path> sources = new ArrayList<>();
            List<Path> attentionSources = new ArrayList<>();
            StringBuilder moe = new StringBuilder(MOE_HEADER);
            List<Path> moeSources = new ArrayList<>();
            for (Path meta : sorted(root.resolve(hw))) {
                if (!meta.getFileName().toString().equals("meta.yaml")) {
                    continue;
                }
                Path bf16 = meta.getParent();
                String model = root.resolve(hw).relativize(bf16.getParent()).toString().replace('\\', '/');
                int[] shape = SHAPES.get(model);
                if (shape == null) {
                    throw new IllegalStateException("no shapes for LLMServingSim model " + model);
                }
                int maxTp = checkMeta(meta, model, shape);
                copy(meta, "llmservingsim/" + rel(root, meta), false);
                for (int tp = 1; tp <= maxTp; tp *= 2) {
                    Path dir = bf16.resolve("tp" + tp);
                    for (String f : List.of("dense.csv", "per_sequence.csv", "moe.csv")) {
                        if (Files.exists(dir.resolve(f))) {
                            copy(dir.resolve(f), "llmservingsim/" + rel(root, dir.resolve(f)), false);
                        }
                    }
                    sources.add(dir.resolve("dense.csv"));
                    gemmRows(dir.resolve("dense.csv"), model, shape, tp, gemm);
                    Path attention = dir.resolve("attention.csv");
                    if (tp == 1 && Files.exists(attention)) {
                        attentionSources.add(attention);
                        attentionRows(attention, model, shape, prefill, decode);
                    }
                    Path moeCsv = dir.resolve("moe.csv");
                    if (Files.exists(moeCsv)) {
                        moeSources.add(moeCsv);
                        moeRows(meta, moeCsv, model, tp, moe);
                    }
                }
            }
            String base = "llmservingsim/data/" + LSS_SYSTEMS.get(hw) + "/";
            converted(sources, base + "gemm/" + LSS_ENGINE + "/gemm_perf.csv", gemm,
                    "GEMM rows from the qkv/o/gate_up/down projections of dense.csv (n and k from model shapes / tp; us to ms)");
            converted(attentionSources, base + "attention/" + LSS_ENGINE + "/context_attention_perf.csv", prefill,
                    "prefill rows of tp1/attention.csv with n_decode = 0 and kv_prefill = 0 (us to ms)");
            converted(attentionSources, base + "attention/" + LSS_ENGINE + "/generation_attention_perf.csv", decode,
                    "decode rows of tp1/attention.csv with prefill_chunk = 0 and kv_prefill = 0; step = kv_decode (us to ms)");
            converted(moeSources, base + "moe/" + LSS_ENGINE + "/moe_perf.csv", moe,
                    "fused-MoE rows of moe.csv: num_experts = activated_experts (balanced cyclic routing over the "
                            + "activated experts; hidden/inter/topk from MOE_SHAPES; moe_tp_size = tp; us to ms)");
        }
    }

    /**
     * MoE shapes of the LLMServingSim MoE models (Hugging Face {@code config.json}, as in TokenFab's
     * model catalog): expert width ({@code moe_intermediate_size}), routed experts, top-k.
     */
    static final java.util.Map<String, int[]> MOE_SHAPES = java.util.Map.of(
            "Qwen/Qwen3-30B-A3B-Instruct-2507", new int[] {768, 128, 8});

    /** AIConfigurator's fused-MoE columns (power left out) plus the provenance of the expert count. */
    static final String MOE_HEADER = "kernel_source,moe_dtype,num_tokens,hidden_size,inter_size,topk,num_experts,"
            + "moe_tp_size,moe_ep_size,distribution,latency,model,model_num_experts\n";

    /**
     * Converts {@code moe.csv} ({@code tokens, activated_experts, time_us}). LLMServingSim's profiler
     * forces the routing: token {@code t}'s {@code j}-th choice is expert
     * {@code (t topk + j) mod activated_experts}, so the {@code tokens x topk} assignments are spread
     * evenly over exactly {@code activated_experts} experts and every token hits {@code topk}
     * distinct ones. That is the balanced routing of a layer with {@code activated_experts} experts,
     * which is how the row is written ({@code num_experts = activated_experts},
     * {@code distribution = balanced}; the model's own expert count is kept in
     * {@code model_num_experts}). The assumption: the idle experts (resident weights that receive no
     * token) cost nothing in the fused kernel. Rows are checked to be exactly balanced
     * ({@code tokens x topk} a multiple of {@code activated_experts}, {@code topk <=
     * activated_experts <= min(experts, tokens x topk)}).
     */
    private static void moeRows(Path meta, Path moeCsv, String model, int tp, StringBuilder out) throws IOException {
        int[] s = SHAPES.get(model);
        int[] m = MOE_SHAPES.get(model);
        if (m == null) {
            throw new IllegalStateException("no MoE shapes for LLMServingSim model " + model);
        }
        if (!Files.readString(meta, StandardCharsets.UTF_8).contains("architecture: qwen3_moe")) {
            throw new IllegalStateException(meta + ": expected a qwen3_moe architecture beside " + moeCsv);
        }
        List<String> lines = Files.readAllLines(moeCsv, StandardCharsets.UTF_8);
        if (!lines.get(0).equals("tokens,activated_experts,time_us")) {
            throw new IllegalStateException(moeCsv + ": unexpected header " + lines.get(0));
        }
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            long tokens = Long.parseLong(f[0]);
            long active = Long.parseLong(f[1]);
            long assignments = tokens * m[2];
            if (active < m[2] || active > Math.min(m[1], assignments) || assignments % active != 0) {
                throw new IllegalStateException(moeCsv + ": row " + line + " is not an exactly balanced routing of "
                        + tokens + " tokens x top-" + m[2] + " over " + active + " of " + m[1] + " experts");
            }
            out.append(String.join(",", "vllm_fused_moe", "bfloat16", f[0], Integer.toString(s[0]), Integer.toString(m[0]),
                    Integer.toString(m[2]), f[1], Integer.toString(tp), "1", "balanced", ms(f[2]), model,
                    Integer.toString(m[1]))).append('\n');
        }
    }

    static final String ATTENTION_HEADER =
            "kernel_source,batch_size,isl,num_heads,num_key_value_heads,head_dim,kv_cache_dtype,step,latency,model\n";

    private static String rel(Path root, Path p) {
        return root.getParent().getParent().relativize(p).toString().replace('\\', '/');
    }

    /** Checks meta.yaml's vLLM version and its hf_overrides against {@link #SHAPES}; returns the largest TP degree. */
    private static int checkMeta(Path meta, String model, int[] shape) throws IOException {
        String text = Files.readString(meta, StandardCharsets.UTF_8);
        if (!text.contains("vllm_version: 0.19.0") || !text.contains("variant: bf16")) {
            throw new IllegalStateException(meta + ": expected vLLM 0.19.0 bf16 profiles");
        }
        java.util.regex.Matcher tps = java.util.regex.Pattern.compile("tp_degrees: \\[([0-9, ]+)\\]").matcher(text);
        if (!tps.find()) {
            throw new IllegalStateException(meta + ": no tp_degrees");
        }
        int maxTp = 1;
        for (String t : tps.group(1).split(",")) {
            maxTp = Math.max(maxTp, Integer.parseInt(t.strip()));
        }
        int heads = yamlInt(text, "num_attention_heads");
        int kv = yamlInt(text, "num_key_value_heads");
        if (heads * maxTp != shape[1] || kv * maxTp != shape[2]) {
            throw new IllegalStateException(meta + ": hf_overrides heads " + heads + "/" + kv + " x tp " + maxTp
                    + " do not match the shapes of " + model);
        }
        if (shape[4] > 0 && yamlInt(text, "intermediate_size") * maxTp != shape[4]) {
            throw new IllegalStateException(meta + ": hf_overrides intermediate_size does not match " + model);
        }
        return maxTp;
    }

    private static int yamlInt(String text, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(key + ": ([0-9]+)").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + key);
        }
        return Integer.parseInt(m.group(1));
    }

    private static void gemmRows(Path dense, String model, int[] s, int tp, StringBuilder out) throws IOException {
        double hidden = s[0];
        double q = (double) s[1] * s[3] / tp;
        double kvDim = (double) s[2] * s[3] / tp;
        double ffn = (double) s[4] / tp;
        List<String> lines = Files.readAllLines(dense, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            double[] nk = switch (f[0]) {
                case "qkv_proj" -> new double[] {q + 2 * kvDim, hidden};
                case "o_proj" -> new double[] {hidden, q};
                case "gate_up_proj" -> new double[] {2 * ffn, hidden};
                case "down_proj" -> new double[] {hidden, ffn};
                default -> null;
            };
            if (nk == null) {
                continue;
            }
            out.append(String.join(",", "vllm_linear_bf16", "bfloat16", f[1], fmt(nk[0]), fmt(nk[1]),
                    ms(f[2]), model, Integer.toString(tp), f[0])).append('\n');
        }
    }

    private static void attentionRows(Path attention, String model, int[] s, StringBuilder prefill, StringBuilder decode)
            throws IOException {
        List<String> lines = Files.readAllLines(attention, StandardCharsets.UTF_8);
        if (!lines.get(0).equals("prefill_chunk,kv_prefill,n_decode,kv_decode,time_us")) {
            throw new IllegalStateException(attention + ": unexpected header " + lines.get(0));
        }
        String heads = s[1] + "," + s[2] + "," + s[3] + ",bfloat16,";
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            long chunk = Long.parseLong(f[0]);
            long kvPrefill = Long.parseLong(f[1]);
            long nDecode = Long.parseLong(f[2]);
            long kvDecode = Long.parseLong(f[3]);
            if (kvPrefill != 0) {
                continue;
            }
            if (nDecode == 0 && chunk > 0) {
                prefill.append("vllm_attention_layer,1,").append(chunk).append(',').append(heads).append("0,")
                        .append(ms(f[4])).append(',').append(model).append('\n');
            } else if (chunk == 0 && nDecode > 0 && kvDecode > 0) {
                decode.append("vllm_attention_layer,").append(nDecode).append(",1,").append(heads).append(kvDecode)
                        .append(',').append(ms(f[4])).append(',').append(model).append('\n');
            }
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Microseconds (text) to milliseconds (text), exact in decimal. */
    private static String ms(String micros) {
        return new java.math.BigDecimal(micros.strip()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    /** Writes a converted data file; its manifest source is the first input, with the others' count. */
    private void converted(List<Path> sources, String out, StringBuilder text, String transform) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        byte[] in = concatenated(sources);
        String what = transform + (sources.size() > 1 ? "; from " + sources.size() + " files: "
                + String.join(" + ", sources.stream().map(p -> from.relativize(p).toString().replace('\\', '/')).toList())
                : "");
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        Path target = to.resolve(out);
        Files.createDirectories(target.getParent());
        Files.write(target, bytes);
        manifest.add(String.join(",", out, from.relativize(sources.get(0)).toString().replace('\\', '/'),
                what, Long.toString(count(bytes) - 1), sha256(in), sha256(bytes)));
        index.add(out);
    }

    private static byte[] concatenated(List<Path> files) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (Path p : files) {
            b.write(Files.readAllBytes(p));
        }
        return b.toByteArray();
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private void copy(Path source, String out, boolean data) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        write(source, out, bytes, "copy", data);
    }

    private void keepColumns(Path source, String out, java.util.function.Predicate<String> keep, String what)
            throws IOException {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<Integer> cols = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            if (!header[i].isEmpty() && keep.test(header[i])) {
                cols.add(i);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            for (int j = 0; j < cols.size(); j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append(f[cols.get(j)]);
            }
            sb.append('\n');
        }
        write(source, out, sb.toString().getBytes(StandardCharsets.UTF_8), "keep " + what, true);
    }

    private void write(Path source, String out, byte[] bytes, String transform, boolean data) throws IOException {
        String sourceRel = from.relativize(source).toString().replace('\\', '/');
        List<byte[]> parts = split(bytes);
        for (int i = 0; i < parts.size(); i++) {
            String name = parts.size() == 1 ? out : out.replaceFirst("\\.csv$", ".part" + (i + 1) + ".csv");
            Path target = to.resolve(name);
            Files.createDirectories(target.getParent());
            Files.write(target, parts.get(i));
            long rows = data ? count(parts.get(i)) - 1 : 0;
            manifest.add(String.join(",", name, sourceRel, parts.size() == 1 ? transform : transform + "; split",
                    Long.toString(rows), sha256(bytes), sha256(parts.get(i))));
            if (data) {
                index.add(name);
            }
        }
    }

    /** Splits a CSV over {@link #MAX_BYTES} at line ends, repeating the header. */
    static List<byte[]> split(byte[] bytes) {
        if (bytes.length <= MAX_BYTES) {
            return List.of(bytes);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int headerEnd = text.indexOf('\n') + 1;
        String header = text.substring(0, headerEnd);
        List<byte[]> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder(header);
        for (String line : text.substring(headerEnd).split("\n")) {
            if (part.length() + line.length() + 1 > MAX_BYTES - 1000 && part.length() > header.length()) {
                parts.add(part.toString().getBytes(StandardCharsets.UTF_8));
                part = new StringBuilder(header);
            }
            part.append(line).append('\n');
        }
        parts.add(part.toString().getBytes(StandardCharsets.UTF_8));
        return parts;
    }

    private static long count(byte[] bytes) {
        long n = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
