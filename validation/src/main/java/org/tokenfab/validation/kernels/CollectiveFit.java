package org.tokenfab.validation.kernels;

import java.util.ArrayList;
import java.util.List;
import org.tokenfab.hardware.cost.CollectiveModel;
import org.tokenfab.hardware.cost.CollectiveParams;
import org.tokenfab.hardware.cost.CorrectionCurve;

/**
 * Fits alpha-beta {@link CollectiveParams} to one collective table: per measured group size a
 * log latency and a log bus bandwidth, and one shared log exponent. No correction curve.
 */
final class CollectiveFit extends TableFit<Rows.Collective, CollectiveParams> {
    /** How the collective's bus factor is counted. */
    enum Kind {
        ALL_REDUCE, ALL_TO_ALL, SEND_RECV;

        static Kind of(String variant) {
            if (variant.startsWith("all_reduce")) {
                return ALL_REDUCE;
            }
            return variant.equals("send_recv") ? SEND_RECV : ALL_TO_ALL;
        }
    }

    private final Kind kind;
    private final int[] gpus;
    private final double link;

    /**
     * @param kind bus-factor convention
     * @param gpus measured group sizes, ascending
     * @param link the measured accelerator's per-direction link bandwidth, bytes/s
     */
    CollectiveFit(Kind kind, int[] gpus, double link) {
        this.kind = kind;
        this.gpus = gpus.clone();
        this.link = link;
    }

    static int[] groupSizes(List<Rows.Collective> rows) {
        return rows.stream().mapToInt(Rows.Collective::gpus).distinct().sorted().toArray();
    }

    @Override
    int coreSize() {
        return 2 * gpus.length + 1;
    }

    @Override
    double[] coreStart() {
        double[] t = new double[coreSize()];
        for (int i = 0; i < gpus.length; i++) {
            t[2 * i] = Math.log(8_000);
            t[2 * i + 1] = Math.log(0.5 * link);
        }
        t[t.length - 1] = Math.log(0.7);
        return t;
    }

    @Override
    int knots() {
        return 0;
    }

    @Override
    double[] exponentsToTry() {
        return new double[] {1.0}; // the exponent is a fitted parameter here
    }

    @Override
    CollectiveParams params(double[] t, double exponent, CorrectionCurve correction) {
        List<CollectiveParams.Point> points = new ArrayList<>();
        for (int i = 0; i < gpus.length; i++) {
            points.add(new CollectiveParams.Point(gpus[i], Math.exp(t[2 * i]), Math.exp(t[2 * i + 1])));
        }
        return new CollectiveParams(points, Math.exp(t[t.length - 1]), link);
    }

    @Override
    double predict(CollectiveParams params, Rows.Collective r) {
        return predict(new CollectiveModel(params), kind, r);
    }

    static double predict(CollectiveModel m, Kind kind, Rows.Collective r) {
        return switch (kind) {
            case ALL_REDUCE -> m.allReduceNanos(r.bytes(), r.gpus());
            case ALL_TO_ALL -> m.allToAllNanos(r.bytes(), r.gpus());
            case SEND_RECV -> m.sendRecvNanos(r.bytes());
        };
    }

    @Override
    double measured(Rows.Collective row) {
        return row.nanos();
    }
}
