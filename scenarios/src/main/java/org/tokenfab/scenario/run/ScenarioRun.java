package org.tokenfab.scenario.run;

import java.util.ArrayList;
import java.util.List;

import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.MemoryModel;
import org.tokenfab.hardware.ModelSpec;
import org.tokenfab.hardware.Deployment;
import org.tokenfab.hardware.cost.EngineProfiles;
import org.tokenfab.hardware.cost.StepCostModel;
import org.tokenfab.hardware.power.PowerCap;
import org.tokenfab.hardware.power.PowerCatalog;
import org.tokenfab.hardware.power.PowerModel;
import org.tokenfab.scenario.ParallelismSpec;
import org.tokenfab.scenario.PoolSpec;
import org.tokenfab.serving.KvTransfer;
import org.tokenfab.serving.FailureInjector;
import org.tokenfab.serving.Autoscaler;
import org.tokenfab.scenario.FailureSpec;
import org.tokenfab.scenario.AutoscalingSpec;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.ArrivalSpec;
import org.tokenfab.scenario.ClassSpec;
import org.tokenfab.scenario.TraceSpec;
import org.tokenfab.scenario.WorkloadSpec;
import org.tokenfab.serving.ClassMetrics;
import org.tokenfab.serving.RequestBudget;
import org.tokenfab.serving.RequestClass;
import org.tokenfab.serving.SharedPrefix;
import org.tokenfab.serving.AgentSessionSource;
import org.tokenfab.serving.ArrivalSource;
import org.tokenfab.serving.ClosedLoopSource;
import org.tokenfab.serving.TrafficSource;
import org.tokenfab.serving.Cluster;
import org.tokenfab.serving.MetricsRecorder;
import org.tokenfab.serving.Replica;
import org.tokenfab.serving.ReplicaConfig;
import org.tokenfab.serving.ReplicaPower;
import org.tokenfab.serving.ReplicaStats;
import org.tokenfab.serving.RequestPool;
import org.tokenfab.serving.RouterContext;
import org.tokenfab.serving.Routers;
import org.tokenfab.scenario.RouterSpec;
import org.tokenfab.sim.RandomStreams;
import org.tokenfab.sim.Simulation;
import org.tokenfab.sim.StopCondition;
import org.tokenfab.sim.TokenFabException;
import org.tokenfab.serving.TraceSource;
import org.tokenfab.workload.RequestLengths;

/**
 * One simulation of one scenario: assembles the engine, the cluster and the workload from the
 * records (explaining impossible configurations with their numbers), runs it and summarises it.
 * Use once: {@link #run()} may be called a single time.
 */
public final class ScenarioRun {
    private final Scenario scenario;
    private final Simulation sim;
    private final MetricsRecorder metrics;
    private final RequestPool pool = new RequestPool();
    private final Cluster cluster;
    private final List<TrafficSource> sources = new ArrayList<>();
    /** The workload's classes (one {@code default} class for a single workload or a trace). */
    private final List<ClassSpec> classes;
    private final List<PoolLayout> layouts = new ArrayList<>();
    /** Nodes, node overhead, peak and the power budget's caps of the configured fleet. */
    private final FleetPower fleet;
    private final PowerSampler sampler;
    /** Null unless some pools prefill and others decode. */
    private final KvTransfer transfer;
    private final List<Autoscaler> autoscalers = new ArrayList<>();
    private final List<FailureInjector> injectors = new ArrayList<>();
    /** Events the autoscalers and failure injectors always keep pending (they never let the queue empty). */
    private int backgroundEvents;
    private boolean ran;
    /** Each replica's share of node overhead, W, in the cluster's order (power sampler, time series). */
    private final double[] overheadPerReplica;
    private long intervalNanos = TimeSeries.DEFAULT_INTERVAL_NANOS;
    /** Null until {@link #run()}. */
    private TimeSeries timeSeries;
    /** Where requests.csv goes; null for none. */
    private java.nio.file.Path requestsCsvDir;
    /** Told about each time-series row as it closes; null for none. */
    private java.util.function.Consumer<TimeSeries.Row> rowListener;
    /** Set from any thread to stop the run at its next check. */
    private volatile boolean cancelled;
    /** Set from any thread (Ctrl-C) to stop the run at its next check with partial results. */
    private volatile boolean interrupted;
    /** Bounds of {@link #bounds}: engine events, wall-clock deadline (System.nanoTime), heap guard. */
    private long maxEvents = Long.MAX_VALUE;
    private long maxWallNanos = Long.MAX_VALUE;
    private long wallDeadline = Long.MAX_VALUE;
    private boolean memoryGuard;
    /** Null while the run may go on; the name of the bound that stopped it. */
    private String stoppedBy;

    /** The bundled power calibration; immutable, shared by every run. */
    private static final PowerCatalog POWER = PowerCatalog.builtIn();

    static final long PROGRESS_EVERY_EVENTS = 1 << 16;
    static final long CANCEL_EVERY_EVENTS = 1 << 12;

    /** A pool's replicas and the capacity the memory model gave them. */
    private record PoolLayout(PoolSpec spec, List<Replica> replicas, long kvCapacityTokens, int acceleratorsPerReplica,
            long kvBytesPerToken, String model, long weightBytesPerGpu, int stages) {
    }

    public ScenarioRun(Scenario scenario) {
        this(scenario, EngineProfiles.builtIn()::get);
    }

    /**
     * A run whose pools' {@code engine:} names are looked up in {@code engines} instead of the
     * bundled profiles (fitting a profile tries candidate scales this way).
     */
    public ScenarioRun(Scenario scenario, java.util.function.Function<String, org.tokenfab.hardware.cost.EngineProfile> engines) {
        this.scenario = scenario;
        Catalog catalog = scenario.catalog();
        WorkloadSpec workload = scenario.workload();
        this.classes = workload.trace().isPresent()
                ? List.of(new ClassSpec("default", null, null, null, java.util.OptionalDouble.empty(), Long.MAX_VALUE, Long.MAX_VALUE,
                        java.util.Optional.empty(), 0, java.util.Optional.empty(), java.util.Optional.empty()))
                : workload.asClasses();
        this.metrics = new MetricsRecorder(classes.stream()
                .map(c -> new ClassMetrics(c.ttftSloNanos(), c.tpotSloNanos())).toArray(ClassMetrics[]::new));
        this.sim = new Simulation(scenario.seed());
        ModelSpec model = catalog.model(scenario.model());

        this.fleet = FleetPower.plan(scenario, POWER);
        List<Replica> all = new ArrayList<>();
        for (int i = 0; i < scenario.cluster().pools().size(); i++) {
            PoolSpec p = scenario.cluster().pools().get(i);
            String where = scenario.source() + ": cluster.pools[" + i + "] (" + p.name() + "): ";
            AcceleratorSpec accelerator = catalog.accelerator(p.accelerator());
            ModelSpec poolModel = catalog.model(p.model().orElse(scenario.model()));
            ReplicaConfig config;
            long kvBytesPerToken;
            long weightBytesPerGpu;
            int stages;
            try {
                ParallelismSpec par = p.parallelism();
                Deployment deployment = PoolDeployment.of(scenario, p);
                stages = deployment.pp();
                MemoryModel memory = new MemoryModel(deployment, p.kvCache().memoryUtilization(),
                        PoolDeployment.reserveGb(deployment), catalog);
                kvBytesPerToken = memory.kvBytesPerToken();
                weightBytesPerGpu = memory.weightBytesPerGpu();
                StepCostModel cost = new StepCostModel(deployment, engines.apply(p.engine()));
                long blocks = memory.kvCapacityTokens() / p.kvCache().blockTokens();
                if (p.kvCache().blocks() > 0) {
                    blocks = givenBlocks(p, deployment, memory);
                }
                if (blocks < 1) {
                    throw new TokenFabException("no room for even one KV block of " + p.kvCache().blockTokens()
                            + " tokens after the weights");
                }
                PowerModel powerModel = POWER.modelFor(accelerator);
                PowerCap cap = fleet.capW(i).isPresent() ? powerModel.cap(fleet.capW(i).getAsDouble()) : null;
                ReplicaPower.Spec power = new ReplicaPower.Spec(powerModel, cap, cost.gpus(), cost.peakFlopsPerGpu(),
                        cost.memoryBandwidthPerGpu());
                ReplicaOptions options = ReplicaOptions.of(p, deployment, memory, cost, catalog);
                blocks -= options.draftWeightBlocks();
                if (blocks < 1) {
                    throw new TokenFabException("no room for even one KV block after the weights and the draft model's weights");
                }
                // One memo per pool: its replicas run on this run's one thread; a replica's consecutive
                // decode steps (a fold's above all) then cost only their attention.
                StepCostModel.Memo memo = new StepCostModel.Memo();
                config = new ReplicaConfig((shape, used) -> cost.evaluate(shape, used, memo), (int) Math.min(Integer.MAX_VALUE, blocks),
                        p.kvCache().blockTokens(),
                        p.batching().maxBatchTokens(), p.batching().maxSeqs(), power, options.scheduler());
            } catch (TokenFabException e) {
                throw new TokenFabException(where + e.getMessage(), e);
            }
            List<Replica> replicas = new ArrayList<>();
            int initial = p.autoscaling().map(AutoscalingSpec::initial).orElse(p.replicas());
            for (int r = 0; r < p.replicas(); r++) {
                Replica replica = new Replica(sim, config, metrics, pool, streams(i, r));
                if (r >= initial) {
                    replica.startOff(); // the autoscaler switches it on when wanted
                }
                replicas.add(replica);
            }
            all.addAll(replicas);
            layouts.add(new PoolLayout(p, replicas, config.kvCapacityTokens(), config.power().accelerators(), kvBytesPerToken,
                    poolModel.id(), weightBytesPerGpu, stages));
        }
        List<Replica> entry = new ArrayList<>();
        List<Integer> entryStarts = new ArrayList<>(List.of(0));
        for (PoolLayout layout : layouts) {
            if (layout.spec().takesArrivals()) {
                entry.addAll(layout.replicas());
                entryStarts.add(entry.size());
            }
        }
        int[] starts = entryStarts.stream().mapToInt(Integer::intValue).toArray();
        this.cluster = new Cluster(all, starts, entry,
                Routers.create(scenario.cluster().router().name(), routerContext(entry, starts)), metrics, pool);
        this.transfer = scenario.cluster().disaggregated() ? kvTransfer() : null;
        if (transfer != null) {
            cluster.attach(transfer);
        }
        for (int i = 0; i < layouts.size(); i++) {
            PoolLayout layout = layouts.get(i);
            PoolSpec p = layout.spec();
            if (p.autoscaling().isPresent()) {
                AutoscalingSpec a = p.autoscaling().get();
                Autoscaler.Policy policy = switch (a.policy()) {
                    case "utilization" -> new Autoscaler.Policy.Utilization(a.target());
                    case "queue" -> new Autoscaler.Policy.QueueLength(a.target());
                    default -> new Autoscaler.Policy.Schedule(a.scheduleAtNanos(), a.scheduleCounts());
                };
                // Every accelerator loads its own shard at once: the slowest is one accelerator's weights.
                long coldStart = a.coldStartNanos() + (Double.isNaN(a.storageGbPerS()) ? 0
                        : Math.round(layout.weightBytesPerGpu() / a.storageGbPerS()));
                autoscalers.add(new Autoscaler(sim, p.name(), layout.replicas(), policy, a.min(), p.replicas(),
                        a.intervalNanos(), coldStart, () -> true));
            }
            if (p.failures().isPresent()) {
                FailureSpec f = p.failures().get();
                // A replica fails when any of its accelerators does.
                double replicaMtbf = (double) f.mtbfNanos() / layout.acceleratorsPerReplica();
                injectors.add(new FailureInjector(sim, layout.replicas(), replicaMtbf, f.weibullShape(), f.repairNanos(),
                        f.coldStartNanos(), sim.random().stream("pool" + i + "/failures"), cluster::resubmit, () -> true));
                backgroundEvents += layout.replicas().size();
            }
        }
        backgroundEvents += autoscalers.size();

        this.overheadPerReplica = new double[all.size()];
        int k = 0;
        for (PoolLayout layout : layouts) {
            double each = fleet.pool(layout.spec().name()).overheadW() / layout.replicas().size();
            for (int r = 0; r < layout.replicas().size(); r++) {
                overheadPerReplica[k++] = each;
            }
        }
        this.sampler = new PowerSampler(sim, all, overheadPerReplica, scenario.facility().pue());

        RandomStreams streams = sim.random();
        var w = scenario.workload();
        long maxRequests = scenario.stop().requests();
        long endTime = scenario.stop().durationNanos();
        RequestBudget budget = new RequestBudget(maxRequests);
        if (w.trace().isPresent()) {
            TraceSpec t = w.trace().get();
            sources.add(new TraceSource(sim, Traffic.openTrace(t, scenario.seed(), streams),
                    Traffic.traceLengths(t, model, streams), cluster, pool, metrics, budget, endTime));
        } else {
            for (int i = 0; i < classes.size(); i++) {
                ClassSpec c = classes.get(i);
                String prefix = Traffic.streamPrefix(w, c);
                if (c.sessions().isPresent()) {
                    var s = c.sessions().get();
                    sources.add(new AgentSessionSource(sim,
                            Arrivals.of((ArrivalSpec.OpenLoop) c.arrivals(), streams.stream(prefix + "arrivals")),
                            Traffic.lengths(c.inputTokens(), model, streams, prefix + "input_tokens"),
                            Traffic.lengths(c.outputTokens(), model, streams, prefix + "output_tokens"),
                            Traffic.lengths(s.steps(), model, streams, prefix + "sessions.steps"),
                            Traffic.lengths(s.toolLatencyMs(), model, streams, prefix + "sessions.tool_latency_ms"),
                            Traffic.lengths(s.toolTokens(), model, streams, prefix + "sessions.tool_tokens"),
                            model.maxContext(), cluster, pool, metrics, budget, requestClass(c, i, streams, prefix), endTime));
                    continue;
                }
                RequestLengths lengths = Traffic.requestLengths(c, model, streams, prefix);
                sources.add(switch (c.arrivals()) {
                    case ArrivalSpec.OpenLoop o -> new ArrivalSource(sim, Arrivals.of(o, streams.stream(prefix + "arrivals")),
                            lengths, cluster, pool, metrics, budget, requestClass(c, i, streams, prefix), endTime);
                    case ArrivalSpec.ClosedLoop cl -> new ClosedLoopSource(sim, cl.users(), cl.thinkNanos(), lengths, cluster,
                            pool, metrics, budget, requestClass(c, i, streams, prefix), endTime);
                });
            }
        }
    }

    /**
     * What the router sees: the replicas pool after pool, its own random stream ("router"), and the
     * pools of the class-based and cascade routers, by index (the loader checked the names).
     */
    private RouterContext routerContext(List<Replica> entry, int[] starts) {
        List<PoolSpec> pools = scenario.cluster().pools().stream().filter(PoolSpec::takesArrivals).toList();
        RouterContext context = RouterContext.of(entry, sim.random().stream("router")).withPools(starts);
        RouterSpec router = scenario.cluster().router();
        List<String> names = pools.stream().map(PoolSpec::name).toList();
        if (router.name().equals("class-based")) {
            context = context.withClassPools(classes.stream().mapToInt(c -> names.indexOf(router.routes().get(c.name()))).toArray());
        } else if (router.name().equals("cascade")) {
            context = context.withCascade(names.indexOf(router.first()), names.indexOf(router.escalate()), router.escalateShare());
        }
        return context;
    }

    /**
     * The KV transfer of a disaggregated cluster: prefill pools send to decode pools over each
     * prefill replica's egress link, by default its accelerators' scale-out network together.
     */
    private KvTransfer kvTransfer() {
        String where = scenario.source() + ": cluster.pools: ";
        List<Replica> prefill = new ArrayList<>();
        List<Replica> decode = new ArrayList<>();
        PoolLayout first = null;
        for (PoolLayout layout : layouts) {
            String role = layout.spec().role();
            if (role.equals("prefill")) {
                prefill.addAll(layout.replicas());
                first = first == null ? layout : first;
            } else if (role.equals("decode")) {
                decode.addAll(layout.replicas());
            }
        }
        for (PoolLayout layout : layouts) {
            if (!layout.spec().role().equals("colocated") && !layout.model().equals(first.model())) {
                throw new TokenFabException(where + "pool " + layout.spec().name() + " serves " + layout.model() + " but pool "
                        + first.spec().name() + " " + first.model() + ": prefill and decode pools must serve the same model");
            }
        }
        double gbPerS = scenario.cluster().disaggregation().linkGbPerSecond();
        if (Double.isNaN(gbPerS)) {
            AcceleratorSpec a = scenario.catalog().accelerator(first.spec().accelerator());
            double perAccelerator = first.spec().system().map(id -> scenario.catalog().system(id).scaleOutGbitSPerAccelerator() / 8)
                    .orElse(a.scaleOutBytesPerSecond() / 1e9);
            if (!(perAccelerator > 0)) {
                throw new TokenFabException(where + "the catalog has no scale-out bandwidth for " + a.id()
                        + "; give cluster.disaggregation.link_gb_s");
            }
            gbPerS = perAccelerator * first.acceleratorsPerReplica();
        }
        return new KvTransfer(sim, metrics, prefill.toArray(Replica[]::new), decode.toArray(Replica[]::new),
                first.kvBytesPerToken(), gbPerS, scenario.cluster().disaggregation().latencyNanos());
    }

    /**
     * {@code kv_cache.blocks}, checked against what fits beside the weights with no activation
     * reserve at all (as vLLM's override also skips its memory profiling).
     */
    private long givenBlocks(PoolSpec p, Deployment deployment, MemoryModel memory) {
        long most = new MemoryModel(deployment, p.kvCache().memoryUtilization(), 0, null).kvCapacityTokens()
                / p.kvCache().blockTokens();
        if (p.kvCache().blocks() > most) {
            throw new TokenFabException(String.format(java.util.Locale.ROOT,
                    "kv_cache.blocks: %,d blocks of %d tokens (%.2f GB) do not fit beside the weights: at most %,d blocks "
                            + "with memory_utilization %.2f and no activation reserve (the memory model alone leaves %,d)",
                    p.kvCache().blocks(), p.kvCache().blockTokens(),
                    (double) p.kvCache().blocks() * p.kvCache().blockTokens() * memory.kvBytesPerTokenPerGpu() / 1e9, most,
                    p.kvCache().memoryUtilization(), memory.kvCapacityTokens() / p.kvCache().blockTokens()));
        }
        return p.kvCache().blocks();
    }

    /** The scenario this run simulates. */
    public Scenario scenario() {
        return scenario;
    }

    /** The cluster and the metrics, for tests that check invariants while the run goes on. */
    Cluster cluster() {
        return cluster;
    }

    MetricsRecorder metrics() {
        return metrics;
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static RequestClass requestClass(ClassSpec c, int index, RandomStreams streams, String prefix) {
        SharedPrefix shared = c.sharedPrefix()
                .map(sp -> new SharedPrefix(sp.tokens(), sp.variants())).orElse(null);
        long seed = shared == null ? 0 : streams.stream(prefix + "shared_prefix").nextLong();
        return new RequestClass(index, c.priority(), shared, seed);
    }

    /** Seed of replica {@code r} of pool {@code p}'s own random draws (speculative acceptance). */
    private long streams(int p, int r) {
        return sim.random().stream("pool" + p + "/replica" + r + "/speculative").nextLong();
    }

    /** The 1-second facility power windows (for tests). */
    PowerSampler sampler() {
        return sampler;
    }

    /** The configured fleet's power plan (for tests). */
    FleetPower fleet() {
        return fleet;
    }

    /** The time series' interval of simulated time (default 10 s); call before {@link #run()}. */
    public ScenarioRun interval(long nanos) {
        if (nanos <= 0) {
            throw new TokenFabException("the time-series interval must be > 0, was " + nanos + " ns");
        }
        notRun();
        this.intervalNanos = nanos;
        return this;
    }

    /** Streams one row per request that leaves the system to {@code dir/requests.csv}; call before {@link #run()}. */
    public ScenarioRun requestsCsv(java.nio.file.Path dir) {
        notRun();
        this.requestsCsvDir = dir;
        return this;
    }

    /**
     * Warm-up: latencies of requests arriving in the first {@code nanos} of simulated time are not
     * recorded (they still count as arrived and completed); call before {@link #run()}.
     */
    public ScenarioRun warmup(long nanos) {
        if (nanos < 0) {
            throw new TokenFabException("the warm-up must be >= 0, was " + nanos + " ns");
        }
        notRun();
        metrics.excludeLatencyBefore(nanos);
        return this;
    }

    /**
     * Tells {@code listener} about every time-series row as its interval closes, on the simulation
     * thread (keep it cheap: hand the immutable row to another thread); call before {@link #run()}.
     */
    public ScenarioRun onRow(java.util.function.Consumer<TimeSeries.Row> listener) {
        notRun();
        this.rowListener = listener;
        return this;
    }

    /**
     * Whether replicas fold consecutive decode-only steps into one event (on by default; results
     * are the same either way, only the engine's event count and speed differ). Off gives the
     * plain step-by-step reference run; call before {@link #run()}.
     */
    public ScenarioRun foldDecodeSteps(boolean fold) {
        notRun();
        for (PoolLayout layout : layouts) {
            layout.replicas().forEach(r -> r.foldDecodeSteps(fold));
        }
        return this;
    }

    /**
     * Tells {@code observer} about every iteration of replica {@code replica} (0-based) of pool
     * {@code pool}, on the simulation thread; call before {@link #run()}.
     */
    public ScenarioRun observeReplica(String pool, int replica, org.tokenfab.serving.StepObserver observer) {
        notRun();
        PoolLayout layout = layouts.stream().filter(l -> l.spec().name().equals(pool)).findFirst()
                .orElseThrow(() -> new TokenFabException("no pool named '" + pool + "'; pools: "
                        + layouts.stream().map(l -> l.spec().name()).toList()));
        if (replica < 0 || replica >= layout.replicas().size()) {
            throw new TokenFabException("pool '" + pool + "' has replicas 0 to " + (layout.replicas().size() - 1)
                    + ", not " + replica);
        }
        layout.replicas().get(replica).observeSteps(observer);
        return this;
    }

    /**
     * Asks a running (or not yet started) run to stop; safe from any thread. The run checks every
     * {@value #CANCEL_EVERY_EVENTS} events and then throws {@link RunCancelledException}.
     */
    public void cancel() {
        cancelled = true;
    }

    /** The run's TTFT, TPOT and end-to-end latency curves (after the warm-up); call after {@link #run()}. */
    public Cdfs latencyCdfs() {
        if (!ran) {
            throw new IllegalStateException("latency curves exist once the run has run");
        }
        return new Cdfs(LatencyCdf.of(metrics.ttft()), LatencyCdf.of(metrics.tpot()), LatencyCdf.of(metrics.e2e()));
    }

    /** A run's latency curves. */
    public record Cdfs(LatencyCdf ttft, LatencyCdf tpot, LatencyCdf e2e) {
    }

    /**
     * Stops the run cleanly, with partial results ({@link RunResult#partial()}), after
     * {@code maxEvents} engine events or {@code maxWallNanos} of wall-clock time (each
     * {@code Long.MAX_VALUE} for none), or, with {@code memoryGuard}, when the heap stays above
     * {@value #HEAP_GUARD_SHARE} of its maximum after a collection. Call before {@link #run()}.
     */
    public ScenarioRun bounds(long maxEvents, long maxWallNanos, boolean memoryGuard) {
        notRun();
        if (maxEvents < 1 || maxWallNanos < 1) {
            throw new TokenFabException("run bounds must be positive: --max-events " + maxEvents + ", --max-wall "
                    + maxWallNanos + " ns");
        }
        this.maxEvents = maxEvents;
        this.maxWallNanos = maxWallNanos;
        this.memoryGuard = memoryGuard;
        return this;
    }

    /**
     * Asks the run to stop at its next check and summarise what finished, flagged partial with
     * {@code stopped_by: interrupted} (Ctrl-C); safe from any thread. Unlike {@link #cancel()}, the
     * run still returns a result.
     */
    public void interrupt() {
        interrupted = true;
    }

    /** Share of the maximum heap that, still used after a collection, stops a guarded run. */
    static final double HEAP_GUARD_SHARE = 0.9;

    /** The warm-up, ns of simulated time (0 without). */
    public long warmupNanos() {
        return metrics.latencyFrom();
    }

    /** The run over time, one row per interval and pool; null before {@link #run()} returned. */
    public TimeSeries timeSeries() {
        return ran ? timeSeries : null;
    }

    private void notRun() {
        if (ran) {
            throw new IllegalStateException("configure a ScenarioRun before it runs");
        }
    }

    /** Runs the scenario to the end: arrivals stop, every request in flight completes. */
    public RunResult run() {
        return run(Progress.NONE);
    }

    /**
     * Runs the scenario to the end, telling {@code progress} how far arrivals have come every
     * {@value #PROGRESS_EVERY_EVENTS} events (from the simulation thread; keep it cheap).
     */
    public RunResult run(Progress progress) {
        if (ran) {
            throw new IllegalStateException("a ScenarioRun runs once");
        }
        ran = true;
        long wallStart = System.nanoTime();
        if (maxWallNanos != Long.MAX_VALUE) {
            wallDeadline = wallStart + maxWallNanos;
        }
        if (memoryGuard) {
            HeapGuard.arm(HEAP_GUARD_SHARE);
        }
        for (TrafficSource source : sources) {
            source.start();
        }
        List<String> poolNames = layouts.stream().map(l -> l.spec().name()).toList();
        timeSeries = new TimeSeries(sim, cluster, metrics, poolNames,
                layouts.stream().map(PoolLayout::replicas).toList(), overheadPerReplica, scenario.facility().pue(),
                intervalNanos);
        timeSeries.listen(rowListener);
        RequestsCsv requests = requestsCsvDir == null ? null
                : new RequestsCsv(requestsCsvDir, classes.stream().map(ClassSpec::name).toList(), metrics);
        sampler.start();
        timeSeries.start();
        autoscalers.forEach(Autoscaler::start);
        injectors.forEach(FailureInjector::start);
        // The run is over when only background events are left -- the power sampler's next window,
        // the autoscalers' next looks, the next failures and repairs -- and nothing is in flight:
        // they would otherwise move the clock past the last request.
        try {
            if (progress == Progress.NONE) {
                sim.run(StopCondition.when(() -> over() || cancelCheck()));
            } else {
                sim.run(StopCondition.when(() -> {
                    if (sim.eventsProcessed() % PROGRESS_EVERY_EVENTS == 0) {
                        progress.update(arrivalFraction(), sim.eventsProcessed());
                    }
                    return over() || cancelCheck();
                }));
            }
            if (cancelled) {
                throw new RunCancelledException(scenario.name(), sim.now(), sim.eventsProcessed());
            }
        } finally {
            if (requests != null) {
                requests.close();
            }
        }
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        return summarise(wallSeconds);
    }

    /** True once {@link #cancel()} was called, looked at every {@value #CANCEL_EVERY_EVENTS} events (a volatile read). */
    private boolean cancelCheck() {
        if ((sim.eventsProcessed() & (CANCEL_EVERY_EVENTS - 1)) != 0) {
            return false;
        }
        if (cancelled) {
            return true;
        }
        if (interrupted) {
            stoppedBy = "interrupted";
        } else if (sim.eventsProcessed() >= maxEvents) {
            stoppedBy = "max-events";
        } else if (wallDeadline != Long.MAX_VALUE && System.nanoTime() - wallDeadline >= 0) {
            stoppedBy = "max-wall";
        } else if (memoryGuard && HeapGuard.exceeded()) {
            stoppedBy = "memory";
        }
        return stoppedBy != null;
    }

    private boolean over() {
        int background = backgroundEvents + (sampler.hasPendingEvent() ? 1 : 0) + (timeSeries.hasPendingEvent() ? 1 : 0);
        return sim.pendingEvents() <= background && cluster.inFlight() == 0;
    }

    /** Share of the arrivals done: by request count or by simulated time, whichever limit is nearer. */
    private double arrivalFraction() {
        double byCount = scenario.stop().requests() == Long.MAX_VALUE ? 0
                : (double) sources.stream().mapToLong(TrafficSource::created).sum() / scenario.stop().requests();
        double byTime = scenario.stop().durationNanos() == Long.MAX_VALUE ? 0
                : (double) sim.now() / scenario.stop().durationNanos();
        return Math.min(1, Math.max(byCount, byTime));
    }

    private RunResult summarise(double wallSeconds) {
        long now = sim.now();
        for (Replica r : cluster.replicas()) {
            r.settleRequests(now); // folded decode steps that ended by now count before anything is read
        }
        double seconds = now / 1e9;
        sampler.finish(now);
        timeSeries.finish(now);
        List<PoolResult> pools = new ArrayList<>();
        List<PoolCost> costs = new ArrayList<>();
        int firstReplica = 0;
        for (PoolLayout layout : layouts) {
            long routed = 0;
            for (int i = 0; i < layout.replicas().size(); i++) {
                routed += cluster.routed(firstReplica + i);
            }
            firstReplica += layout.replicas().size();
            double busy = 0;
            double kv = 0;
            double running = 0;
            double mfu = 0;
            double mbu = 0;
            double joules = 0;
            long preemptions = 0;
            long steps = 0;
            long swaps = 0;
            long tooLong = 0;
            long queueFull = 0;
            long timeout = 0;
            long lookedUp = 0;
            long gpuHits = 0;
            long cpuHits = 0;
            long drafts = 0;
            long accepted = 0;
            long off = 0;
            long down = 0;
            long failures = 0;
            long handedOff = 0;
            for (Replica r : layout.replicas()) {
                off += r.offNanos(now);
                down += r.downNanos(now);
                failures += r.failures();
                handedOff += r.handedOff();
                ReplicaStats s = r.stats(now);
                busy += now == 0 ? 0 : (double) s.busyNanos() / now;
                kv += s.meanKvOccupancy();
                running += s.meanRunningRequests();
                mfu += s.mfu();
                mbu += s.mbu();
                joules += s.acceleratorJoules();
                preemptions += s.preemptions();
                steps += s.steps();
                swaps += s.swapOuts();
                tooLong += s.rejectedTooLong();
                queueFull += s.rejectedQueueFull();
                timeout += s.rejectedTimeout();
                lookedUp += s.promptTokensLookedUp();
                gpuHits += s.gpuHitTokens();
                cpuHits += s.cpuHitTokens();
                drafts += s.draftTokens();
                accepted += s.acceptedDraftTokens();
            }
            int n = layout.replicas().size();
            PoolSpec p = layout.spec();
            // Switched-off replicas draw nothing, node overhead included.
            double upFraction = now == 0 ? 1 : 1 - (double) off / ((double) n * now);
            FleetPower.Pool power = fleet.pool(p.name());
            PoolCost cost = PoolCost.of(p.name(), p.cost(), scenario.catalog().accelerator(p.accelerator()));
            costs.add(cost);
            pools.add(new PoolResult(p.name(), p.accelerator(), p.system().orElse(null), n, p.parallelism().tp(),
                    layout.stages(), p.parallelism().ep(), layout.kvCapacityTokens(),
                    busy / n, kv / n, running / n, preemptions, steps, n * layout.acceleratorsPerReplica(), mfu / n, mbu / n,
                    power.capW(), joules, p.batching().policy(), swaps, tooLong, queueFull, timeout,
                    p.kvCache().prefixCaching() ? ratio(gpuHits, lookedUp) : Double.NaN,
                    p.kvCache().prefixCaching() ? ratio(cpuHits, lookedUp) : Double.NaN,
                    p.speculative().isPresent() ? ratio(accepted, drafts) : Double.NaN,
                    p.model().orElse(scenario.model()), routed, power.nodes(), power.overheadW() * upFraction,
                    FacilityResult.poolUsdPerHour(cost, n * layout.acceleratorsPerReplica(), joules,
                            power.overheadW() * upFraction, seconds, scenario.facility()),
                    new PoolResult.Lifecycle(p.role(), n * upFraction - (now == 0 ? 0 : (double) down / now), failures, down / 1e9,
                            handedOff)));
        }
        FacilityResult facility = FacilityResult.of(pools, costs, fleet, scenario.facility(), sampler.peakW(), seconds,
                metrics.outputTokens(), metrics.completedInputTokens());
        return new RunResult(scenario.name(), scenario.description(), scenario.seed(), metrics.arrived(),
                metrics.completed(), metrics.rejected(), LatencySummary.of(metrics.ttft()),
                LatencySummary.of(metrics.tpot()), LatencySummary.of(metrics.itl()), LatencySummary.of(metrics.e2e()),
                perSecond(metrics.outputTokens(), seconds), perSecond(metrics.completedInputTokens(), seconds),
                perSecond(metrics.completed(), seconds), metrics.outputTokens(), metrics.completedInputTokens(), pools,
                seconds, wallSeconds, sim.eventsProcessed() - sampler.events() - timeSeries.events(), pool.created(), classResults(seconds),
                LatencySummary.of(metrics.ttfa()), facility,
                autoscalers.stream().flatMap(a -> a.events().stream())
                        .sorted(java.util.Comparator.comparingLong(Autoscaler.ScaleEvent::timeNanos)).toList(),
                transfer == null ? null : transfer.stats(), stoppedBy);
    }

    private List<ClassResult> classResults(double seconds) {
        List<ClassResult> results = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            ClassMetrics m = metrics.byClass(i);
            results.add(new ClassResult(classes.get(i).name(), m.arrived(), m.completed(), m.rejected(),
                    LatencySummary.of(m.ttft()), LatencySummary.of(m.tpot()), LatencySummary.of(m.e2e()), ms(m.ttftSloNanos()),
                    ms(m.tpotSloNanos()), m.completed() == 0 ? Double.NaN : (double) m.metSlo() / m.completed(),
                    perSecond(m.metSlo(), seconds), LatencySummary.of(m.ttfa())));
        }
        return results;
    }

    private static double ms(long nanos) {
        return nanos == Long.MAX_VALUE ? Double.NaN : nanos / 1e6;
    }

    private static double perSecond(long count, double seconds) {
        return seconds > 0 ? count / seconds : 0;
    }
}
