package org.tokenfab.scenario.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tokenfab.hardware.cost.EngineProfile;
import org.tokenfab.hardware.cost.EngineProfiles;

import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.SafeYaml;
import org.tokenfab.hardware.ModelSpec;
import org.tokenfab.hardware.Precision;
import org.tokenfab.hardware.SystemSpec;
import org.tokenfab.scenario.ArrivalSpec;
import org.tokenfab.scenario.AutoscalingSpec;
import org.tokenfab.scenario.DisaggregationSpec;
import org.tokenfab.scenario.FailureSpec;
import org.tokenfab.scenario.BatchingSpec;
import org.tokenfab.scenario.ClassSpec;
import org.tokenfab.scenario.SessionSpec;
import org.tokenfab.scenario.ClusterSpec;
import org.tokenfab.scenario.FacilitySpec;
import org.tokenfab.scenario.PoolCostSpec;
import org.tokenfab.scenario.RouterSpec;
import org.tokenfab.scenario.KvCacheSpec;
import org.tokenfab.scenario.LengthSpec;
import org.tokenfab.scenario.ParallelismSpec;
import org.tokenfab.scenario.PoolSpec;
import org.tokenfab.scenario.QueueSpec;
import org.tokenfab.scenario.ReasoningSpec;
import org.tokenfab.scenario.SharedPrefixSpec;
import org.tokenfab.scenario.SpeculativeSpec;
import org.tokenfab.scenario.PrecisionSpec;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.StopSpec;
import org.tokenfab.scenario.WorkloadSpec;
import org.tokenfab.serving.BatchingMode;
import org.tokenfab.serving.QueueDiscipline;
import org.tokenfab.serving.Routers;
import org.tokenfab.sim.DidYouMean;
import org.tokenfab.sim.TokenFabException;
import org.tokenfab.scenario.TraceSpec;
import org.tokenfab.workload.LognormalLength;
import org.tokenfab.workload.trace.BundledTraces;
import org.tokenfab.workload.QuantileTable;

/**
 * Reads scenario YAML into {@link Scenario} records. Safe loading only: the YAML becomes a tree of
 * plain values (no type tags, no objects instantiated from YAML), with limits on size, nesting and
 * aliases, and duplicate keys are errors. Every problem is a {@link TokenFabException} naming the
 * file, the YAML path, what was wrong and what is allowed.
 */
public final class ScenarioLoader {
    /** Documents larger than this are not scenarios (checked before reading a file whole). */
    private static final int MAX_DOCUMENT_CHARS = SafeYaml.MAX_DOCUMENT_CHARS;
    static final long MAX_DURATION_NANOS = 366L * 86_400_000_000_000L;
    static final double MAX_RATE_PER_SECOND = 1e7;

    /** Package-visible for {@link ScenarioSchema}, like the other choice lists below. */
    static final List<String> ARRIVAL_PROCESSES = List.of("poisson", "gamma", "weibull", "mmpp", "closed-loop");
    static final List<String> LENGTH_DISTRIBUTIONS = List.of("fixed", "uniform", "lognormal", "empirical", "zipf");
    static final List<String> TRACE_FORMATS = List.of("azure", "mooncake", "burstgpt", "bailian", "servegen");
    static final List<String> SCHEDULE_TYPES = List.of("piecewise", "diurnal");
    /** Serving engines with a profile (kernel and host time relative to vLLM's). */
    static final List<String> ENGINES = EngineProfiles.builtIn().ids();
    static final List<String> KV_ADMISSION = List.of("on-demand", "no-evict");
    static final List<String> PREEMPTION_MODES = List.of("recompute", "swap");
    static final List<String> SPECULATIVE_METHODS = List.of("draft-model", "mtp");
    static final List<String> POOL_ROLES = List.of("colocated", "prefill", "decode");
    static final List<String> AUTOSCALING_POLICIES = List.of("utilization", "queue", "schedule");
    /** Scenario and variant names (they name output folders). */
    static final String NAME_REGEX = "[A-Za-z0-9][A-Za-z0-9._-]{0,79}";

    private final Catalog catalog;
    private final SafeYaml yaml = new SafeYaml("scenario");

    public ScenarioLoader(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Loads a scenario file, then applies {@code --set} overrides. */
    public Scenario load(Path file, List<String> overrides) {
        return load(file, overrides, file.toAbsolutePath().getParent());
    }

    private Scenario load(Path file, List<String> overrides, Path baseDir) {
        String text;
        try {
            if (Files.size(file) > MAX_DOCUMENT_CHARS) {
                throw new TokenFabException(file + ": " + Files.size(file) + " bytes is too large for a scenario file (limit "
                        + MAX_DOCUMENT_CHARS + " bytes)");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TokenFabException(file + ": no such file");
        } catch (IOException e) {
            throw new TokenFabException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), text, overrides, baseDir);
    }

    /**
     * Parses YAML text; {@code source} names it in messages. Model and accelerator files named in it
     * are resolved against the working directory.
     */
    public Scenario parse(String source, String text, List<String> overrides) {
        return parse(source, text, overrides, Path.of("").toAbsolutePath());
    }

    private Scenario parse(String source, String text, List<String> overrides, Path baseDir) {
        JsonNode tree = yaml.read(source, text);
        if (tree instanceof ObjectNode object) {
            Overrides.apply(object, overrides, yaml);
        }
        return read(ConfigNode.root(source, tree), new Entries(catalog, baseDir));
    }

    /** The catalog as the scenario extends it with its own entries, and where their files are. */
    private static final class Entries {
        Catalog catalog;
        final Path baseDir;

        Entries(Catalog catalog, Path baseDir) {
            this.catalog = catalog;
            this.baseDir = baseDir;
        }
    }

    private Scenario read(ConfigNode root, Entries entries) {
        String name = root.string("name");
        if (!name.matches(NAME_REGEX)) {
            throw root.error("name", "'" + name + "' is not allowed; use 1-80 letters, digits, '.', '_' or '-' (it names the output folder)");
        }
        String description = root.string("description", "");
        long seed = root.integer("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        long requests = root.integer("requests", Long.MAX_VALUE, 1, 1_000_000_000_000L);
        long duration = root.has("duration") ? root.duration("duration", MAX_DURATION_NANOS) : Long.MAX_VALUE;
        String model = entry(root, "model", "model", entries);
        PrecisionSpec precision = precision(root);
        ClusterSpec cluster = cluster(root.child("cluster"), entries);
        WorkloadSpec workload = workload(root.child("workload"), entries.baseDir);
        checkRoutes(root, cluster, workload);
        if (requests == Long.MAX_VALUE && duration == Long.MAX_VALUE && workload.trace().isEmpty()) {
            throw root.error("requests", "missing; give `requests: N` (requests to simulate) or `duration: 10m` (simulated time of arrivals), or both");
        }
        List<Scenario.Variant> variants = variants(root);
        FacilitySpec facility = root.optionalChild("facility").map(ScenarioLoader::facility).orElse(FacilitySpec.DEFAULT);
        List<Scenario.SweepAxis> sweep = sweep(root);
        org.tokenfab.scenario.PlanSpec plan = PlanSection.read(root);
        root.finish();
        return new Scenario(name, description, seed, new StopSpec(requests, duration), model, precision, cluster,
                workload, root.source(), entries.catalog, variants, facility, sweep, plan);
    }

    /**
     * {@code facility: {pue: 1.3, electricity_usd_per_kwh: 0.08, power_budget_mw: 2.5, over_budget: fail}};
     * every key optional (defaults and their sources in {@link FacilitySpec}).
     */
    private static FacilitySpec facility(ConfigNode f) {
        double pue = f.number("pue", FacilitySpec.DEFAULT_PUE, 1.0, 3.0);
        double price = f.number("electricity_usd_per_kwh", FacilitySpec.DEFAULT_ELECTRICITY_USD_PER_KWH, 0, 10);
        double budgetW = f.has("power_budget_mw") ? f.number("power_budget_mw", 1e-6, 1e5) * 1e6 : Double.NaN;
        if (f.has("over_budget") && !f.has("power_budget_mw")) {
            throw f.error("over_budget", "applies to a power budget; add power_budget_mw (facility power, MW) or remove over_budget");
        }
        String over = f.choice("over_budget", List.of(FacilitySpec.FAIL, FacilitySpec.CAP), FacilitySpec.FAIL);
        f.finish();
        return new FacilitySpec(pue, price, budgetW, over);
    }

    /**
     * A pool's {@code cost:}: either {@code usd_per_accelerator_hour} (a rental rate, all-in) or
     * {@code capex_usd_per_accelerator} with {@code amortization_years} and optional
     * {@code opex_usd_per_accelerator_year} (owned; the energy is then priced at the facility's rate).
     */
    private static PoolCostSpec poolCost(ConfigNode c) {
        boolean rental = c.has("usd_per_accelerator_hour");
        if (rental == c.has("capex_usd_per_accelerator")) {
            throw c.error("give either usd_per_accelerator_hour (a rental rate, power included) or capex_usd_per_accelerator"
                    + " with amortization_years (and optionally opex_usd_per_accelerator_year), not "
                    + (rental ? "both" : "neither"));
        }
        PoolCostSpec spec;
        if (rental) {
            for (String owned : List.of("amortization_years", "opex_usd_per_accelerator_year")) {
                if (c.has(owned)) {
                    throw c.error(owned, "applies to owned accelerators (capex_usd_per_accelerator); a rental rate is all-in");
                }
            }
            spec = new PoolCostSpec(c.number("usd_per_accelerator_hour", 1e-6, 1e4), Double.NaN, Double.NaN, 0);
        } else {
            spec = new PoolCostSpec(Double.NaN, c.number("capex_usd_per_accelerator", 0, 1e8),
                    c.number("amortization_years", 0.1, 50), c.number("opex_usd_per_accelerator_year", 0, 0, 1e7));
        }
        c.finish();
        return spec;
    }

    /**
     * {@code variants: [{name: continuous, set: {cluster.pools[0].batching.policy: continuous}}, ...]}:
     * the same scenario with overrides, run beside it on the same seed. The runner parses every
     * variant before running any, so a bad path fails at once, with the variant named.
     */
    private List<Scenario.Variant> variants(ConfigNode root) {
        if (!root.has("variants")) {
            return List.of();
        }
        List<Scenario.Variant> variants = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode v : root.list("variants")) {
            String name = v.string("name");
            if (!name.matches(NAME_REGEX)) {
                throw v.error("name", "'" + name + "' is not allowed; use 1-80 letters, digits, '.', '_' or '-' (it names the output folder)");
            }
            if (!names.add(name)) {
                throw v.error("name", "'" + name + "' is already the name of another variant; variant names must be unique");
            }
            JsonNode set = v.raw("set");
            if (set != null && !set.isObject()) {
                throw v.error("set", "expected a mapping of YAML paths to values, e.g. {cluster.pools[0].batching.policy: continuous};"
                        + " leave it out for the scenario as it is");
            }
            List<String> sets = new ArrayList<>();
            if (set != null) {
                set.properties().forEach(e -> sets.add(e.getKey() + "="
                        + (e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString())));
            }
            v.finish();
            variants.add(new Scenario.Variant(name, sets));
        }
        return variants;
    }

    /**
     * {@code sweep: {"cluster.pools[0].replicas": [1, 2, 4], "workload.arrivals.rate": [5/s, 10/s]}}:
     * the axes {@code tokenfab sweep} expands into a grid. Only the shape is checked here; each path
     * is applied (and so checked) when the sweep resolves its points, which names the point.
     */
    private static List<Scenario.SweepAxis> sweep(ConfigNode root) {
        JsonNode sweep = root.raw("sweep");
        if (sweep == null || sweep.isNull()) {
            return List.of();
        }
        String example = "e.g. sweep: {\"cluster.pools[0].replicas\": [1, 2, 4], \"workload.arrivals.rate\": [5/s, 10/s]}";
        if (!sweep.isObject() || sweep.isEmpty()) {
            throw root.error("sweep", "expected a mapping of YAML paths to lists of values, " + example);
        }
        List<Scenario.SweepAxis> axes = new ArrayList<>();
        for (var e : sweep.properties()) {
            if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                throw root.error("sweep." + e.getKey(), "expected a non-empty list of values, " + example);
            }
            List<String> values = new ArrayList<>();
            for (JsonNode v : e.getValue()) {
                values.add(v.isTextual() ? v.asText() : v.toString());
            }
            axes.add(new Scenario.SweepAxis(e.getKey(), values));
        }
        return axes;
    }

    /**
     * A model or accelerator: a catalog id, a YAML file of the catalog's schema (relative to the
     * scenario file), or the same mapping inline. User entries join the scenario's catalog.
     */
    private static String entry(ConfigNode node, String key, String kind, Entries entries) {
        boolean model = kind.equals("model");
        boolean system = kind.equals("system");
        List<String> ids = model ? entries.catalog.modelIds()
                : system ? entries.catalog.systemIds() : entries.catalog.acceleratorIds();
        String forms = "a catalog id (" + String.join(", ", ids) + "), a YAML file of the catalog's " + kind
                + " schema (my-" + kind + ".yaml), or the same mapping inline";
        JsonNode value = node.raw(key);
        if (value == null) {
            throw node.missing(key, forms);
        }
        String origin = node.source() + ": " + node.pathOf(key);
        if (value.isObject()) {
            return model ? add(entries, Catalog.readModel(value, origin), node, key)
                    : system ? add(entries, Catalog.readSystem(value, origin), node, key)
                    : add(entries, Catalog.readAccelerator(value, origin), node, key);
        }
        String text = node.string(key);
        if (ids.contains(text)) {
            return text;
        }
        if (text.endsWith(".yaml") || text.endsWith(".yml")) {
            Path file = entries.baseDir.resolve(text);
            if (!Files.isRegularFile(file)) {
                throw node.error(key, "no such file: " + file);
            }
            return model ? add(entries, Catalog.readModel(file), node, key)
                    : system ? add(entries, Catalog.readSystem(file), node, key)
                    : add(entries, Catalog.readAccelerator(file), node, key);
        }
        throw node.error(key, "'" + text + "' is not a catalog " + kind + DidYouMean.clause(text, ids) + "; expected " + forms);
    }

    private static String add(Entries entries, ModelSpec spec, ConfigNode node, String key) {
        if (entries.catalog.modelIds().contains(spec.id())) {
            if (entries.catalog.model(spec.id()).equals(spec)) {
                return spec.id();
            }
            throw node.error(key, "a model with id '" + spec.id() + "' already exists (bundled or defined earlier in this scenario); give yours another id");
        }
        entries.catalog = entries.catalog.withModel(spec);
        return spec.id();
    }

    private static String add(Entries entries, AcceleratorSpec spec, ConfigNode node, String key) {
        if (entries.catalog.acceleratorIds().contains(spec.id())) {
            if (entries.catalog.accelerator(spec.id()).equals(spec)) {
                return spec.id();
            }
            throw node.error(key, "an accelerator with id '" + spec.id() + "' already exists (bundled or defined earlier in this scenario); give yours another id");
        }
        entries.catalog = entries.catalog.withAccelerator(spec);
        return spec.id();
    }

    private static String add(Entries entries, SystemSpec spec, ConfigNode node, String key) {
        if (entries.catalog.systemIds().contains(spec.id())) {
            if (entries.catalog.system(spec.id()).equals(spec)) {
                return spec.id();
            }
            throw node.error(key, "a system with id '" + spec.id() + "' already exists (bundled or defined earlier in this scenario); give yours another id");
        }
        if (!entries.catalog.acceleratorIds().contains(spec.acceleratorId())) {
            throw node.error(key, "system '" + spec.id() + "' is built of '" + spec.acceleratorId()
                    + "', which is not a catalog accelerator" + DidYouMean.clause(spec.acceleratorId(), entries.catalog.acceleratorIds()));
        }
        entries.catalog = entries.catalog.withSystem(spec);
        return spec.id();
    }

    private static List<String> systemsOf(Entries entries, String accelerator) {
        List<String> ids = entries.catalog.systemIds().stream()
                .filter(id -> entries.catalog.system(id).acceleratorId().equals(accelerator)).toList();
        return ids.isEmpty() ? List.of("the catalog has none") : ids;
    }

    private static PrecisionSpec precision(ConfigNode root) {
        List<String> names = Arrays.stream(Precision.values()).map(Precision::yamlName).toList();
        if (!root.has("precision")) {
            return new PrecisionSpec(Precision.BF16, Precision.BF16);
        }
        ConfigNode node = root.child("precision");
        Precision weights = Precision.parse(node.choice("weights", names, "bf16"));
        Precision kv = Precision.parse(node.choice("kv_cache", names, "bf16"));
        Precision compute = Precision.parse(node.choice("compute", names, weights.yamlName()));
        if (!weights.atLeastAsWide().contains(compute)) {
            throw node.error("compute", "'" + compute.yamlName() + "' is narrower than the weights' " + weights.yamlName()
                    + ": matrix multiplications run in the weights' format or a wider one; allowed: "
                    + Precision.names(weights.atLeastAsWide()));
        }
        node.finish();
        return new PrecisionSpec(weights, kv, compute);
    }

    private ClusterSpec cluster(ConfigNode node, Entries entries) {
        List<PoolSpec> pools = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode p : node.list("pools")) {
            PoolSpec pool = pool(p, pools.size(), entries);
            if (!names.add(pool.name())) {
                throw p.error("name", "'" + pool.name() + "' is already the name of another pool; pool names must be unique");
            }
            pools.add(pool);
        }
        RouterSpec router = router(node, pools);
        boolean prefill = pools.stream().anyMatch(p -> p.role().equals("prefill"));
        boolean decode = pools.stream().anyMatch(p -> p.role().equals("decode"));
        if (prefill != decode) {
            throw node.error("pools", "a disaggregated cluster needs both a prefill pool and a decode pool (role: prefill,"
                    + " role: decode); this one has only " + (prefill ? "prefill" : "decode") + " pools");
        }
        DisaggregationSpec link = DisaggregationSpec.DEFAULT;
        if (node.has("disaggregation")) {
            if (!prefill) {
                throw node.error("disaggregation", "applies when pools have role: prefill and role: decode");
            }
            ConfigNode d = node.child("disaggregation");
            link = new DisaggregationSpec(d.has("link_gb_s") ? d.number("link_gb_s", 0.001, 1e6) : Double.NaN,
                    d.has("latency") ? d.durationOrZero("latency", MAX_DURATION_NANOS) : DisaggregationSpec.DEFAULT.latencyNanos());
            d.finish();
        }
        node.finish();
        return new ClusterSpec(pools, router, link);
    }

    /**
     * {@code router: NAME} or {@code router: {name: NAME, ...options}}: class-based takes
     * {@code routes: {CLASS: POOL, ...}}, cascade {@code first: POOL, escalate: POOL, escalate_share: 0-1}.
     * Pool names are checked here; class names once the workload is read ({@link #checkRoutes}).
     */
    private static RouterSpec router(ConfigNode cluster, List<PoolSpec> pools) {
        JsonNode raw = cluster.raw("router");
        if (raw == null || raw.isTextual()) {
            String name = cluster.choice("router", Routers.names(), "round-robin");
            if (Routers.WITH_OPTIONS.contains(name)) {
                throw cluster.error("router", name + " needs options; write " + (name.equals("cascade")
                        ? "router: {name: cascade, first: SMALL_POOL, escalate: BIG_POOL, escalate_share: 0.3}"
                        : "router: {name: class-based, routes: {CLASS: POOL, ...}}"));
            }
            return RouterSpec.named(name);
        }
        if (!raw.isObject()) {
            throw cluster.error("router", "expected a router name (" + String.join(", ", Routers.names())
                    + ") or a mapping {name: ..., ...options}, got " + ConfigNode.describe(raw));
        }
        ConfigNode r = cluster.child("router");
        String name = r.choice("name", Routers.names(), null);
        List<String> poolNames = pools.stream().filter(PoolSpec::takesArrivals).map(PoolSpec::name).toList();
        RouterSpec spec;
        if (name.equals("class-based")) {
            ConfigNode routes = r.child("routes");
            java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
            for (String cls : routes.keys()) {
                map.put(cls, routes.choice(cls, poolNames, null));
            }
            if (map.isEmpty()) {
                throw r.error("routes", "expected at least one route, CLASS: POOL (pools: " + String.join(", ", poolNames) + ")");
            }
            routes.finish();
            spec = new RouterSpec(name, map, null, null, 0);
        } else if (name.equals("cascade")) {
            String first = r.choice("first", poolNames, null);
            String escalate = r.choice("escalate", poolNames, null);
            if (first.equals(escalate)) {
                throw r.error("escalate", "'" + escalate + "' is also the first pool; escalate to another pool (pools: "
                        + String.join(", ", poolNames) + ")");
            }
            spec = new RouterSpec(name, java.util.Map.of(), first, escalate, r.number("escalate_share", 0, 1));
        } else {
            spec = RouterSpec.named(name);
        }
        r.finish();
        return spec;
    }

    /** Class-based routing: every route names a workload class, and every class has a route. */
    private static void checkRoutes(ConfigNode root, ClusterSpec cluster, WorkloadSpec workload) {
        RouterSpec router = cluster.router();
        if (!router.name().equals("class-based")) {
            return;
        }
        List<String> classes = workload.trace().isPresent() ? List.of("default")
                : workload.asClasses().stream().map(ClassSpec::name).toList();
        for (String cls : router.routes().keySet()) {
            if (!classes.contains(cls)) {
                throw root.error("cluster.router.routes." + cls, "'" + cls + "' is not a workload class"
                        + DidYouMean.clause(cls, classes) + "; classes: " + String.join(", ", classes));
            }
        }
        for (String cls : classes) {
            if (!router.routes().containsKey(cls)) {
                throw root.error("cluster.router.routes", "class '" + cls + "' has no route; add " + cls + ": POOL (pools: "
                        + String.join(", ", cluster.pools().stream().map(PoolSpec::name).toList()) + ")");
            }
        }
    }

    private PoolSpec pool(ConfigNode node, int index, Entries entries) {
        String name = node.string("name", index == 0 ? "main" : "pool" + index);
        // The accelerator first: an inline system may be built of an inline accelerator.
        String accelerator = node.has("accelerator") || !node.has("system") ? entry(node, "accelerator", "accelerator", entries)
                : null;
        Optional<String> system = node.has("system") ? Optional.of(entry(node, "system", "system", entries))
                : Optional.empty();
        if (system.isPresent()) {
            String builtOf = entries.catalog.system(system.get()).acceleratorId();
            if (accelerator == null) {
                accelerator = builtOf;
            } else if (!builtOf.equals(accelerator)) {
                throw node.error("system", "system '" + system.get() + "' is built of " + builtOf + ", but the pool's accelerator is '"
                        + accelerator + "'; use a system of " + accelerator + " ("
                        + String.join(", ", systemsOf(entries, accelerator)) + ") or leave out 'accelerator'");
            }
        }
        int replicas = (int) node.integer("replicas", 1, 1, 100_000);
        ParallelismSpec parallelism = new ParallelismSpec(1);
        if (node.has("parallelism")) {
            ConfigNode par = node.child("parallelism");
            parallelism = new ParallelismSpec((int) par.integer("tp", 1, 1, 1024), (int) par.integer("pp", 1, 1, 1024),
                    (int) par.integer("ep", 1, 1, 4096));
            par.finish();
        }
        BatchingSpec batching = new BatchingSpec("chunked-prefill", 8192, 256, 0);
        if (node.has("batching")) {
            ConfigNode b = node.child("batching");
            String policy = b.choice("policy", BatchingMode.names(), "chunked-prefill");
            long delay = 0;
            if (b.has("max_queue_delay")) {
                if (!policy.equals("dynamic")) {
                    throw b.error("max_queue_delay", "applies to the dynamic policy only (this pool's policy is " + policy + ")");
                }
                delay = b.durationOrZero("max_queue_delay", MAX_DURATION_NANOS);
            } else if (policy.equals("dynamic")) {
                delay = 10_000_000L; // Triton's examples use a few milliseconds; 10 ms unless told
            }
            batching = new BatchingSpec(policy, (int) b.integer("max_batch_tokens", 8192, 1, 1 << 20),
                    (int) b.integer("max_seqs", 256, 1, 1 << 16), delay);
            b.finish();
        }
        QueueSpec queue = QueueSpec.DEFAULT;
        if (node.has("queue")) {
            ConfigNode q = node.child("queue");
            queue = new QueueSpec(q.choice("discipline", QueueDiscipline.NAMES, "fcfs"),
                    q.has("max_queue") ? (int) q.integer("max_queue", 1, 10_000_000) : 0,
                    q.has("max_wait") ? q.duration("max_wait", MAX_DURATION_NANOS) : 0);
            q.finish();
        }
        KvCacheSpec kv = KvCacheSpec.DEFAULT;
        if (node.has("kv_cache")) {
            ConfigNode k = node.child("kv_cache");
            KvCacheSpec d = KvCacheSpec.DEFAULT;
            kv = new KvCacheSpec((int) k.integer("block_tokens", d.blockTokens(), 1, 1024),
                    k.number("memory_utilization", d.memoryUtilization(), 0.01, 1.0),
                    k.number("watermark", d.watermark(), 0, 0.5),
                    k.choice("preemption", PREEMPTION_MODES, d.preemption()),
                    k.number("swap_space_gb", d.swapSpaceGb(), 0, 1e5),
                    k.has("prefix_caching") ? k.bool("prefix_caching") : d.prefixCaching(),
                    k.number("cpu_tier_gb", d.cpuTierGb(), 0, 1e6),
                    k.has("blocks") ? (int) k.integer("blocks", 1, 100_000_000) : 0,
                    k.choice("admission", KV_ADMISSION, d.admission()));
            if (kv.cpuTierGb() > 0 && !kv.prefixCaching()) {
                throw k.error("cpu_tier_gb", "the CPU tier holds prefixes evicted from the prefix cache; set prefix_caching: true");
            }
            k.finish();
        }
        OptionalDouble powerCap = node.has("power_cap_w") ? OptionalDouble.of(node.number("power_cap_w", 1, 1e6))
                : OptionalDouble.empty();
        Optional<SpeculativeSpec> speculative = Optional.empty();
        if (node.has("speculative")) {
            ConfigNode sp = node.child("speculative");
            String method = sp.choice("method", SPECULATIVE_METHODS, null);
            Optional<String> draft = Optional.empty();
            if (method.equals("draft-model")) {
                draft = Optional.of(entry(sp, "draft_model", "model", entries));
            }
            speculative = Optional.of(new SpeculativeSpec(method, draft, (int) sp.integer("draft_tokens", 1, 16),
                    sp.number("acceptance", 0, 0.999)));
            sp.finish();
        }
        Optional<String> model = node.has("model") ? Optional.of(entry(node, "model", "model", entries)) : Optional.empty();
        Optional<PoolCostSpec> cost = node.optionalChild("cost").map(ScenarioLoader::poolCost);
        String role = node.choice("role", POOL_ROLES, "colocated");
        if (!role.equals("colocated") && !List.of("chunked-prefill", "continuous").contains(batching.policy())) {
            throw node.error("role", "a " + role + " pool needs iteration-level batching (chunked-prefill or continuous),"
                    + " not " + batching.policy());
        }
        Optional<AutoscalingSpec> autoscaling = node.optionalChild("autoscaling").map(a -> autoscaling(a, replicas));
        Optional<FailureSpec> failures = node.optionalChild("failures").map(ScenarioLoader::failures);
        String engine = node.choice("engine", ENGINES, EngineProfile.VLLM.id());
        node.finish();
        return new PoolSpec(name, accelerator, system, replicas, parallelism, batching, queue, kv, powerCap, speculative,
                model, cost, role, autoscaling, failures, engine);
    }

    /** Default cold start: engine start-up plus loading weights (an assumption; see the README). */
    private static final long DEFAULT_COLD_START_NANOS = 60_000_000_000L;

    private static AutoscalingSpec autoscaling(ConfigNode a, int replicas) {
        String policy = a.choice("policy", AUTOSCALING_POLICIES, null);
        double target = Double.NaN;
        long[] at = new long[0];
        int[] counts = new int[0];
        if (policy.equals("schedule")) {
            List<ConfigNode> steps = a.list("schedule");
            at = new long[steps.size()];
            counts = new int[steps.size()];
            for (int i = 0; i < steps.size(); i++) {
                ConfigNode step = steps.get(i);
                at[i] = step.durationOrZero("at", MAX_DURATION_NANOS);
                counts[i] = (int) step.integer("replicas", 0, replicas);
                if (i == 0 && at[i] != 0) {
                    throw step.error("at", "the first step of a schedule must be at 0s");
                }
                if (i > 0 && at[i] <= at[i - 1]) {
                    throw step.error("at", "steps must be in increasing time order");
                }
                step.finish();
            }
        } else {
            target = policy.equals("utilization") ? a.number("target", 0.01, 1.0) : a.number("target", 0.1, 1e6);
        }
        int min = (int) a.integer("min", 1, 0, replicas);
        int initial = (int) a.integer("initial", min, min, replicas);
        long interval = a.has("interval") ? a.duration("interval", MAX_DURATION_NANOS) : 60_000_000_000L;
        double storage = a.has("storage_gb_s") ? a.number("storage_gb_s", 0.001, 1e4) : Double.NaN;
        // With a storage rate, cold_start is the engine's own start-up (default 20 s, an assumption:
        // process start, CUDA graph capture); without, the whole cold start (default 60 s).
        long coldStart = a.has("cold_start") ? a.durationOrZero("cold_start", MAX_DURATION_NANOS)
                : Double.isNaN(storage) ? DEFAULT_COLD_START_NANOS : 20_000_000_000L;
        a.finish();
        return new AutoscalingSpec(policy, target, at, counts, min, initial, interval, coldStart, storage);
    }

    private static FailureSpec failures(ConfigNode f) {
        long mtbf = f.duration("mtbf", Long.MAX_VALUE / 2);
        double shape = f.has("weibull_shape") ? f.number("weibull_shape", 0.05, 20) : Double.NaN;
        long repair = f.durationOrZero("repair", MAX_DURATION_NANOS);
        long coldStart = f.has("cold_start") ? f.durationOrZero("cold_start", MAX_DURATION_NANOS) : DEFAULT_COLD_START_NANOS;
        f.finish();
        return new FailureSpec(mtbf, shape, repair, coldStart);
    }

    private static WorkloadSpec workload(ConfigNode node, Path baseDir) {
        if (node.has("classes")) {
            List<ClassSpec> classes = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (ConfigNode c : node.list("classes")) {
                ClassSpec spec = workloadClass(c);
                if (!names.add(spec.name())) {
                    throw c.error("name", "'" + spec.name() + "' is already the name of another class; class names must be unique");
                }
                classes.add(spec);
            }
            node.finish(); // a mix has no top-level arrivals or lengths: each class has its own
            return new WorkloadSpec(null, null, null, OptionalDouble.empty(), Optional.empty(), classes, Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        if (node.has("trace")) {
            TraceSpec trace = trace(node.child("trace"), baseDir);
            node.finish(); // arrivals and lengths come from the trace: any other field is an error
            return new WorkloadSpec(null, null, null, OptionalDouble.empty(), Optional.of(trace), List.of(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
        ArrivalSpec arrivals = arrivals(node.child("arrivals"));
        LengthSpec input = length(node.child("input_tokens"));
        LengthSpec output = length(node.child("output_tokens"));
        OptionalDouble spearman = correlation(node, input, output);
        Optional<SessionSpec> sessions = sessions(node, arrivals);
        Optional<SharedPrefixSpec> prefix = sharedPrefix(node);
        Optional<ReasoningSpec> reasoning = reasoning(node);
        node.finish();
        return new WorkloadSpec(arrivals, input, output, spearman, Optional.empty(), List.of(), sessions, prefix, reasoning);
    }

    private static ClassSpec workloadClass(ConfigNode c) {
        String name = c.string("name");
        ArrivalSpec arrivals = arrivals(c.child("arrivals"));
        LengthSpec input = length(c.child("input_tokens"));
        LengthSpec output = length(c.child("output_tokens"));
        OptionalDouble spearman = correlation(c, input, output);
        Optional<SessionSpec> sessions = sessions(c, arrivals);
        long ttft = Long.MAX_VALUE;
        long tpot = Long.MAX_VALUE;
        if (c.has("slo")) {
            ConfigNode slo = c.child("slo");
            ttft = slo.has("ttft") ? slo.duration("ttft", MAX_DURATION_NANOS) : Long.MAX_VALUE;
            tpot = slo.has("tpot") ? slo.duration("tpot", MAX_DURATION_NANOS) : Long.MAX_VALUE;
            slo.finish();
        }
        int priority = (int) c.integer("priority", 0, -1000, 1000);
        Optional<SharedPrefixSpec> prefix = sharedPrefix(c);
        Optional<ReasoningSpec> reasoning = reasoning(c);
        c.finish();
        return new ClassSpec(name, arrivals, input, output, spearman, ttft, tpot, sessions, priority, prefix, reasoning);
    }

    /**
     * {@code reasoning: {fraction: 0.8}}, {@code {answer_tokens: {dist: ...}}} or
     * {@code {fraction_table: servegen_deepseek-r1/reason_ratio}}: exactly one.
     */
    private static Optional<ReasoningSpec> reasoning(ConfigNode node) {
        if (!node.has("reasoning")) {
            return Optional.empty();
        }
        if (node.has("sessions")) {
            throw node.error("reasoning", "a reasoning split applies to independent requests; agentic sessions do not"
                    + " support it yet (remove one of reasoning and sessions)");
        }
        ConfigNode r = node.child("reasoning");
        int given = (r.has("fraction") ? 1 : 0) + (r.has("answer_tokens") ? 1 : 0) + (r.has("fraction_table") ? 1 : 0);
        if (given != 1) {
            throw r.error("give exactly one of fraction (share of the output that is reasoning, 0-1), answer_tokens"
                    + " (a length distribution of the answer) or fraction_table (a bundled table of reasoning shares, e.g."
                    + " servegen_deepseek-r1/reason_ratio)");
        }
        ReasoningSpec spec;
        if (r.has("fraction")) {
            spec = new ReasoningSpec.Fraction(r.number("fraction", 0, 1));
        } else if (r.has("answer_tokens")) {
            spec = new ReasoningSpec.AnswerTokens(length(r.child("answer_tokens")));
        } else {
            List<String> tables = QuantileTable.bundledNames().stream().filter(t -> t.endsWith("reason_ratio")).sorted().toList();
            spec = new ReasoningSpec.FractionTable(r.choice("fraction_table", tables, null));
        }
        r.finish();
        return Optional.of(spec);
    }

    private static Optional<SharedPrefixSpec> sharedPrefix(ConfigNode node) {
        if (!node.has("shared_prefix")) {
            return Optional.empty();
        }
        ConfigNode p = node.child("shared_prefix");
        SharedPrefixSpec spec = new SharedPrefixSpec((int) p.integer("tokens", 1, 10_000_000),
                (int) p.integer("variants", 1, 1, 1_000_000));
        p.finish();
        return Optional.of(spec);
    }

    private static Optional<SessionSpec> sessions(ConfigNode node, ArrivalSpec arrivals) {
        if (!node.has("sessions")) {
            return Optional.empty();
        }
        if (!(arrivals instanceof ArrivalSpec.OpenLoop)) {
            throw node.error("sessions", "sessions are started by an open-loop arrival process (poisson, gamma, weibull,"
                    + " mmpp), not by closed-loop users");
        }
        ConfigNode s = node.child("sessions");
        SessionSpec spec = new SessionSpec(length(s.child("steps")), length(s.child("tool_latency_ms")),
                length(s.child("tool_tokens")));
        s.finish();
        return Optional.of(spec);
    }

    private static OptionalDouble correlation(ConfigNode node, LengthSpec input, LengthSpec output) {
        if (!node.has("correlation")) {
            return OptionalDouble.empty();
        }
        ConfigNode c = node.child("correlation");
        OptionalDouble spearman = OptionalDouble.of(c.number("spearman", -0.999, 0.999));
        c.finish();
        if (input instanceof LengthSpec.Zipf || output instanceof LengthSpec.Zipf) {
            throw node.error("correlation", "zipf lengths cannot be correlated (they have no inverse CDF); use"
                    + " fixed, uniform, lognormal or empirical lengths");
        }
        return spearman;
    }

    private static TraceSpec trace(ConfigNode t, Path baseDir) {
        String bundled = null;
        String file = null;
        String format;
        if (t.has("bundled") == t.has("file")) {
            throw t.error("give either `bundled: ID` (" + String.join(", ", bundledIds()) + ") or `file: PATH` with `format:`");
        }
        if (t.has("bundled")) {
            bundled = t.choice("bundled", bundledIds(), null);
            format = BundledTraces.byId(bundled).format();
        } else {
            Path path = baseDir.resolve(t.string("file"));
            if (!Files.isRegularFile(path)) {
                throw t.error("file", "no such file: " + path);
            }
            file = path.toString();
            format = t.choice("format", TRACE_FORMATS, null);
        }
        long start = t.has("start") ? t.durationOrZero("start", MAX_DURATION_NANOS) : 0;
        long end = t.has("end") ? t.duration("end", MAX_DURATION_NANOS) : Long.MAX_VALUE;
        if (end <= start) {
            throw t.error("end", "must be after start");
        }
        // ServeGen client windows give arrival times only: the lengths are drawn from distributions.
        LengthSpec input = null;
        LengthSpec output = null;
        if (format.equals("servegen")) {
            input = length(t.child("input_tokens"));
            output = length(t.child("output_tokens"));
        }
        TraceSpec spec = new TraceSpec(format, bundled, file, start, end, t.number("speedup", 1, 1e-6, 1e6),
                t.has("rate") ? t.rate("rate", MAX_RATE_PER_SECOND) : Double.NaN, t.number("sample", 1, 1e-6, 1),
                t.has("skip_malformed") && t.bool("skip_malformed"), input, output);
        t.finish();
        return spec;
    }

    /** Bundled traces (ServeGen client windows need `input_tokens` and `output_tokens` beside them). */
    static List<String> bundledIds() {
        return Arrays.stream(BundledTraces.values()).map(BundledTraces::id).toList();
    }

    private static ArrivalSpec arrivals(ConfigNode a) {
        String process = a.choice("process", ARRIVAL_PROCESSES, null);
        if (process.equals("closed-loop")) {
            ArrivalSpec spec = new ArrivalSpec.ClosedLoop((int) a.integer("users", 1, 1_000_000),
                    a.has("think_time") ? a.durationOrZero("think_time", MAX_DURATION_NANOS) : 0);
            a.finish();
            return spec;
        }
        ArrivalSpec.Process p = switch (process) {
            case "gamma" -> new ArrivalSpec.Gamma(a.rate("rate", MAX_RATE_PER_SECOND), a.number("cv", 0.01, 100));
            case "weibull" -> new ArrivalSpec.Weibull(a.rate("rate", MAX_RATE_PER_SECOND), a.number("cv", 0.01, 100));
            case "mmpp" -> new ArrivalSpec.Mmpp(a.rate("on_rate", MAX_RATE_PER_SECOND),
                    a.has("off_rate") ? a.rateOrZero("off_rate", MAX_RATE_PER_SECOND) : 0,
                    a.duration("mean_on", MAX_DURATION_NANOS), a.duration("mean_off", MAX_DURATION_NANOS));
            default -> new ArrivalSpec.Poisson(a.rate("rate", MAX_RATE_PER_SECOND));
        };
        Optional<ArrivalSpec.Schedule> schedule = a.optionalChild("rate_schedule").map(ScenarioLoader::schedule);
        a.finish();
        return new ArrivalSpec.OpenLoop(p, schedule);
    }

    private static ArrivalSpec.Schedule schedule(ConfigNode s) {
        String type = s.choice("type", SCHEDULE_TYPES, null);
        ArrivalSpec.Schedule schedule;
        if (type.equals("diurnal")) {
            schedule = new ArrivalSpec.Diurnal(s.number("amplitude", 0, 1), s.number("peak_hour", 14, 0, 23.999),
                    s.number("weekend_factor", 1, 0, 100));
        } else {
            List<ArrivalSpec.Step> steps = new ArrayList<>();
            for (ConfigNode step : s.list("steps")) {
                long start = step.durationOrZero("at", MAX_DURATION_NANOS);
                if (steps.isEmpty() && start != 0) {
                    throw step.error("at", "the first step must start at 0s");
                }
                if (!steps.isEmpty() && start <= steps.get(steps.size() - 1).startNanos()) {
                    throw step.error("at", "steps must be in increasing time order");
                }
                steps.add(new ArrivalSpec.Step(start, step.number("multiplier", 0, 1e6)));
                step.finish();
            }
            schedule = new ArrivalSpec.Piecewise(steps);
        }
        s.finish();
        return schedule;
    }

    private static LengthSpec length(ConfigNode node) {
        String dist = node.choice("dist", LENGTH_DISTRIBUTIONS, null);
        LengthSpec spec;
        if (dist.equals("fixed")) {
            spec = new LengthSpec.Fixed((int) node.integer("tokens", 1, 10_000_000));
        } else if (dist.equals("uniform")) {
            int min = (int) node.integer("min", 1, 10_000_000);
            int max = (int) node.integer("max", 1, 10_000_000);
            if (max < min) {
                throw node.error("max", max + " is below min " + min);
            }
            spec = new LengthSpec.Uniform(min, max);
        } else if (dist.equals("empirical")) {
            List<String> tables = List.copyOf(new java.util.TreeSet<>(QuantileTable.bundledNames()));
            spec = new LengthSpec.Empirical(node.choice("table", tables, null));
        } else if (dist.equals("zipf")) {
            spec = new LengthSpec.Zipf((int) node.integer("max", 1, 10_000_000), node.number("exponent", 0, 100));
        } else {
            int max = (int) node.integer("max", 0, 1, 10_000_000);
            boolean byQuantiles = node.has("median") || node.has("p99");
            boolean byParameters = node.has("mu") || node.has("sigma");
            if (byQuantiles == byParameters) {
                throw node.error("give either median and p99 (tokens), or mu and sigma (of the log), not "
                        + (byQuantiles ? "both" : "neither"));
            }
            if (byQuantiles) {
                double median = node.number("median", 1, 10_000_000);
                double p99 = node.number("p99", 1, 10_000_000);
                if (p99 <= median) {
                    throw node.error("p99", p99 + " must be greater than median " + median);
                }
                spec = new LengthSpec.Lognormal(Math.log(median), Math.log(p99 / median) / LognormalLength.Z_99, max);
            } else {
                spec = new LengthSpec.Lognormal(node.number("mu", 0, 20), node.number("sigma", 1e-6, 10), max);
            }
        }
        node.finish();
        return spec;
    }
}
