package org.tokenfab.hardware.cost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Fitted alpha-beta constants of one collective implementation (NCCL all-reduce, vLLM's custom
 * all-reduce, NCCL all-to-all, send/recv) on one accelerator's scale-up fabric:
 * <pre>
 *   t(S, n) = (alpha_n^p + (S busFactor(n) / busBandwidth_n)^p)^(1/p)
 * </pre>
 * with one (alpha, bus bandwidth) point per measured group size n and {@code busFactor} the
 * nccl-tests convention of the collective (all-reduce 2(n-1)/n, all-to-all and all-gather
 * (n-1)/n, send/recv 1). Bus bandwidth is per GPU per direction, so it compares directly with
 * the link's rated bandwidth.
 *
 * @param points measured group sizes, ascending, at least one
 * @param exponent p, positive: below 1 the latency and bandwidth terms blend (the protocol
 *     switches between them in mid-sized messages), 1 adds them, large takes the maximum
 * @param linkBytesPerSecond the per-direction link bandwidth of the accelerator the points were
 *     measured on, to rescale the bus bandwidth for another accelerator
 */
public record CollectiveParams(List<Point> points, double exponent, double linkBytesPerSecond) {

    /**
     * @param gpus group size
     * @param alphaNanos latency term, ns
     * @param busBytesPerSecond bus bandwidth per GPU per direction, bytes/s
     */
    public record Point(int gpus, double alphaNanos, double busBytesPerSecond) {
        public Point {
            if (gpus < 2) {
                throw new IllegalArgumentException("a collective needs at least 2 GPUs, got " + gpus);
            }
            Params.nonNegative("alpha_ns", alphaNanos);
            Params.positive("bus_gb_s", busBytesPerSecond);
        }
    }

    public CollectiveParams {
        Objects.requireNonNull(points, "points");
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a collective needs at least one measured group size");
        }
        List<Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingInt(Point::gpus));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).gpus() == sorted.get(i - 1).gpus()) {
                throw new IllegalArgumentException("two points for " + sorted.get(i).gpus() + " GPUs");
            }
        }
        points = List.copyOf(sorted);
        Params.positive("exponent", exponent);
        Params.positive("link bandwidth", linkBytesPerSecond);
    }

    /** The same constants on a link {@code factor} times as fast (alpha unchanged). */
    public CollectiveParams scaledTo(double targetLinkBytesPerSecond) {
        double factor = targetLinkBytesPerSecond / linkBytesPerSecond;
        List<Point> scaled = points.stream()
                .map(p -> new Point(p.gpus(), p.alphaNanos(), p.busBytesPerSecond() * factor))
                .toList();
        return new CollectiveParams(scaled, exponent, targetLinkBytesPerSecond);
    }

    /** Largest measured bus bandwidth as a fraction of the link bandwidth. */
    public double busEfficiency() {
        double best = 0;
        for (Point p : points) {
            best = Math.max(best, p.busBytesPerSecond());
        }
        return best / linkBytesPerSecond;
    }
}
