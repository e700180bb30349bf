package org.tokenfab.validation.serving;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Precision;

/**
 * Derives the serving validation cases from the shared reference data, so that a clone of
 * TokenFab carries them (with their licences) and anyone can regenerate them:
 *
 * <pre>
 *   ./mvnw -q -o -pl validation -am install -DskipTests
 *   ./mvnw -q -pl validation dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 *   java -cp "validation/target/classes:$(cat validation/target/classpath.txt)" \
 *        org.tokenfab.validation.serving.ServingDataImport \
 *        ../shared/reference validation/src/main/resources/org/tokenfab/validation/serving
 * </pre>
 * (or run the class from an IDE). What it writes:
 * <ul>
 *   <li>{@code llmservingsim/<gpu>-<model>.csv}: each measured vLLM 0.19 run's 300 requests as a
 *       BurstGPT-format trace (engine-clock arrival {@code queued_ts} minus the first one, input and
 *       output tokens) plus the measured {@code TTFT s} (first token minus queued) and
 *       {@code Last token s} columns the suite compares against;
 *   <li>{@code cases/llmservingsim-*.yaml}: one trace-replay case per run, its scenario written
 *       from the run's engine arguments ({@code meta.json}) and, where vLLM reported it, the KV
 *       blocks it resolved;
 *   <li>{@code cases/splitwise-*.yaml}: one static-batch case per (model, hardware, tensor
 *       parallelism) of Llama2-70B and BLOOM-176B, each point the median of the repetitions; the
 *       engine profile is fitted on Llama2-70B's only, BLOOM's are held out whole (left out:
 *       every group that is another group's rows rescaled rather than measured,
 *       {@link #derivedFrom}: the "power-capped H100" rows are the H100 rows with every prefill
 *       time times 1.30 and every decode time unchanged, repetition by repetition);
 *   <li>{@code cases/index.txt}: the case files, sorted.
 * </ul>
 * The licence files and README beside the data are written by hand.
 * Output depends only on the input files (sorted, fixed formats), so rerunning it is a no-op.
 */
public final class ServingDataImport {
    static final String LLMSERVINGSIM_COMMIT = "5daddb21a545658d5150b535712d0494584b5278";
    static final String SPLITWISE_COMMIT = "8f99e7dc9b407f4ce2488d03dd44c0b8b946dab0";
    /** SplitwiseSim's model names and their catalog ids. */
    private static final Map<String, String> SPLITWISE_MODELS = Map.of("llama2-70b", "llama-2-70b", "bloom-176b", "bloom-176b");
    /** The one model whose Splitwise cases fit the engine profile (even points); the others are held out whole. */
    private static final String SPLITWISE_FITTED_MODEL = "llama-2-70b";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The four LLMServingSim runs: folder, our accelerator and model ids, what ran. */
    private record Run(String folder, String accelerator, String model, String hardware) {
    }

    private static final List<Run> RUNS = List.of(
            new Run("RTX4090/Llama-3.1-8B", "rtx-4090", "llama-3.1-8b", "1x NVIDIA GeForce RTX 4090 24 GB"),
            new Run("RTXPRO6000/Llama-3.1-8B", "rtx-pro-6000", "llama-3.1-8b", "1x NVIDIA RTX PRO 6000 Blackwell Server 96 GB"),
            new Run("RTXPRO6000/Qwen3-32B", "rtx-pro-6000", "qwen3-32b", "2x NVIDIA RTX PRO 6000 Blackwell Server (PCIe), TP2"),
            new Run("RTXPRO6000/Qwen3-30B-A3B-Instruct-2507", "rtx-pro-6000", "qwen3-30b-a3b",
                    "2x NVIDIA RTX PRO 6000 Blackwell Server (PCIe), DP2 + EP2"));

    private final Path from;
    private final Path to;

    private ServingDataImport(Path from, Path to) {
        this.from = from;
        this.to = to;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ServingDataImport SHARED_REFERENCE_DIR OUTPUT_DIR");
            System.exit(2);
        }
        ServingDataImport in = new ServingDataImport(Path.of(args[0]), Path.of(args[1]));
        Files.createDirectories(in.to.resolve("cases"));
        Files.createDirectories(in.to.resolve("llmservingsim"));
        for (Run run : RUNS) {
            in.llmServingSim(run);
        }
        in.splitwise();
        in.trtllm();
        in.index();
    }

    /** {@code cases/index.txt}: every case file, sorted (the loader reads this list, no classpath scanning). */
    private void index() throws IOException {
        List<String> names;
        try (var files = Files.list(to.resolve("cases"))) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
        Files.writeString(to.resolve("cases/index.txt"), "# The serving validation cases, in run order (one file each;"
                + " adding a case is adding a file and a line).\n" + String.join("\n", names) + "\n", StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ LLMServingSim

    private void llmServingSim(Run run) throws IOException {
        Path dir = from.resolve("serving/llmservingsim/bench/examples").resolve(run.folder()).resolve("vllm");
        List<JsonNode> requests = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("requests.jsonl"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                requests.add(JSON.readTree(line));
            }
        }
        requests.sort(Comparator.comparingDouble((JsonNode r) -> r.get("queued_ts").asDouble())
                .thenComparing(r -> r.get("request_id").asText()));
        double t0 = requests.get(0).get("queued_ts").asDouble();
        String id = run.accelerator() + "-" + run.model();
        StringBuilder csv = new StringBuilder("Timestamp,Request tokens,Response tokens,TTFT s,Last token s\n");
        for (JsonNode r : requests) {
            double queued = r.get("queued_ts").asDouble();
            csv.append(String.format(Locale.ROOT, "%.6f,%d,%d,%.6f,%.6f%n", queued - t0, r.get("input_toks").asInt(),
                    r.get("output_toks").asInt(), r.get("first_token_ts").asDouble() - queued,
                    r.get("last_token_ts").asDouble() - t0));
        }
        Files.writeString(to.resolve("llmservingsim").resolve(id + ".csv"), csv, StandardCharsets.UTF_8);

        JsonNode meta = JSON.readTree(dir.resolve("meta.json").toFile());
        JsonNode kw = meta.get("engine_kwargs");
        int tp = kw.get("tensor_parallel_size").asInt();
        int dp = kw.get("data_parallel_size").asInt();
        boolean ep = kw.get("enable_expert_parallel").asBoolean();
        // vLLM's limits are per data-parallel engine; with expert parallelism the engines form one
        // TokenFab replica, which schedules all of them at once and splits the batch evenly
        int engines = ep ? dp : 1;
        JsonNode kv = meta.path("kv_cache");
        StringBuilder y = header("llmservingsim-" + id, "trace-replay");
        y.append("source:\n")
                .append("  repository: github.com/casys-kaist/LLMServingSim\n")
                .append("  commit: ").append(LLMSERVINGSIM_COMMIT).append('\n')
                .append("  path: bench/examples/").append(run.folder()).append("/vllm/requests.jsonl (+ meta.json)\n")
                .append("  licence: MIT\n")
                .append("engine: \"vLLM ").append(meta.get("vllm_version").asText()).append("\"\n")
                .append("hardware: \"").append(run.hardware()).append("\"\n")
                .append("used_for_calibration: false\n")
                .append("trace: llmservingsim/").append(id).append(".csv\n")
                .append("scenario: |\n")
                .append("  name: ").append(id).append('\n')
                .append("  model: ").append(run.model()).append('\n')
                .append("  cluster:\n    pools:\n      - accelerator: ").append(run.accelerator()).append('\n')
                .append("        parallelism: { tp: ").append(tp).append(ep && dp > 1 ? ", ep: " + dp * tp : "").append(" }\n")
                .append("        batching: { policy: chunked-prefill, max_batch_tokens: ")
                .append(kw.get("max_num_batched_tokens").asInt() * engines).append(", max_seqs: ")
                .append(kw.get("max_num_seqs").asInt() * engines).append(" }\n")
                .append("        kv_cache: { block_tokens: 16, memory_utilization: 0.9, prefix_caching: true")
                .append(kv.has("num_gpu_blocks") ? ", blocks: " + kv.get("num_gpu_blocks").asInt() : "").append(" }\n")
                .append("  workload:\n    trace: { file: TRACE, format: burstgpt }\n");
        Files.writeString(to.resolve("cases").resolve("llmservingsim-" + id + ".yaml"), y, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ Splitwise

    /** One Splitwise configuration family: a catalog model on one SplitwiseSim hardware at one TP degree. */
    private record Group(String model, String hardware, int tp) {
        /** The case's name after {@code splitwise-}, e.g. {@code llama-2-70b-a100-80gb-tp2}. */
        String id() {
            return model + "-" + hardware + "-tp" + tp;
        }

        /** The same family on the hardware without SplitwiseSim's {@code -pcap} suffix (itself if none). */
        Group uncapped() {
            return new Group(model, hardware.replace("-pcap", ""), tp);
        }
    }

    private void splitwise() throws IOException {
        List<String> lines = Files.readAllLines(from.resolve("serving/splitwise/data/perf_model.csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        Map<Group, Map<String, List<double[]>>> groups = new TreeMap<>(java.util.Comparator.comparing(Group::id));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            String model = SPLITWISE_MODELS.get(f[header.indexOf("model")]);
            if (model == null) {
                throw new IllegalStateException("perf_model.csv: model " + f[header.indexOf("model")] + " has no catalog id here;"
                        + " known: " + SPLITWISE_MODELS.keySet());
            }
            Group group = new Group(model, f[header.indexOf("hardware")], Integer.parseInt(f[header.indexOf("tensor_parallel")]));
            String point = String.format(Locale.ROOT, "%05d-%03d-%05d", Integer.parseInt(f[header.indexOf("prompt_size")]),
                    Integer.parseInt(f[header.indexOf("batch_size")]), Integer.parseInt(f[header.indexOf("token_size")]));
            groups.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(point, p -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(f[header.indexOf("prompt_time")]),
                            Double.parseDouble(f[header.indexOf("token_time")]),
                            Double.parseDouble(f[header.indexOf("e2e_time")])});
        }
        for (var g : groups.entrySet()) {
            String id = g.getKey().id();
            String model = g.getKey().model();
            String hardware = g.getKey().hardware();
            int tp = g.getKey().tp();
            Group base = g.getKey().uncapped();
            if (!base.equals(g.getKey()) && groups.containsKey(base)) {
                String derived = derivedFrom(g.getValue(), groups.get(base));
                if (derived != null) {
                    System.out.println("splitwise-" + id + ": left out, not a measurement: the " + base.id() + " rows with "
                            + derived);
                    continue;
                }
            }
            boolean capped = hardware.endsWith("-pcap");
            String accelerator = hardware.startsWith("a100") ? "a100-80gb" : "h100-sxm";
            StringBuilder y = header("splitwise-" + id, "static-batch");
            y.append("source:\n")
                    .append("  repository: github.com/Mutinifni/splitwise-sim\n")
                    .append("  commit: ").append(SPLITWISE_COMMIT).append('\n')
                    .append("  path: data/perf_model.csv (median of the repetitions of each configuration)\n")
                    .append("  licence: MIT\n")
                    .append("engine: \"Splitwise authors' serving stack on Azure DGX (not vLLM; version not stated)\"\n")
                    .append("hardware: \"").append(hardware.startsWith("a100") ? "DGX-A100 (A100-80GB)" : "DGX-H100 (H100 SXM)")
                    .append(capped ? " power-capped at 70% of TDP (490 W)" : "").append(", TP").append(tp).append("\"\n")
                    .append("used_for_calibration: false\n")
                    .append("engine_profile: splitwise-2023\n")
                    .append(model.equals(SPLITWISE_FITTED_MODEL) ? "" : "# Held out whole: no point of it fits the profile, fitted on "
                            + SPLITWISE_FITTED_MODEL + " only,\n# so it tests whether that profile carries to another model.\n"
                            + "fits_engine_profile: false\n")
                    .append("scenario: |\n")
                    .append("  name: splitwise-").append(id).append('\n')
                    .append("  model: ").append(model).append('\n')
                    .append("  cluster:\n    pools:\n      - accelerator: ").append(accelerator).append('\n')
                    .append("        parallelism: { tp: ").append(tp).append(" }\n")
                    .append(capped ? "        power_cap_w: 490\n" : "")
                    .append("points:\n");
            StringBuilder excluded = new StringBuilder();
            for (var p : g.getValue().entrySet()) {
                String[] k = p.getKey().split("-");
                List<double[]> reps = p.getValue();
                String impossible = impossiblePrefill(model, accelerator, tp, Integer.parseInt(k[0]), Integer.parseInt(k[1]),
                        median(reps, 0));
                if (impossible != null) {
                    excluded.append(String.format(Locale.ROOT, "#   prompt %d, batch %d, output %d: %s%n",
                            Integer.parseInt(k[0]), Integer.parseInt(k[1]), Integer.parseInt(k[2]), impossible));
                    continue;
                }
                y.append(String.format(Locale.ROOT,
                        "  - { prompt: %d, batch: %d, output: %d, repetitions: %d, measured: { ttft_ms: %.3f, tpot_ms: %.3f, e2e_ms: %.3f } }%n",
                        Integer.parseInt(k[0]), Integer.parseInt(k[1]), Integer.parseInt(k[2]), reps.size(),
                        median(reps, 0), median(reps, 1), median(reps, 2)));
            }
            if (!excluded.isEmpty()) {
                y.append("# Left out: measurements no hardware of this kind can have made (not a measurement of that batch;\n")
                        .append("# probably a smaller batch after running out of memory):\n").append(excluded);
            }
            Files.writeString(to.resolve("cases").resolve("splitwise-" + id + ".yaml"), y,
                    StandardCharsets.UTF_8);
        }
    }

    /**
     * How {@code rows} follow from {@code base} when every repetition of every configuration is the
     * base's same repetition with its prefill time times one constant and its decode time times
     * another (to 1e-9), or null when they do not: then they are not a measurement of their own.
     * Times are {prefill, decode, end to end} per repetition, as {@link #splitwise()} reads them.
     */
    static String derivedFrom(Map<String, List<double[]>> rows, Map<String, List<double[]>> base) {
        if (!rows.keySet().equals(base.keySet())) {
            return null;
        }
        double[] ratio = null;
        for (var e : rows.entrySet()) {
            List<double[]> a = e.getValue();
            List<double[]> b = base.get(e.getKey());
            if (a.size() != b.size()) {
                return null;
            }
            for (int i = 0; i < a.size(); i++) {
                double[] r = {a.get(i)[0] / b.get(i)[0], a.get(i)[1] / b.get(i)[1]};
                if (ratio == null) {
                    ratio = r;
                }
                if (Math.abs(r[0] - ratio[0]) > 1e-9 * ratio[0] || Math.abs(r[1] - ratio[1]) > 1e-9 * ratio[1]) {
                    return null;
                }
            }
        }
        return ratio == null ? null
                : String.format(Locale.ROOT, "every prefill time x %.4f and every decode time x %.4f", ratio[0], ratio[1]);
    }

    /**
     * Why a measured prefill of {@code batch} prompts of {@code prompt} tokens in {@code ms} is
     * physically impossible, or null: it must take at least 2 x parameters x tokens FLOPs at the
     * tensor-parallel group's dense BF16 peak.
     */
    static String impossiblePrefill(String model, String accelerator, int tp, int prompt, int batch, double ms) {
        Catalog catalog = Catalog.builtIn();
        double params = catalog.model(model).totalParams();
        double peak = catalog.accelerator(accelerator).densePeakFlops(Precision.BF16);
        double tokens = (double) prompt * batch;
        double minMs = 2 * params * tokens / (tp * peak) * 1e3;
        if (ms >= minMs) {
            return null;
        }
        return String.format(Locale.ROOT, "measured prefill %.0f ms, but 2 x %.1f B params x %,.0f tokens need at least %,.0f ms on"
                + " %d x %s at their dense BF16 peak (%.0f TFLOP/s each)", ms, params / 1e9, tokens, minMs, tp, accelerator, peak / 1e12);
    }

    // ------------------------------------------------------------------ TensorRT-LLM

    /** Catalog ids of the table's models (Llama-3.3-70B has Llama-3.1-70B's architecture); others are left out. */
    private static final Map<String, String> TRT_MODELS = Map.of("Llama-3.1-8B", "llama-3.1-8b", "Llama-3.3-70B",
            "llama-3.1-70b", "Llama-3.1-405B", "llama-3.1-405b", "Qwen3-235B-A22B", "qwen3-235b-a22b", "GPT-OSS-120B",
            "gpt-oss-120b", "DeepSeek-R1-0528", "deepseek-r1");
    private static final Map<String, String> TRT_GPUS = Map.of("H100", "h100-sxm", "H200", "h200", "B200", "b200",
            "GB200", "gb200", "B300", "b300", "GB300", "gb300");

    /**
     * The {@code $num_requests} of each ISL/OSL in the perf overview's "Preparing a Dataset" tables
     * (v1.0 and release/1.2 documents; the same where both list a pair).
     */
    private static final Map<String, Integer> TRT_REQUESTS = Map.ofEntries(Map.entry("128/128", 30_000),
            Map.entry("128/2048", 3000), Map.entry("128/4096", 1500), Map.entry("1000/2000", 1500), Map.entry("2048/128", 3000),
            Map.entry("2048/2048", 1500), Map.entry("5000/500", 1500), Map.entry("1000/1000", 3000), Map.entry("500/2000", 3000),
            Map.entry("20000/2000", 1000), Map.entry("1024/1024", 3000), Map.entry("8192/1024", 1500),
            Map.entry("1024/8192", 1500), Map.entry("32768/1024", 1000), Map.entry("1024/32768", 1000));

    private static int trtllmRequests(String islOsl) {
        Integer n = TRT_REQUESTS.get(islOsl);
        if (n == null) {
            throw new IllegalStateException("TensorRT-LLM perf overview: no $num_requests listed for ISL/OSL " + islOsl);
        }
        return n;
    }

    /**
     * The formats TensorRT-LLM runs gpt-oss in, which the table's precision column does not say:
     * OpenAI's own checkpoint (the perf overview lists no NVIDIA quantization of it), whose experts
     * are MXFP4 (nearly all its weights; the rest, BF16, are taken as FP4 too), multiplied with
     * MXFP8 activations on Blackwell and BF16 ones on Hopper (examples/models/core/gpt_oss/README.md,
     * "MoE Support Matrix"); KV cache FP8, "Hopper: use auto", i.e. BF16 (the perf overview's
     * GPT-OSS llm_options).
     */
    static String gptOssFormats(String gpu) {
        boolean hopper = gpu.startsWith("H");
        return hopper ? " weights: fp4, compute: bf16, kv_cache: bf16," : " weights: fp4, compute: fp8, kv_cache: fp8,";
    }

    /**
     * One offline-throughput case per model from TensorRT-LLM's published perf overview: every
     * row whose model is in the catalog and that is not marked beta. DEPn (attention data
     * parallel + expert parallel over n GPUs) becomes tp 1, ep n. So does a mixture-of-experts
     * model's TPn in the v1.0-era tables: that document's reproduction steps run every MoE model
     * with {@code trtllm-bench --tp n --ep n} and {@code enable_attention_dp: true} (its "For MoE
     * models" command), the layout the later tables call DEPn; only dense models there are tensor
     * parallel throughout.
     */
    private void trtllm() throws IOException {
        Catalog catalog = Catalog.builtIn();
        List<String> lines = Files.readAllLines(from.resolve("serving/trtllm_perf_overview.csv"), StandardCharsets.UTF_8);
        List<String> h = List.of(lines.get(0).split(","));
        Map<String, List<String>> points = new TreeMap<>();
        Map<String, String> releases = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            String model = TRT_MODELS.get(f[h.indexOf("model")]);
            String gpu = TRT_GPUS.get(f[h.indexOf("gpu")]);
            if (model == null || gpu == null || Boolean.parseBoolean(f[h.indexOf("beta")])) {
                continue;
            }
            String par = f[h.indexOf("parallelism")];
            int n = Integer.parseInt(par.replaceAll("\\D", ""));
            boolean moeCommand = f[h.indexOf("source")].contains("v1.0 era") && catalog.model(model).isMoe();
            boolean dep = par.startsWith("DEP") || moeCommand && n > 1;
            points.computeIfAbsent(model, m -> new ArrayList<>()).add(String.format(Locale.ROOT,
                    "  - { accelerator: %s, tp: %d, ep: %d, precision: %s,%s isl: %s, osl: %s, requests: %d, measured: { output_tok_s_per_gpu: %s } }"
                            + "   # %s %s%n",
                    gpu, dep ? 1 : n, n == 1 || !dep ? 1 : n, f[h.indexOf("precision")].toLowerCase(Locale.ROOT),
                    model.equals("gpt-oss-120b") ? gptOssFormats(f[h.indexOf("gpu")]) : "",
                    f[h.indexOf("isl")], f[h.indexOf("osl")], trtllmRequests(f[h.indexOf("isl")] + "/" + f[h.indexOf("osl")]),
                    f[h.indexOf("output_tok_s_per_gpu")], f[h.indexOf("gpu")],
                    par + (dep && !par.startsWith("DEP") ? " (the MoE command: --ep " + n + ", attention data parallel)" : "")));
            releases.merge(model, f[h.indexOf("source")].replaceAll(".*\\((.*)\\).*", "$1"),
                    (a, b) -> a.contains(b) ? a : a + ", " + b);
        }
        for (var e : points.entrySet()) {
            String model = e.getKey();
            StringBuilder y = header("trtllm-" + model, "offline-throughput");
            y.append("source:\n")
                    .append("  repository: github.com/NVIDIA/TensorRT-LLM\n")
                    .append("  commit: docs/source/performance/perf-overview.md (").append(releases.get(model)).append(")\n")
                    .append("  path: docs/source/performance/perf-overview.md (shared reference serving/trtllm_perf_overview.csv)\n")
                    .append("  licence: Apache-2.0\n")
                    .append("engine: \"TensorRT-LLM (trtllm-bench throughput, ").append(releases.get(model)).append(")\"\n")
                    .append("hardware: \"NVIDIA H100/H200/B200/GB200 as listed per point (TensorRT-LLM's own runs)\"\n")
                    .append("used_for_calibration: false\n")
                    .append("engine_profile: trtllm\n")
                    .append("scenario: |\n  name: trtllm-").append(model).append("\n  model: ").append(model).append('\n')
                    .append("points:\n");
            e.getValue().forEach(y::append);
            Files.writeString(to.resolve("cases").resolve("trtllm-" + model + ".yaml"), y, StandardCharsets.UTF_8);
        }
    }

    private static double median(List<double[]> rows, int column) {
        double[] v = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static StringBuilder header(String name, String kind) {
        return new StringBuilder("# Generated by org.tokenfab.validation.serving.ServingDataImport from the shared reference\n")
                .append("# data; do not edit by hand: rerun it (see the class comment and ../README.md).\n")
                .append("name: ").append(name).append('\n')
                .append("kind: ").append(kind).append('\n');
    }
}
