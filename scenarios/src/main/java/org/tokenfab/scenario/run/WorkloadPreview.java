package org.tokenfab.scenario.run;

import org.tokenfab.scenario.ArrivalSpec;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.WorkloadSpec;
import org.tokenfab.sim.RandomStreams;
import org.tokenfab.sim.TokenFabException;
import org.tokenfab.workload.ArrivalProcess;
import org.tokenfab.workload.LengthDraw;
import org.tokenfab.workload.RequestLengths;
import org.tokenfab.workload.trace.TraceReader;
import org.tokenfab.workload.trace.TraceRecord;

/**
 * The requests a scenario's workload would send, without simulating the cluster: for
 * {@code tokenfab workload describe} and {@code --export}. Uses the same samplers and stream names
 * as a run, so the requests are exactly those a run with the same seed receives.
 */
public final class WorkloadPreview {
    /** Receives each request in arrival order. */
    @FunctionalInterface
    public interface Sink {
        void request(long arrivalNanos, int inputTokens, int outputTokens);
    }

    private WorkloadPreview() {
    }

    /**
     * Generates the scenario's requests, at most {@code limit} of them.
     *
     * @throws TokenFabException for closed-loop traffic, whose timing depends on the cluster
     */
    public static long generate(Scenario scenario, long limit, Sink sink) {
        WorkloadSpec w = scenario.workload();
        long max = Math.min(limit, scenario.stop().requests());
        long end = scenario.stop().durationNanos();
        long n = 0;
        if (w.trace().isPresent()) {
            TraceRecord r = new TraceRecord();
            RandomStreams streams = new RandomStreams(scenario.seed());
            RequestLengths lengths = Traffic.traceLengths(w.trace().get(), scenario.catalog().model(scenario.model()), streams);
            LengthDraw draw = new LengthDraw();
            try (TraceReader reader = Traffic.openTrace(w.trace().get(), scenario.seed(), streams)) {
                while (n < max && reader.next(r) && r.arrivalNanos <= end) {
                    if (lengths != null) {
                        lengths.sample(draw);
                        sink.request(r.arrivalNanos, draw.input(), draw.output());
                    } else {
                        sink.request(r.arrivalNanos, r.inputTokens, r.outputTokens);
                    }
                    n++;
                }
            }
            return n;
        }
        if (!w.classes().isEmpty()) {
            throw new TokenFabException(scenario.source() + ": workload.classes: describing a mix of classes is not"
                    + " supported yet; describe one class at a time (--set workload=...)");
        }
        if (w.sessions().isPresent()) {
            throw new TokenFabException(scenario.source() + ": workload.sessions: agentic sessions send their next call when"
                    + " the previous one finishes, so their timing follows the cluster; run the scenario to see its traffic");
        }
        if (!(w.arrivals() instanceof ArrivalSpec.OpenLoop open)) {
            throw new TokenFabException(scenario.source() + ": workload.arrivals: closed-loop traffic has no arrival times"
                    + " of its own (they follow the cluster's speed); run the scenario to see its traffic");
        }
        // Same stream names as ScenarioRun, so the draws are identical.
        RandomStreams streams = new RandomStreams(scenario.seed());
        RequestLengths lengths = Traffic.requestLengths(w.asClasses().get(0), scenario.catalog().model(scenario.model()), streams,
                "workload.");
        ArrivalProcess arrivals = Arrivals.of(open, streams.stream("workload.arrivals"));
        LengthDraw draw = new LengthDraw();
        long now = arrivals.nextArrivalAfter(0);
        while (n < max && now <= end) {
            lengths.sample(draw);
            sink.request(now, draw.input(), draw.output());
            n++;
            now = arrivals.nextArrivalAfter(now);
        }
        return n;
    }
}
