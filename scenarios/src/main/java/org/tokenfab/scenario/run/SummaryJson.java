package org.tokenfab.scenario.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.tokenfab.sim.TokenFabException;

/**
 * Writes a {@link RunResult} as {@code summary.json}. The keys are a stable, documented schema (see
 * the README); they are written in a fixed order with {@code \n} line ends, so two runs with the same
 * scenario and seed give identical files apart from {@code wall_seconds}. Undefined figures (a
 * percentile of nothing) are {@code null}.
 */
public final class SummaryJson {
    /** Bumped when a key changes meaning or disappears; new keys do not bump it. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SummaryJson() {
    }

    public static String toJson(RunResult r) {
        ObjectNode root = JSON.createObjectNode();
        fill(root, r);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a summary", e);
        }
    }

    /**
     * A sweep point's summary as one line of {@code points.jsonl} (no line end): the keys of
     * {@link #toJson}, after a first key {@code "point"}, without indentation.
     */
    public static String toLine(RunResult r, int point) {
        ObjectNode root = JSON.createObjectNode();
        root.put("point", point);
        fill(root, r);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a summary", e);
        }
    }

    private static void fill(ObjectNode root, RunResult r) {
        root.put("schema_version", SCHEMA_VERSION);
        root.put("scenario", r.scenario());
        root.put("description", r.description());
        root.put("seed", r.seed());

        ObjectNode requests = root.putObject("requests");
        requests.put("arrived", r.arrived());
        requests.put("completed", r.completed());
        requests.put("rejected", r.rejected());
        requests.put("peak_in_flight", r.peakInFlight());

        ObjectNode latency = root.putObject("latency_ms");
        latency(latency.putObject("ttft"), r.ttft());
        latency(latency.putObject("ttfa"), r.ttfa());
        latency(latency.putObject("tpot"), r.tpot());
        latency(latency.putObject("itl"), r.itl());
        latency(latency.putObject("e2e"), r.e2e());

        ObjectNode throughput = root.putObject("throughput");
        number(throughput, "output_tokens_per_s", r.outputTokensPerSecond());
        number(throughput, "input_tokens_per_s", r.inputTokensPerSecond());
        number(throughput, "requests_per_s", r.requestsPerSecond());

        ObjectNode tokens = root.putObject("tokens");
        tokens.put("output", r.outputTokens());
        tokens.put("input", r.inputTokens());

        var scale = root.putArray("scale_events");
        for (var e : r.scaleEvents()) {
            ObjectNode event = scale.addObject();
            number(event, "time_s", e.timeNanos() / 1e9);
            event.put("pool", e.pool());
            event.put("from", e.from());
            event.put("to", e.to());
        }
        if (r.kvTransfers() == null) {
            root.putNull("kv_transfer");
        } else {
            ObjectNode t = root.putObject("kv_transfer");
            t.put("transfers", r.kvTransfers().transfers());
            number(t, "gb", r.kvTransfers().bytes() / 1e9);
            number(t, "mean_queueing_ms", r.kvTransfers().meanQueueingMs());
            number(t, "max_queueing_ms", r.kvTransfers().maxQueueingMs());
        }

        var pools = root.putArray("pools");
        for (PoolResult p : r.pools()) {
            ObjectNode pool = pools.addObject();
            pool.put("name", p.name());
            pool.put("accelerator", p.accelerator());
            pool.put("model", p.model());
            pool.put("replicas", p.replicas());
            pool.put("requests", p.requests());
            pool.put("system", p.system());
            pool.put("tp", p.tp());
            pool.put("pp", p.pp());
            pool.put("ep", p.ep());
            pool.put("kv_capacity_tokens_per_replica", p.kvCapacityTokens());
            number(pool, "busy_fraction", p.busyFraction());
            number(pool, "mean_kv_occupancy", p.meanKvOccupancy());
            number(pool, "mean_running_requests", p.meanRunningRequests());
            pool.put("preemptions", p.preemptions());
            pool.put("steps", p.steps());
            pool.put("accelerators", p.accelerators());
            number(pool, "mfu", p.mfu());
            number(pool, "mbu", p.mbu());
            number(pool, "power_cap_w", p.powerCapW());
            number(pool, "mean_power_w_per_accelerator", p.meanWattsPerAccelerator(r.simulatedSeconds()));
            number(pool, "accelerator_energy_j", p.acceleratorJoules());
            pool.put("batching_policy", p.policy());
            pool.put("role", p.lifecycle().role());
            number(pool, "mean_replicas_up", p.lifecycle().meanReplicasUp());
            pool.put("failures", p.lifecycle().failures());
            number(pool, "down_replica_s", p.lifecycle().downSeconds());
            pool.put("handed_off", p.lifecycle().handedOff());
            pool.put("swap_outs", p.swapOuts());
            ObjectNode rejected = pool.putObject("rejected");
            rejected.put("too_long", p.rejectedTooLong());
            rejected.put("queue_full", p.rejectedQueueFull());
            rejected.put("timeout", p.rejectedTimeout());
            number(pool, "prefix_cache_hit_ratio", p.prefixHitRatio());
            number(pool, "cpu_tier_hit_ratio", p.cpuTierHitRatio());
            number(pool, "draft_acceptance_rate", p.draftAcceptance());
            pool.put("nodes", p.nodes());
            number(pool, "node_overhead_w", p.nodeOverheadW());
            number(pool, "cost_usd_per_hour", p.costUsdPerHour());
        }

        var classes = root.putArray("classes");
        for (ClassResult c : r.classes()) {
            ObjectNode node = classes.addObject();
            node.put("name", c.name());
            node.put("arrived", c.arrived());
            node.put("completed", c.completed());
            node.put("rejected", c.rejected());
            latency(node.putObject("ttft_ms"), c.ttft());
            latency(node.putObject("ttfa_ms"), c.ttfa());
            latency(node.putObject("tpot_ms"), c.tpot());
            latency(node.putObject("e2e_ms"), c.e2e());
            ObjectNode slo = node.putObject("slo");
            number(slo, "ttft_ms", c.ttftSloMs());
            number(slo, "tpot_ms", c.tpotSloMs());
            number(slo, "attainment", c.sloAttainment());
            number(node, "goodput_requests_per_s", c.goodput());
        }

        // Accelerator energy only, kept for schema 1; node overhead and PUE are in power_w and energy_j.
        ObjectNode energy = root.putObject("energy");
        energy.put("scope", "accelerators only (no node overhead, no PUE)");
        double joules = r.pools().stream().mapToDouble(PoolResult::acceleratorJoules).sum();
        number(energy, "accelerator_joules", joules);
        number(energy, "output_tokens_per_joule", r.outputTokens() / joules);

        facility(root, r);
        number(root, "goodput_rps", r.goodputRps());

        root.put("partial", r.partial());
        if (r.partial()) {
            root.put("stopped_by", r.stoppedBy());
        }
        number(root, "simulated_seconds", r.simulatedSeconds());
        number(root, "wall_seconds", r.wallSeconds());
        root.put("events", r.events());
    }

    /** Writes {@code summary.json} into {@code dir} atomically: readers never see half a file. */
    public static Path write(RunResult r, Path dir) {
        return AtomicFiles.write(dir.resolve("summary.json"), toJson(r));
    }

    /** Power, energy, tokens per joule and cost of the fleet as a datacenter (see {@link FacilityResult}). */
    private static void facility(ObjectNode root, RunResult r) {
        FacilityResult f = r.facility();
        ObjectNode facility = root.putObject("facility");
        number(facility, "pue", f.pue());
        number(facility, "electricity_usd_per_kwh", f.electricityUsdPerKwh());
        number(facility, "power_budget_w", f.powerBudgetW());
        facility.put("over_budget", f.overBudget());
        number(facility, "power_cap_fraction_of_tdp", f.capFraction());
        facility.put("note", f.note());
        ObjectNode power = root.putObject("power_w");
        number(power, "accelerators_mean", f.acceleratorsMeanW());
        number(power, "it_mean", f.itMeanW());
        number(power, "facility_mean", f.facilityMeanW());
        number(power, "facility_peak", f.facilityPeakW());
        number(power, "fleet_peak_configured", f.fleetPeakConfiguredW());
        ObjectNode energy = root.putObject("energy_j");
        number(energy, "accelerators", f.acceleratorJoules());
        number(energy, "it", f.itJoules());
        number(energy, "facility", f.facilityJoules());
        ObjectNode perJoule = root.putObject("tokens_per_joule");
        number(perJoule, "output_facility", f.outputTokensPerFacilityJoule());
        number(perJoule, "output_accelerators", f.outputTokensPerAcceleratorJoule());
        ObjectNode cost = root.putObject("cost");
        number(cost, "usd_total", f.usdTotal());
        number(cost, "usd_per_hour", f.usdPerHour());
        number(cost, "usd_energy", f.usdEnergy());
        number(cost, "usd_per_million_output_tokens", f.usdPerMillionOutputTokens());
        number(cost, "usd_per_million_input_tokens", f.usdPerMillionInputTokens());
        cost.put("source", f.costSource());
    }

    private static void latency(ObjectNode node, LatencySummary s) {
        node.put("count", s.count());
        number(node, "mean", s.mean());
        number(node, "p50", s.p50());
        number(node, "p90", s.p90());
        number(node, "p95", s.p95());
        number(node, "p99", s.p99());
        number(node, "p99_9", s.p999());
        number(node, "max", s.max());
    }

    /** Finite numbers rounded to 6 decimals (sub-nanosecond for ms); NaN and infinities as null. */
    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, Math.round(value * 1e6) / 1e6);
        } else {
            node.putNull(key);
        }
    }
}
