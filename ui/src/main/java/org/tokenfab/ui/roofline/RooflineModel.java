package org.tokenfab.ui.roofline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

import org.tokenfab.hardware.AcceleratorSpec;
import org.tokenfab.hardware.Catalog;
import org.tokenfab.hardware.ModelSpec;
import org.tokenfab.hardware.Precision;
import org.tokenfab.hardware.roofline.Roofline;
import org.tokenfab.hardware.roofline.RooflinePoint;
import org.tokenfab.scenario.PoolSpec;
import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.run.PoolResult;
import org.tokenfab.scenario.run.TimeSeries;
import org.tokenfab.ui.model.RunRecord;

/**
 * The numbers behind the memory wall explorer, without JavaFX: one configuration in, one immutable
 * {@link Chart} out (roof, ridge, decode and prefill points, the last run's achieved points and
 * a caption in plain words).
 */
public final class RooflineModel {
    /** Decode batch sizes drawn. */
    public static final List<Integer> BATCHES = List.of(1, 2, 4, 8, 16, 32, 64, 128, 256, 512);
    /** Prefill prompt lengths drawn, tokens. */
    public static final List<Integer> PROMPTS = List.of(16, 64, 256, 1024, 4096, 16384);
    /** Decode context lengths offered, tokens. */
    public static final List<Integer> CONTEXTS = List.of(1024, 4096, 32768);

    private RooflineModel() {
    }

    /**
     * What to draw: one replica of {@code tp} accelerators serving {@code model}; decode at
     * {@code context} tokens. The weights' format sets the bytes a step streams, the compute
     * format the roof's peak (W4A16: fp4 weights, bf16 compute).
     */
    public record Config(String accelerator, String model, Precision weights, Precision compute, Precision kv, int tp,
            int context) {
        public Config {
            if (tp < 1) {
                throw new IllegalArgumentException("tp must be >= 1, got " + tp);
            }
        }

        /** Computing in the weights' own format. */
        public Config(String accelerator, String model, Precision weights, Precision kv, int tp, int context) {
            this(accelerator, model, weights, weights, kv, tp, context);
        }
    }

    /**
     * One point on the chart.
     *
     * @param intensity     arithmetic intensity, FLOP/byte
     * @param flopsPerSecond attainable (or achieved) FLOP/s of the replica
     * @param peakShare     flopsPerSecond over the replica's peak (for an achieved point: its MFU)
     */
    public record Point(String label, double intensity, double flopsPerSecond, boolean memoryBound, double peakShare) {
    }

    /**
     * Everything the view draws. Ranges are decades (log10) covering every point.
     *
     * @param roof          the roof: bandwidth slope from the left edge to the ridge, then flat
     * @param achieved      the last run's pools on this accelerator (empty with {@code achievedNote} saying why)
     * @param intervals     the last run's per-interval points of those pools
     */
    public record Chart(Config config, double peakFlops, double bandwidth, double ridge, List<Point> roof,
            List<Point> decode, List<Point> prefill, List<Point> achieved, List<Point> intervals, String achievedNote,
            String caption, int minDecadeX, int maxDecadeX, int minDecadeY, int maxDecadeY) {
        public Chart {
            roof = List.copyOf(roof);
            decode = List.copyOf(decode);
            prefill = List.copyOf(prefill);
            achieved = List.copyOf(achieved);
            intervals = List.copyOf(intervals);
        }
    }

    /**
     * The configuration of the scenario's first pool (its weights' and compute formats), or
     * h100-sxm + llama-3.1-8b bf16 without one.
     */
    public static Config defaults(Scenario scenario) {
        if (scenario == null || scenario.cluster().pools().isEmpty()) {
            return new Config("h100-sxm", "llama-3.1-8b", Precision.BF16, Precision.BF16, 1, 4096);
        }
        PoolSpec pool = scenario.cluster().pools().get(0);
        return new Config(pool.accelerator(), pool.model().orElse(scenario.model()), scenario.precision().weights(),
                scenario.precision().compute(), scenario.precision().kvCache(), pool.parallelism().tp(), 4096);
    }

    /** The roofline of {@code config}, with the achieved points of {@code run} (may be null). */
    public static Chart compute(Catalog catalog, Config config, RunRecord run) {
        AcceleratorSpec acc = catalog.accelerator(config.accelerator());
        ModelSpec model = catalog.model(config.model());
        config.weights().requireComputableIn(config.compute());
        if (!acc.supports(config.compute())) {
            throw new IllegalArgumentException(acc.id() + " has no dense " + config.compute().yamlName() + " peak in the catalog"
                    + " (weight-only quantisation: keep the narrow weights and compute in a format it has)");
        }
        Roofline r = new Roofline(model, acc, config.weights(), config.kv(), config.tp(), config.compute());
        List<Point> decode = new ArrayList<>();
        for (int b : BATCHES) {
            decode.add(point("decode batch " + b, r.decode(b, config.context()), r));
        }
        List<Point> prefill = new ArrayList<>();
        for (int t : PROMPTS) {
            prefill.add(point("prefill " + t + " tokens", r.prefill(t), r));
        }
        List<Point> achieved = new ArrayList<>();
        List<Point> intervals = new ArrayList<>();
        String note = achieved(catalog, config, run, achieved, intervals);

        double minX = r.ridgeIntensity() / 10, maxX = r.ridgeIntensity() * 10;
        double minY = r.peakFlops() / 100;
        for (List<Point> list : List.of(decode, prefill, achieved, intervals)) {
            for (Point p : list) {
                minX = Math.min(minX, p.intensity());
                maxX = Math.max(maxX, p.intensity());
                minY = Math.min(minY, p.flopsPerSecond());
            }
        }
        int x0 = (int) Math.floor(Math.log10(minX)), x1 = (int) Math.ceil(Math.log10(maxX));
        int y0 = (int) Math.floor(Math.log10(minY)), y1 = (int) Math.ceil(Math.log10(r.peakFlops() * 1.5));
        List<Point> roof = List.of(
                new Point("memory roof", Math.pow(10, x0), Math.pow(10, x0) * r.bandwidth(), true,
                        Math.pow(10, x0) / r.ridgeIntensity()),
                new Point("ridge point", r.ridgeIntensity(), r.peakFlops(), false, 1),
                new Point("compute roof", Math.pow(10, x1), r.peakFlops(), false, 1));
        return new Chart(config, r.peakFlops(), r.bandwidth(), r.ridgeIntensity(), roof, decode, prefill, achieved,
                intervals, note, caption(r, config, decode, prefill), x0, x1, y0, y1);
    }

    private static Point point(String label, RooflinePoint p, Roofline r) {
        double flops = p.flops() / p.stepSeconds();
        return new Point(label, p.intensity(), flops, p.memoryBound(), flops / r.peakFlops());
    }

    /** Fills the achieved points of the run's pools on the chosen accelerator; returns a note for people. */
    private static String achieved(Catalog catalog, Config config, RunRecord run, List<Point> pools, List<Point> intervals) {
        if (run == null) {
            return "No run yet: run a scenario to see where it landed.";
        }
        Scenario s = run.scenario();
        List<String> others = new ArrayList<>();
        List<String> mismatch = new ArrayList<>();
        for (PoolResult pool : run.result().pools()) {
            if (!pool.accelerator().equals(config.accelerator())) {
                others.add(pool.name() + " (" + pool.accelerator() + ")");
                continue;
            }
            Precision compute = s.precision().compute(); // the peak MFU is measured against
            AcceleratorSpec acc = s.catalog().accelerator(pool.accelerator());
            double peak = acc.densePeakFlops(compute) * pool.tp();
            double bw = acc.memoryBandwidthBytesPerSecond() * pool.tp();
            Point p = achievedPoint(run.label() + " · pool " + pool.name(), pool.mfu(), pool.mbu(), peak, bw);
            if (p == null) {
                others.add(pool.name() + " (no MFU/MBU measured)");
                continue;
            }
            pools.add(p);
            if (pool.tp() != config.tp() || compute != config.compute()) {
                mismatch.add(String.format(Locale.ROOT, "pool %s ran tp %d %s", pool.name(), pool.tp(), compute));
            }
            for (TimeSeries.Row row : run.rows()) {
                if (row.pool().equals(pool.name())) {
                    Point q = achievedPoint(String.format(Locale.ROOT, "%s at %.0f s", pool.name(), row.timeS()),
                            row.mfu(), row.mbu(), peak, bw);
                    if (q != null) {
                        intervals.add(q);
                    }
                }
            }
        }
        if (pools.isEmpty()) {
            return "The last run (" + run.label() + ") is not shown: it ran on " + String.join(", ", others)
                    + ", not on " + config.accelerator() + ". Pick its accelerator to see where it landed.";
        }
        StringBuilder b = new StringBuilder();
        for (Point p : pools) {
            b.append(String.format(Locale.ROOT, "%s achieved %.0f FLOP/byte at %s (%.1f%% of peak compute). ",
                    p.label(), p.intensity(), si(p.flopsPerSecond(), "FLOP/s"), p.peakShare() * 100));
        }
        if (!mismatch.isEmpty()) {
            b.append("Its points use the run's own peak (").append(String.join("; ", mismatch))
                    .append("), the roof drawn is tp ").append(config.tp()).append(' ').append(config.compute()).append(". ");
        }
        if (!others.isEmpty()) {
            b.append("Not shown: ").append(String.join(", ", others)).append('.');
        }
        return b.toString().strip();
    }

    /** Intensity = (mfu·peak)/(mbu·bandwidth), performance = mfu·peak; null when either share is not positive. */
    static Point achievedPoint(String label, double mfu, double mbu, double peak, double bandwidth) {
        if (!(mfu > 0) || !(mbu > 0) || !Double.isFinite(mfu) || !Double.isFinite(mbu)) {
            return null;
        }
        double flops = mfu * peak;
        double intensity = flops / (mbu * bandwidth);
        return new Point(label, intensity, flops, intensity < peak / bandwidth, mfu);
    }

    /** The chart in plain words: where decode and prefill sit against the ridge. */
    static String caption(Roofline r, Config c, List<Point> decode, List<Point> prefill) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Ridge point: %.0f FLOP/byte (%s ÷ %s). Left of it a step waits for memory,"
                + " right of it for compute. ", r.ridgeIntensity(), si(r.peakFlops(), "FLOP/s"), si(r.bandwidth(), "B/s")));
        int i1 = BATCHES.indexOf(1), i8 = BATCHES.indexOf(8);
        for (int i : new int[] {i1, i8}) {
            Point p = decode.get(i);
            b.append(String.format(Locale.ROOT, "Decode at batch %d (%s context) is %s-bound: %s of peak compute. ",
                    BATCHES.get(i), tokens(c.context()), p.memoryBound() ? "memory" : "compute",
                    percent(p.peakShare())));
        }
        OptionalInt cross = r.decodeCrossoverBatch(c.context(), 1 << 16);
        b.append(cross.isPresent()
                ? String.format(Locale.ROOT, "Decode turns compute-bound at batch %,d. ", cross.getAsInt())
                : "Decode never turns compute-bound at this context: each sequence's KV-cache reads grow as fast as its FLOPs. ");
        Point big = prefill.get(prefill.size() - 1);
        b.append(String.format(Locale.ROOT, "A %s-token prefill is %s-bound at %s of peak.", tokens(PROMPTS.get(PROMPTS.size() - 1)),
                big.memoryBound() ? "memory" : "compute", percent(big.peakShare())));
        return b.toString();
    }

    static String percent(double share) {
        double p = share * 100;
        return String.format(Locale.ROOT, p >= 10 ? "%.0f%%" : p >= 1 ? "%.1f%%" : "%.2f%%", p);
    }

    static String tokens(int n) {
        return n % 1024 == 0 ? (n / 1024) + "k" : Integer.toString(n);
    }

    /** {@code 989 TFLOP/s}, {@code 3.35 TB/s}. */
    public static String si(double v, String unit) {
        String[] prefixes = {"", "k", "M", "G", "T", "P", "E"};
        int k = 0;
        while (Math.abs(v) >= 1000 && k < prefixes.length - 1) {
            v /= 1000;
            k++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s%s" : v >= 10 ? "%.1f %s%s" : "%.2f %s%s", v, prefixes[k], unit);
    }
}
