package org.tokenfab.scenario.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.tokenfab.scenario.AutoscalingSpec;
import org.tokenfab.scenario.BatchingSpec;
import org.tokenfab.scenario.FacilitySpec;
import org.tokenfab.scenario.FailureSpec;
import org.tokenfab.scenario.KvCacheSpec;
import org.tokenfab.scenario.ParallelismSpec;
import org.tokenfab.scenario.PoolSpec;
import org.tokenfab.scenario.QueueSpec;
import org.tokenfab.scenario.SharedPrefixSpec;
import org.tokenfab.scenario.SpeculativeSpec;

/**
 * Keeps {@code scenarios/scenario.schema.json} in step with {@link ScenarioSchema} and the scenario
 * records, and checks it against the bundled scenarios. Regenerate the file with
 * {@code ./mvnw -q -o test -pl scenarios -Dtest=ScenarioSchemaTest -Dtokenfab.writeSchema=true}.
 */
class ScenarioSchemaTest {
    /** Surefire runs in the module directory. */
    private static final Path SCHEMA_FILE = Path.of("scenario.schema.json");
    private static final Path LIBRARY = Path.of("library");
    private static final String REGENERATE =
            "./mvnw -q -o test -pl scenarios -Dtest=ScenarioSchemaTest -Dtokenfab.writeSchema=true";

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(ScenarioSchema.schema());

    @Test
    void checkedInSchemaMatchesTheGenerator() throws IOException {
        String generated = ScenarioSchema.text();
        if (Boolean.getBoolean("tokenfab.writeSchema")) {
            Files.writeString(SCHEMA_FILE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(SCHEMA_FILE)).as("%s is missing; generate it with %s", SCHEMA_FILE.toAbsolutePath(), REGENERATE)
                .isTrue();
        assertThat(Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8))
                .as("scenarios/scenario.schema.json is out of date with ScenarioSchema; regenerate it with " + REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void schemaIsValidAgainstTheDraft202012MetaSchema() {
        Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(ScenarioSchema.schema())).isEmpty();
    }

    static Stream<Path> bundledScenarios() throws IOException {
        try (Stream<Path> files = Files.list(LIBRARY)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("bundledScenarios")
    void bundledScenarioValidates(Path file) throws IOException {
        assertThat(errors(YAML.readTree(file.toFile()))).as(file.toString()).isEmpty();
    }

    @Test
    void libraryIsNotEmpty() throws IOException {
        assertThat(bundledScenarios()).hasSizeGreaterThan(10);
    }

    private static final String VALID = """
            name: probe
            requests: 100
            model: llama-3.1-8b
            cluster:
              pools:
                - accelerator: h100-sxm
                  replicas: 2
                  batching: { policy: chunked-prefill, max_seqs: 128 }
            workload:
              arrivals: { process: poisson, rate: 10/s }
              input_tokens: { dist: lognormal, median: 1000, p99: 8000 }
              output_tokens: { dist: fixed, tokens: 200 }
            """;

    @Test
    void aMinimalScenarioValidates() throws IOException {
        assertThat(errors(YAML.readTree(VALID))).isEmpty();
    }

    @Test
    void rejectsAnUnknownKey() throws IOException {
        assertThat(errors(YAML.readTree(VALID.replace("replicas: 2", "replicas: 2\n      replica_count: 3"))))
                .anySatisfy(e -> assertThat(e).contains("replica_count"));
        assertThat(errors(YAML.readTree(VALID.replace("requests: 100", "requests: 100\nrequets: 100")))).isNotEmpty();
    }

    @Test
    void rejectsABadPolicyName() throws IOException {
        assertThat(errors(YAML.readTree(VALID.replace("policy: chunked-prefill", "policy: greedy")))).isNotEmpty();
        assertThat(errors(YAML.readTree(VALID.replace("process: poisson", "process: bursty")))).isNotEmpty();
    }

    @Test
    void rejectsNegativeReplicas() throws IOException {
        assertThat(errors(YAML.readTree(VALID.replace("replicas: 2", "replicas: -1")))).isNotEmpty();
    }

    @Test
    void rejectsBadQuantitiesAndMismatchedVariants() throws IOException {
        assertThat(errors(YAML.readTree(VALID.replace("rate: 10/s", "rate: 10 per second")))).isNotEmpty();
        assertThat(errors(YAML.readTree(VALID.replace("rate: 10/s", "rate: 1200/min")))).isEmpty();
        // fixed lengths take tokens, not median
        assertThat(errors(YAML.readTree(VALID.replace("dist: fixed, tokens: 200", "dist: fixed, median: 200")))).isNotEmpty();
        // neither requests nor duration nor a trace
        assertThat(errors(YAML.readTree(VALID.replace("requests: 100\n", "")))).isNotEmpty();
        assertThat(errors(YAML.readTree(VALID.replace("requests: 100", "duration: 10m")))).isEmpty();
        // max_queue_delay is for the dynamic policy only
        assertThat(errors(YAML.readTree(VALID.replace("max_seqs: 128", "max_seqs: 128, max_queue_delay: 5ms")))).isNotEmpty();
        assertThat(errors(YAML.readTree(VALID.replace("policy: chunked-prefill, max_seqs: 128",
                "policy: dynamic, max_seqs: 128, max_queue_delay: 5ms")))).isEmpty();
    }

    @Test
    void acceptsUserCatalogEntries() throws IOException {
        assertThat(errors(YAML.readTree(VALID.replace("model: llama-3.1-8b", "model: my-model.yaml")))).isEmpty();
        assertThat(errors(YAML.readTree(VALID.replace("accelerator: h100-sxm", "accelerator: {id: my-gpu}")))).isEmpty();
    }


    /** A scenario with extra pool lines (indented under the pool) and a workload body. */
    private static String scenario(String poolExtra, String workload) {
        return """
                name: probe
                requests: 100
                model: llama-3.1-8b
                cluster:
                  pools:
                    - accelerator: h100-sxm
                      replicas: 4
                """ + poolExtra.lines().map(l -> "      " + l + "\n").reduce("", String::concat)
                + "workload:\n" + workload.lines().map(l -> "  " + l + "\n").reduce("", String::concat);
    }

    private static final String STREAM = """
            arrivals: { process: poisson, rate: 10/s }
            input_tokens: { dist: lognormal, median: 1000, p99: 8000 }
            output_tokens: { dist: fixed, tokens: 200 }
            """;

    /**
     * Pool lines and workloads the loader accepts or rejects; the schema must agree. Left out on
     * purpose: unknown catalog ids and missing files (the schema lists built-in ids as examples
     * only), and checks across values (uniform max >= min, schedule times ascending, route targets).
     */
    static Stream<String> differentialCases() {
        List<String> pools = List.of(
                "", "speculative: { method: mtp, draft_tokens: 2, acceptance: 0.7 }",
                "speculative: { method: draft-model, draft_model: llama-3.1-8b, draft_tokens: 4, acceptance: 0.6 }",
                "speculative: { method: draft-model, draft_tokens: 4, acceptance: 0.6 }",
                "speculative: { method: mtp, draft_model: llama-3.1-8b, draft_tokens: 2, acceptance: 0.7 }",
                "speculative: { method: mtp, draft_tokens: 17, acceptance: 0.7 }",
                "queue: { discipline: priority, max_queue: 100, max_wait: 30s }",
                "queue: { discipline: lifo }", "queue: { max_wait: 0s }",
                "kv_cache: { preemption: swap, swap_space_gb: 8, prefix_caching: true, cpu_tier_gb: 64 }",
                "kv_cache: { watermark: 0.6 }", "kv_cache: { block_tokens: 0 }",
                "parallelism: { tp: 2, pp: 2, ep: 4 }", "parallelism: { dp: 2 }",
                "batching: { policy: dynamic, max_queue_delay: 5ms, max_seqs: 32 }",
                "batching: { policy: static, max_queue_delay: 5ms }", "batching: { max_batch_tokens: 2000000 }",
                "power_cap_w: 500", "power_cap_w: 0",
                "cost: { usd_per_accelerator_hour: 2.5 }", "cost: { capex_usd_per_accelerator: 30000, amortization_years: 4 }",
                "cost: { capex_usd_per_accelerator: 30000, amortization_years: 4, opex_usd_per_accelerator_year: 1000 }",
                "cost: { usd_per_accelerator_hour: 2.5, amortization_years: 4 }", "cost: { amortization_years: 4 }",
                "autoscaling: { policy: utilization, target: 0.7, min: 1, interval: 30s, cold_start: 90s }",
                "autoscaling: { policy: utilization, target: 3 }", "autoscaling: { policy: queue, target: 3, storage_gb_s: 2 }",
                "autoscaling: { policy: queue }", "autoscaling: { policy: schedule, target: 0.5, schedule: [{ at: 0s, replicas: 1 }] }",
                "autoscaling: { policy: schedule, schedule: [{ at: 0s, replicas: 1 }, { at: 1h, replicas: 3 }] }",
                "failures: { mtbf: 1000h, repair: 2h }", "failures: { mtbf: 1000h, repair: 2h, weibull_shape: 0.7, cold_start: 5m }",
                "failures: { mtbf: 1000h }", "failures: { mtbf: 0s, repair: 1h }",
                "role: prefill", "role: decode", "role: colocated", "replicas: 0", "name: big", "name: 3");
        List<String> workloads = List.of(STREAM,
                STREAM.replace("process: poisson, rate: 10/s", "process: gamma, rate: 600/min, cv: 2"),
                STREAM.replace("process: poisson, rate: 10/s", "process: gamma, rate: 10/s"),
                STREAM.replace("process: poisson, rate: 10/s", "process: mmpp, on_rate: 20/s, mean_on: 1m, mean_off: 2m"),
                STREAM.replace("process: poisson, rate: 10/s", "process: mmpp, on_rate: 20/s, off_rate: 0, mean_on: 60, mean_off: 2m"),
                STREAM.replace("process: poisson, rate: 10/s", "process: mmpp, rate: 20/s, mean_on: 1m, mean_off: 2m"),
                STREAM.replace("process: poisson, rate: 10/s", "process: closed-loop, users: 8, think_time: 2s"),
                STREAM.replace("process: poisson, rate: 10/s", "process: closed-loop, users: 8, rate: 2/s"),
                STREAM.replace("process: poisson, rate: 10/s", "process: poisson, rate: 0/s"),
                STREAM.replace("process: poisson, rate: 10/s", "process: poisson, rate: 5/fortnight"),
                STREAM.replace("rate: 10/s }", "rate: 10/s, rate_schedule: { type: piecewise, steps: [{ at: 0s, multiplier: 1 }, { at: 1h, multiplier: 2 }] } }"),
                STREAM.replace("rate: 10/s }", "rate: 10/s, rate_schedule: { type: diurnal, amplitude: 0.5, peak_hour: 20 } }"),
                STREAM.replace("rate: 10/s }", "rate: 10/s, rate_schedule: { type: diurnal, amplitude: 0.5, steps: [] } }"),
                STREAM.replace("median: 1000, p99: 8000", "mu: 6, sigma: 1, max: 4000"),
                STREAM.replace("median: 1000, p99: 8000", "median: 1000, sigma: 1"),
                STREAM.replace("median: 1000, p99: 8000", "max: 4000"),
                STREAM.replace("dist: lognormal, median: 1000, p99: 8000", "dist: uniform, min: 10, max: 100"),
                STREAM.replace("dist: lognormal, median: 1000, p99: 8000", "dist: zipf, max: 1000, exponent: 1.2"),
                STREAM.replace("dist: lognormal, median: 1000, p99: 8000", "dist: zipf, max: 1000"),
                STREAM.replace("dist: lognormal, median: 1000, p99: 8000", "dist: empirical, table: no-such-table"),
                STREAM.replace("dist: lognormal, median: 1000, p99: 8000", "dist: pareto, tokens: 3"),
                STREAM + "correlation: { spearman: 0.5 }\n", STREAM + "correlation: { pearson: 0.5 }\n",
                STREAM + "shared_prefix: { tokens: 500, variants: 4 }\n", STREAM + "shared_prefix: { variants: 4 }\n",
                STREAM + "reasoning: { fraction: 0.8 }\n", STREAM + "reasoning: { fraction: 0.8, answer_tokens: { dist: fixed, tokens: 5 } }\n",
                STREAM + "reasoning: { answer_tokens: { dist: fixed, tokens: 50 } }\n",
                STREAM + "sessions: { steps: { dist: fixed, tokens: 3 }, tool_latency_ms: { dist: fixed, tokens: 200 },"
                        + " tool_tokens: { dist: uniform, min: 10, max: 100 } }\n",
                STREAM + "sessions: { steps: { dist: fixed, tokens: 3 }, tool_latency_ms: { dist: fixed, tokens: 200 },"
                        + " tool_tokens: { dist: fixed, tokens: 10 } }\nreasoning: { fraction: 0.5 }\n",
                STREAM + "trace: { bundled: azure-code }\n",
                "trace: { bundled: azure-code, start: 1m, end: 5m, speedup: 2, sample: 0.5 }\n",
                "trace: { bundled: azure-code, format: azure }\n",
                "trace: { bundled: azure-code, input_tokens: { dist: fixed, tokens: 5 } }\n",
                "trace: { bundled: servegen-deepseek-r1, input_tokens: { dist: fixed, tokens: 5 }, output_tokens: { dist: fixed, tokens: 5 } }\n",
                "trace: { bundled: servegen-deepseek-r1 }\n",
                "trace: { bundled: no-such-trace }\n",
                "classes:\n  - name: chat\n    priority: 2\n    slo: { ttft: 1s, tpot: 50ms }\n"
                        + STREAM.lines().map(l -> "    " + l + "\n").reduce("", String::concat),
                "classes:\n  - name: chat\n    slo: { p99: 1s }\n" + STREAM.lines().map(l -> "    " + l + "\n").reduce("", String::concat));
        List<String> cases = new ArrayList<>();
        pools.forEach(p -> cases.add(scenario(p, STREAM)));
        workloads.forEach(w -> cases.add(scenario("", w)));
        cases.add(scenario("role: prefill", STREAM).replace("cluster:\n", "cluster:\n  disaggregation: { link_gb_s: 50 }\n")
                .replace("  pools:\n", "  pools:\n    - { name: d, accelerator: h100-sxm, role: decode }\n"));
        cases.add(scenario("", STREAM).replace("cluster:\n", "cluster:\n  disaggregation: { link_gb_s: 50 }\n"));
        String base = scenario("", STREAM);
        for (String extra : List.of("facility: { pue: 1.3, power_budget_mw: 2, over_budget: cap }", "facility: { over_budget: cap }",
                "facility: { pue: 0.9 }", "precision: { weights: fp8, kv_cache: fp8 }", "precision: { weights: fp7 }",
                "precision: { weights: fp4, compute: bf16 }", "precision: { weights: fp8, compute: fp8 }",
                "precision: { compute: fp8 }", "precision: { weights: bf16, compute: fp4 }", "precision: { compute: fp32 }",
                "duration: 10m", "duration: -3s", "seed: 7", "seed: lucky",
                "sweep: { \"cluster.pools[0].replicas\": [1, 2] }", "sweep: { \"cluster.pools[0].replicas\": [] }",
                "variants: [{ name: a, set: { \"cluster.pools[0].replicas\": 2 } }, { name: b }]", "variants: [{ set: {} }]",
                "plan: { target_rate: 400/s, slo: { ttft_p99: 2s, tpot_p99: 50ms, goodput: 0.99 },"
                        + " candidates: { accelerator: [h100-sxm, h200], tp: [1, 2], max_seqs: 128 }, minimise: power, max_replicas: 64 }",
                "plan: { minimise: money }", "plan: { slo: { ttft_p90: 1s } }")) {
            cases.add(base + extra + "\n");
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("differentialCases")
    void schemaAgreesWithTheLoader(String yaml) throws IOException {
        String loaderError = null;
        try {
            new ScenarioLoader(org.tokenfab.hardware.Catalog.builtIn()).parse("probe.yaml", yaml, List.of());
        } catch (org.tokenfab.sim.TokenFabException e) {
            loaderError = e.getMessage();
        }
        List<String> schemaErrors = errors(YAML.readTree(yaml));
        if (loaderError == null) {
            assertThat(schemaErrors).as("the loader accepts this, the schema must too:\n%s", yaml).isEmpty();
        } else {
            assertThat(schemaErrors).as("the loader rejects this (%s), the schema must too:\n%s", loaderError, yaml).isNotEmpty();
        }
    }

    /**
     * Record components that are not a YAML key of the same (snake_case) name, each with why. Every
     * other component of these records must appear as a property of the schema object.
     */
    private static final Map<String, String> RENAMED = Map.ofEntries(
            // durations are read from unit strings ("10ms") and stored in nanoseconds
            Map.entry("BatchingSpec.maxQueueDelayNanos", "max_queue_delay"),
            Map.entry("QueueSpec.maxWaitNanos", "max_wait"),
            Map.entry("AutoscalingSpec.intervalNanos", "interval"),
            Map.entry("AutoscalingSpec.coldStartNanos", "cold_start"),
            Map.entry("FailureSpec.mtbfNanos", "mtbf"),
            Map.entry("FailureSpec.repairNanos", "repair"),
            Map.entry("FailureSpec.coldStartNanos", "cold_start"),
            // the schedule's steps {at, replicas} are stored as two parallel arrays
            Map.entry("AutoscalingSpec.scheduleAtNanos", "schedule"),
            Map.entry("AutoscalingSpec.scheduleCounts", "schedule"),
            // GB/s is written gb_s in YAML
            Map.entry("AutoscalingSpec.storageGbPerS", "storage_gb_s"),
            // the budget is written in MW, stored in W
            Map.entry("FacilitySpec.powerBudgetW", "power_budget_mw"));

    /** Records and the schema object ($defs entry) that holds their keys. */
    private static final Map<Class<? extends Record>, String> RECORDS = new LinkedHashMap<>();

    static {
        // PoolSpec.parallelism, batching, queue, kv_cache, ... are nested objects: they are still
        // keys of the pool, each a $ref to its own definition, checked below in turn
        RECORDS.put(PoolSpec.class, "pool");
        RECORDS.put(BatchingSpec.class, "batching");
        RECORDS.put(KvCacheSpec.class, "kv_cache");
        RECORDS.put(QueueSpec.class, "queue");
        RECORDS.put(ParallelismSpec.class, "parallelism");
        RECORDS.put(AutoscalingSpec.class, "autoscaling");
        RECORDS.put(FailureSpec.class, "failures");
        RECORDS.put(FacilitySpec.class, "facility");
        RECORDS.put(SpeculativeSpec.class, "speculative");
        RECORDS.put(SharedPrefixSpec.class, "shared_prefix");
    }

    @Test
    void everyRecordComponentIsASchemaProperty() {
        ObjectNode schema = ScenarioSchema.schema();
        List<String> missing = new ArrayList<>();
        Set<String> usedRenames = new TreeSet<>();
        RECORDS.forEach((type, def) -> {
            JsonNode properties = schema.path("$defs").path(def).path("properties");
            assertThat(properties.isObject()).as("$defs/%s/properties", def).isTrue();
            for (var component : type.getRecordComponents()) {
                String id = type.getSimpleName() + "." + component.getName();
                String key = RENAMED.containsKey(id) ? RENAMED.get(id) : snakeCase(component.getName());
                if (RENAMED.containsKey(id)) {
                    usedRenames.add(id);
                }
                if (!properties.has(key)) {
                    missing.add(id + " -> " + def + "." + key);
                }
            }
        });
        assertThat(missing).as("record components without a schema property (add them to ScenarioSchema, or to RENAMED"
                + " with a reason)").isEmpty();
        assertThat(usedRenames).as("stale RENAMED entries").isEqualTo(new TreeSet<>(RENAMED.keySet()));
    }

    @Test
    void snakeCaseOfComponentNames() {
        assertThat(snakeCase("maxBatchTokens")).isEqualTo("max_batch_tokens");
        assertThat(snakeCase("swapSpaceGb")).isEqualTo("swap_space_gb");
        assertThat(snakeCase("powerCapW")).isEqualTo("power_cap_w");
        assertThat(snakeCase("tp")).isEqualTo("tp");
    }

    private static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> errors(JsonNode scenario) {
        return SCHEMA.validate(scenario).stream().map(Error::toString).toList();
    }
}
