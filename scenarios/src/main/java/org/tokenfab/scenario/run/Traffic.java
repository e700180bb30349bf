package org.tokenfab.scenario.run;

import org.tokenfab.scenario.ReasoningSpec;
import org.tokenfab.workload.QuantileTable;
import org.tokenfab.workload.ReasoningSplit;
import java.nio.file.Path;

import org.tokenfab.hardware.ModelSpec;
import org.tokenfab.scenario.LengthSpec;
import org.tokenfab.scenario.TraceSpec;
import org.tokenfab.scenario.ClassSpec;
import org.tokenfab.scenario.WorkloadSpec;
import org.tokenfab.sim.RandomStreams;
import org.tokenfab.workload.CorrelatedLengths;
import org.tokenfab.workload.EmpiricalLength;
import org.tokenfab.workload.FixedLength;
import org.tokenfab.workload.IndependentLengths;
import org.tokenfab.workload.LognormalLength;
import org.tokenfab.workload.QuantileFunction;
import org.tokenfab.workload.RequestLengths;
import org.tokenfab.workload.TokenLengthDistribution;
import org.tokenfab.workload.UniformLength;
import org.tokenfab.workload.ZipfLength;
import org.tokenfab.workload.trace.BundledTraces;
import org.tokenfab.workload.trace.ReplayOptions;
import org.tokenfab.workload.trace.TraceFormats;
import org.tokenfab.workload.trace.TraceInput;
import org.tokenfab.workload.trace.TraceReader;

/**
 * The registry from workload specs to the workload module's samplers and readers, shared by a run
 * and by {@code workload describe} so both draw exactly the same requests (same stream names).
 */
final class Traffic {
    private Traffic() {
    }

    static TokenLengthDistribution lengths(LengthSpec spec, ModelSpec model, RandomStreams streams, String name) {
        return switch (spec) {
            case LengthSpec.Fixed f -> new FixedLength(f.tokens());
            case LengthSpec.Lognormal l -> LognormalLength.fromMuSigma(l.mu(), l.sigma(),
                    l.max() == 0 ? model.maxContext() : l.max(), streams.stream(name));
            case LengthSpec.Uniform u -> new UniformLength(u.min(), u.max(), streams.stream(name));
            case LengthSpec.Empirical e -> EmpiricalLength.bundled(e.table(), streams.stream(name));
            case LengthSpec.Zipf z -> new ZipfLength(z.max(), z.exponent(), streams.stream(name));
        };
    }

    /** Input and output lengths, independent or joined by a Gaussian copula. */
    /** Lengths for a trace without them, or null when the trace carries its own. */
    static RequestLengths traceLengths(TraceSpec t, ModelSpec model, RandomStreams streams) {
        if (t.inputTokens() == null) {
            return null;
        }
        return new IndependentLengths(lengths(t.inputTokens(), model, streams, "workload.trace.input_tokens"),
                lengths(t.outputTokens(), model, streams, "workload.trace.output_tokens"));
    }

    /** Stream-name prefix of a class: the single class keeps the plain {@code workload.} names. */
    static String streamPrefix(WorkloadSpec w, ClassSpec c) {
        return w.classes().isEmpty() ? "workload." : "workload.classes." + c.name() + ".";
    }

    /** Opens the trace; {@code streams} feeds generators (ServeGen) their randomness. */
    static TraceReader openTrace(TraceSpec t, long seed, RandomStreams streams) {
        TraceInput input = t.bundled() != null ? BundledTraces.byId(t.bundled()).input() : TraceInput.of(Path.of(t.file()));
        ReplayOptions replay = new ReplayOptions(t.startNanos(), t.endNanos(), t.speedUp(), t.targetRate(),
                t.sampleFraction(), seed);
        return TraceFormats.open(t.format(), input, new TraceFormats.ReadOptions(t.skipMalformed(),
                t.format().equals("servegen") ? streams.stream("workload.trace.arrivals") : null), replay);
    }

    static RequestLengths requestLengths(ClassSpec w, ModelSpec model, RandomStreams streams, String prefix) {
        TokenLengthDistribution input = lengths(w.inputTokens(), model, streams, prefix + "input_tokens");
        TokenLengthDistribution output = lengths(w.outputTokens(), model, streams, prefix + "output_tokens");
        RequestLengths base;
        if (w.spearman().isEmpty()) {
            base = new IndependentLengths(input, output);
        } else {
            // Both marginals have inverse CDFs here: the loader rejects a correlated zipf.
            base = CorrelatedLengths.ofSpearman((QuantileFunction) input, (QuantileFunction) output, w.spearman().getAsDouble(),
                    streams.stream(prefix + "correlation"));
        }
        if (w.reasoning().isEmpty()) {
            return base;
        }
        ReasoningSplit split = switch (w.reasoning().get()) {
            case ReasoningSpec.Fraction f -> ReasoningSplit.fixedFraction(f.fraction());
            case ReasoningSpec.AnswerTokens a -> ReasoningSplit.answerLength(
                    lengths(a.answer(), model, streams, prefix + "reasoning.answer_tokens"));
            case ReasoningSpec.FractionTable t -> ReasoningSplit.fractionTable(QuantileTable.bundled(t.table()),
                    streams.stream(prefix + "reasoning.fraction_table"));
        };
        return base.withReasoning(split);
    }

}
