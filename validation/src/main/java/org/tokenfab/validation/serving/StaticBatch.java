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
 * A static-batch case: for each point, {@code batch} identical requests arrive together (closed
 * loop, one request per user) and a request-level batcher (dynamic, waiting for the whole batch)
 * prefills them in one iteration and decodes them together; the prefill time is the TTFT and the
 * decode iteration time the TPOT.
 */
final class StaticBatch {
    static final double TTFT_BOUND = TraceReplay.TTFT_BOUND;
    static final double TPOT_BOUND = TraceReplay.TPOT_BOUND;

    private StaticBatch() {
    }

    static List<CaseOutcome> run(ServingCase c, Catalog catalog, Function<String, EngineProfile> engines) {
        List<CaseOutcome> out = new ArrayList<>();
        for (int i = 0; i < c.points().size(); i++) {
            ServingCase.Point p = c.points().get(i);
            int output = output(p, contextOf(c, catalog));
            Scenario s = new ScenarioLoader(catalog).parse(c.file() + " (scenario)", scenario(c, p, output),
                    batcher(c, p, output));
            RunResult r = new ScenarioRun(s, engines).run();
            out.add(new CaseOutcome(c.name(), p.label(), "TTFT mean (ms)", r.ttft().mean(), p.ttftMs(), TTFT_BOUND,
                    c.calibrationPoint(i)));
            out.add(new CaseOutcome(c.name(), p.label(), "TPOT mean (ms)", r.tpot().mean(), p.tpotMs(), TPOT_BOUND,
                    c.calibrationPoint(i)));
        }
        return out;
    }

    /** The longest context of the case's model (its scenario's {@code model:} line). */
    static int contextOf(ServingCase c, Catalog catalog) {
        return catalog.model(c.modelId()).maxContext();
    }

    /** The case's scenario with this point's traffic; {@code output} from {@link #output}. */
    static String scenario(ServingCase c, ServingCase.Point p, int output) {
        return c.scenarioText().stripTrailing() + "\n" + """
                requests: %d
                workload:
                  arrivals: { process: closed-loop, users: %d }
                  input_tokens: { dist: fixed, tokens: %d }
                  output_tokens: { dist: fixed, tokens: %d }
                """.formatted(p.batch(), p.batch(), p.prompt(), output);
    }

    /**
     * Outputs longer than the model's context (Llama-2: 4,096 tokens) are cut to fit, as the measured
     * engine must also have done, but at least 2 tokens remain so that one decode iteration is timed.
     */
    static int output(ServingCase.Point p, int context) {
        return Math.max(2, Math.min(p.output(), context - p.prompt()));
    }

    /**
     * A request-level batch of exactly {@code batch}: the dynamic batcher waits (up to 1 s) until
     * all have arrived; the KV cache holds exactly the batch, in all the memory beside the weights
     * (the measured engine did hold it; the question here is step time, not memory planning; the
     * run still checks that it fits).
     */
    private static List<String> batcher(ServingCase c, ServingCase.Point p, int output) {
        long blocks = (long) p.batch() * ((p.prompt() + output + 15) / 16);
        return List.of(c.engineOverride(), "cluster.pools[0].batching.policy=dynamic", "cluster.pools[0].batching.max_seqs=" + p.batch(),
                "cluster.pools[0].batching.max_queue_delay=1s", "cluster.pools[0].kv_cache.blocks=" + blocks, "cluster.pools[0].kv_cache.memory_utilization=1");
    }
}
