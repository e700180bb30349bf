package org.tokenfab.validation.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.cost.EngineProfile;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLoader;
import org.tokenfab.scenario.run.RunResult;
import org.tokenfab.scenario.run.ScenarioRun;

/**
 * An offline-throughput case (trtllm-bench style): as many requests as the measured run had (its
 * dataset, {@code requests} on the point), of fixed lengths, all present at time 0 (concurrency
 * unbounded), one replica, chunked prefill with TensorRT-LLM's default budgets per rank
 * ({@value #MAX_BATCH_TOKENS} tokens and {@value #MAX_SEQS} sequences a step; with attention data
 * parallel every rank has its own, so the replica's are that many times larger), so the KV cache
 * is what bounds the batch; admission as TensorRT-LLM's default capacity scheduler
 * (GUARANTEED_NO_EVICT: a request starts when its whole prompt and output fit, nothing is
 * preempted); output tokens per second per accelerator over the whole run.
 * The same settings serve every point: nothing is chosen per case.
 */
final class OfflineThroughput {
    static final double BOUND = 0.15;
    /** TensorRT-LLM's default max_batch_size, per rank. */
    static final int MAX_SEQS = 2048;
    /** TensorRT-LLM's default max_num_tokens, per rank. */
    static final int MAX_BATCH_TOKENS = 8192;

    private OfflineThroughput() {
    }

    static List<CaseOutcome> run(ServingCase c, Catalog catalog, Function<String, EngineProfile> engines) {
        List<CaseOutcome> out = new ArrayList<>();
        for (int i = 0; i < c.throughputPoints().size(); i++) {
            ServingCase.ThroughputPoint p = c.throughputPoints().get(i);
            Scenario s = new ScenarioLoader(catalog).parse(c.file() + " (scenario)", scenario(c, p),
                    List.of(c.engineOverride()));
            RunResult r = new ScenarioRun(s, engines).run();
            out.add(new CaseOutcome(c.name(), p.label(), "output throughput (tok/s per GPU)",
                    r.outputTokensPerSecond() / p.gpus(), p.outputTokensPerSecondPerGpu(), BOUND, c.calibrationPoint(i)));
        }
        return out;
    }

    /** The case's scenario (its name and model) with this point's hardware, parallelism, precision and traffic. */
    static String scenario(ServingCase c, ServingCase.ThroughputPoint p) {
        String kv = p.precision().equals("fp4") ? "fp8" : p.precision();
        return c.scenarioText().stripTrailing() + "\n" + """
                requests: %d
                precision: { weights: %s, kv_cache: %s }
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
                """.formatted(p.requests(), p.precision(), kv, p.accelerator(), p.tp(), p.ep(),
                MAX_BATCH_TOKENS * p.attentionRanks(), MAX_SEQS * p.attentionRanks(), p.requests(), p.isl(), p.osl());
    }
}
