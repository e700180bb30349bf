package org.tokenfab.ui.replica;

import java.util.ArrayList;
import java.util.List;

import org.tokenfab.ui.model.StepLog;

/**
 * Windows over a {@link StepLog}, without JavaFX: the steps that start inside a window of simulated
 * time, one bar per step when there are few enough, otherwise summed into equal slices of time so a
 * frame never draws more than {@code maxBars} bars whatever the zoom.
 */
public final class ReplicaModel {
    /** Most bars one frame draws. */
    public static final int MAX_BARS = 400;

    private ReplicaModel() {
    }

    /**
     * One bar: one step, or the steps that start in one slice of the window.
     *
     * @param startNs        start of the step (or slice), ns of simulated time
     * @param endNs          its end, ns
     * @param steps          steps in it (1 unless aggregated)
     * @param prefillTokens  prompt tokens computed, summed
     * @param decodeTokens   sequences decoding one token each, summed
     * @param kvPercent      KV blocks used, % of the replica's blocks, mean over the steps
     * @param queued         requests waiting, the most over the steps
     * @param preemptions    preemptions, summed
     */
    public record Bar(long startNs, long endNs, int steps, long prefillTokens, long decodeTokens, double kvPercent,
            int queued, long preemptions) {
        /** Prompt tokens per iteration (mean when aggregated). */
        public double prefillPerStep() {
            return steps == 0 ? 0 : (double) prefillTokens / steps;
        }

        /** Decode tokens per iteration (mean when aggregated). */
        public double decodePerStep() {
            return steps == 0 ? 0 : (double) decodeTokens / steps;
        }
    }

    /**
     * The steps starting in {@code [fromNs, toNs)}.
     *
     * @param firstStep   index of the first of them (or where it would be)
     * @param stepCount   how many
     * @param aggregated  whether bars are slices of several steps
     */
    public record Window(long fromNs, long toNs, int firstStep, int stepCount, boolean aggregated, List<Bar> bars) {
        public Window {
            bars = List.copyOf(bars);
        }
    }

    /** The iteration under the scrubber, in the readout's units. */
    public record Readout(int index, double startMs, double durationMs, int prefillSeqs, int prefillTokens,
            int decodeSeqs, double kvPercent, int kvUsed, int queued, int preemptions) {
    }

    /** End of the last recorded step, ns (0 for an empty log). */
    public static long endNs(StepLog log) {
        int n = log.size();
        return n == 0 ? 0 : log.start(n - 1) + log.duration(n - 1);
    }

    /** Start of the first recorded step, ns (0 for an empty log). */
    public static long startNs(StepLog log) {
        return log.size() == 0 ? 0 : log.start(0);
    }

    /** The window {@code [fromNs, toNs)} in at most {@code maxBars} bars. */
    public static Window window(StepLog log, long fromNs, long toNs, int maxBars) {
        if (toNs <= fromNs || maxBars < 1) {
            throw new IllegalArgumentException("empty window [" + fromNs + ", " + toNs + ") or maxBars " + maxBars);
        }
        int first = log.indexAt(fromNs - 1) + 1;
        int end = log.indexAt(toNs - 1) + 1;
        int n = Math.max(0, end - first);
        double kvBlocks = Math.max(1, log.kvBlocks());
        List<Bar> bars = new ArrayList<>(Math.min(n, maxBars));
        if (n <= maxBars) {
            for (int i = first; i < end; i++) {
                bars.add(new Bar(log.start(i), log.start(i) + log.duration(i), 1, log.prefillTokens(i), log.decodeSeqs(i),
                        log.kvUsed(i) * 100.0 / kvBlocks, log.queued(i), log.preemptions(i)));
            }
            return new Window(fromNs, toNs, first, n, false, bars);
        }
        double width = (double) (toNs - fromNs) / maxBars;
        int i = first;
        for (int slice = 0; slice < maxBars && i < end; slice++) {
            long sliceStart = fromNs + Math.round(slice * width);
            long sliceEnd = slice == maxBars - 1 ? toNs : fromNs + Math.round((slice + 1) * width);
            int steps = 0, queued = 0;
            long prefill = 0, decode = 0, preemptions = 0;
            double kv = 0;
            for (; i < end && log.start(i) < sliceEnd; i++) {
                steps++;
                prefill += log.prefillTokens(i);
                decode += log.decodeSeqs(i);
                kv += log.kvUsed(i);
                queued = Math.max(queued, log.queued(i));
                preemptions += log.preemptions(i);
            }
            if (steps > 0) {
                bars.add(new Bar(sliceStart, sliceEnd, steps, prefill, decode, kv / steps * 100 / kvBlocks, queued,
                        preemptions));
            }
        }
        return new Window(fromNs, toNs, first, n, true, bars);
    }

    /** The step running at {@code timeNs} (the last one starting at or before it), or null before the first. */
    public static Readout readout(StepLog log, long timeNs) {
        int i = log.indexAt(timeNs);
        if (i < 0) {
            return null;
        }
        return new Readout(i, log.start(i) / 1e6, log.duration(i) / 1e6, log.prefillSeqs(i), log.prefillTokens(i),
                log.decodeSeqs(i), log.kvUsed(i) * 100.0 / Math.max(1, log.kvBlocks()), log.kvUsed(i), log.queued(i),
                log.preemptions(i));
    }
}
