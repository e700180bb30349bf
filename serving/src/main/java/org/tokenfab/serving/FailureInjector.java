package org.tokenfab.serving;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.apache.commons.rng.UniformRandomProvider;
import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.Simulation;

/**
 * Breaks replicas at random and repairs them: the time to the next failure of each replica is
 * exponential with mean {@code mtbf} (Weibull with shape {@code k} when given: k < 1 for infant
 * mortality, k > 1 for wear-out, scaled to the same mean), the repair takes a fixed time, then
 * the replica loads its weights again (cold start). A failure sends the replica's queued and
 * running requests back to the cluster, where they prefill again (their KV is lost). One random
 * stream per run, drawn in event order, so the same seed gives the same failures.
 *
 * <p>It stops when {@code live} says the run is over, so it never keeps a finished simulation going.
 */
public final class FailureInjector implements EventHandler {
    private static final int FAIL = 0;
    private static final int REPAIRED = 1;

    private final Simulation sim;
    private final Replica[] replicas;
    private final double mtbfNanos;
    private final double weibullShape;
    private final double weibullScale;
    private final long repairNanos;
    private final long coldStartNanos;
    private final UniformRandomProvider rng;
    private final Consumer<Request> requeue;
    private final BooleanSupplier live;
    private long failures;
    private long requeued;

    /**
     * @param weibullShape NaN for exponential times between failures, else the Weibull shape k > 0
     * @param requeue      where a failed replica's requests go (the cluster's router)
     */
    public FailureInjector(Simulation sim, java.util.List<Replica> replicas, double mtbfNanos, double weibullShape,
            long repairNanos, long coldStartNanos, UniformRandomProvider rng, Consumer<Request> requeue, BooleanSupplier live) {
        if (!(mtbfNanos > 0) || repairNanos < 0 || coldStartNanos < 0 || !(Double.isNaN(weibullShape) || weibullShape > 0)) {
            throw new IllegalArgumentException("need mtbf > 0, repair >= 0, cold start >= 0, Weibull shape > 0 or NaN");
        }
        this.sim = sim;
        this.replicas = replicas.toArray(Replica[]::new);
        this.mtbfNanos = mtbfNanos;
        this.weibullShape = weibullShape;
        // Mean of Weibull(k, lambda) = lambda Gamma(1 + 1/k): choose lambda for the given mean.
        this.weibullScale = Double.isNaN(weibullShape) ? Double.NaN
                : mtbfNanos / Math.exp(org.tokenfab.workload.SpecialFunctions.logGamma(1 + 1 / weibullShape));
        this.repairNanos = repairNanos;
        this.coldStartNanos = coldStartNanos;
        this.rng = rng;
        this.requeue = r -> {
            requeued++;
            requeue.accept(r);
        };
        this.live = live;
    }

    /** Draws every replica's first failure time. */
    public void start() {
        for (int i = 0; i < replicas.length; i++) {
            sim.schedule(sim.now() + timeToFailure(), this, FAIL, i);
        }
    }

    private long timeToFailure() {
        double u = 1 - rng.nextDouble(); // (0, 1]
        double t = Double.isNaN(weibullShape) ? -mtbfNanos * Math.log(u) : weibullScale * Math.pow(-Math.log(u), 1 / weibullShape);
        return Math.max(1, (long) Math.min(t, 1e18));
    }

    @Override
    public void onEvent(int type, long payload) {
        if (!live.getAsBoolean()) {
            return;
        }
        Replica r = replicas[(int) payload];
        if (type == FAIL) {
            if (r.state() == Replica.State.OFF) {
                // Switched off (scaled in): it cannot fail while off; try again later.
                sim.schedule(sim.now() + timeToFailure(), this, FAIL, payload);
                return;
            }
            failures++;
            r.fail(requeue);
            sim.schedule(sim.now() + repairNanos, this, REPAIRED, payload);
        } else {
            r.repair(coldStartNanos);
            sim.schedule(sim.now() + coldStartNanos + timeToFailure(), this, FAIL, payload);
        }
    }

    /** One time to failure, ns (for tests of the distribution). */
    long sampleForTest() {
        return timeToFailure();
    }

    public long failures() {
        return failures;
    }

    /** Requests sent back to the cluster by failures. */
    public long requeued() {
        return requeued;
    }
}
