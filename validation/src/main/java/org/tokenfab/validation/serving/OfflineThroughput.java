package org.tokenfab.validation.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.Precision;
import org.tokenfab.hardware.cost.EngineProfile;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.ScenarioRun;

/**
 * An offline-throughput case (trtllm-bench style): as many requests as the measured run had (its
 * dataset, {@code requests} on the point), of fixed lengths, all present at time 0 (concurrency
 * unbounded), one replica, chunked prefill with the sequences and tokens a step that trtllm-bench
 * chose for the run ({@link TrtllmBenchLimits}: its own rule from the checkpoint, the GPUs and the
 * dataset's lengths; with attention data parallel every rank has its own, so the replica's are that
 * many times larger); admission as TensorRT-LLM's default capacity scheduler (GUARANTEED_NO_EVICT:
 * a request starts when its whole prompt and output fit, nothing is preempted); output tokens per
 * second per accelerator over the whole run. The same rule serves every point: nothing is chosen
 * per case.
 */
final class OfflineThroughput {
    static final double BOUND = 0.15;
    /** The LLM API's default max_batch_size, per rank (when trtllm-bench does not size it). */
    static final int MAX_SEQS = 2048;
    /** The LLM API's default max_num_tokens, per rank (when trtllm-bench does not size it). */
    static final int MAX_BATCH_TOKENS = 8192;

    private OfflineThroughput() {
    }

    static List<CaseOutcome> run(ServingCase c, Catalog catalog, Function<String, EngineProfile> engines) {
        List<CaseOutcome> out = new ArrayList<>();
        for (int i = 0; i < c.throughputPoints().size(); i++) {
            ServingCase.ThroughputPoint p = c.throughputPoints().get(i);
            TrtllmBenchLimits limits = limits(c, p, catalog);
            Scenario s = new ScenarioLoader(catalog).parse(c.file() + " (scenario)", scenario(c, p, limits),
                    List.of(c.engineOverride()));
            RunResult r = new ScenarioRun(s, engines).run();
            out.add(new CaseOutcome(c.name(), p.label(), "output throughput (tok/s per GPU)",
                    r.outputTokensPerSecond() / p.gpus(), p.outputTokensPerSecondPerGpu(), BOUND, c.calibrationPoint(i)));
        }
        return out;
    }

    /** The limits trtllm-bench chose for this point ({@link TrtllmBenchLimits}), for the case's model. */
    static TrtllmBenchLimits limits(ServingCase c, ServingCase.ThroughputPoint p, Catalog catalog) {
        return TrtllmBenchLimits.of(catalog.model(c.modelId()), catalog.accelerator(p.accelerator()), p.gpus(),
                Precision.parse(p.weights()), Precision.parse(p.kvCache()), p.isl(), p.osl());
    }

    /**
     * The case's scenario (its name and model) with this point's hardware, parallelism, precision
     * and traffic, and {@code limits} per attention rank.
     */
    static String scenario(ServingCase c, ServingCase.ThroughputPoint p, TrtllmBenchLimits limits) {
        return c.scenarioText().stripTrailing() + "\n" + """
                requests: %d
                precision: { weights: %s, compute: %s, kv_cache: %s }
                cluster:
                  pools:
                    - accelerator: %s
                      parallelism: { tp: %d, ep: %d }
                      batching: { policy: chunked-prefill, max_batch_tokens: %d, max_seqs: %d }
                      kv_cache: { admission: no-evict }
                workload:
                  arrivals: { process: closed-loop, users: %d }
                  input_tokens: { dist: fixed, tokens: %d }
                  output_tokens: { dist: fixed, tokens: %d }
                """.formatted(p.requests(), p.weights(), p.compute(), p.kvCache(), p.accelerator(), p.tp(), p.ep(),
                limits.maxNumTokens() * p.attentionRanks(), limits.maxBatchSize() * p.attentionRanks(), p.requests(),
                p.isl(), p.osl());
    }
}
