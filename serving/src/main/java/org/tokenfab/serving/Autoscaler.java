package org.tokenfab.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.Simulation;

/**
 * Adds and removes replicas of one pool as load changes. Every {@code interval} it reads a signal,
 * computes the replicas wanted, clamps them to {@code [min, max]} and acts: an off replica is
 * switched on and serves after its cold start (weights loaded from storage); a serving one drains
 * (takes nothing new, finishes what it has) and then switches off. Replicas serving or starting
 * count as up; draining ones as leaving.
 *
 * <p>Policies: {@code utilization}: busy share of the up replicas over the last interval, wanted =
 * ceil(up x busy / target); {@code queue}: requests in flight per up replica, wanted =
 * ceil(in flight / target); {@code schedule}: a replica count per time of day, from a step list.
 *
 * <p>It stops when {@code live} says the run is over (no traffic left, nothing in flight), so it
 * never keeps a finished simulation going.
 */
public final class Autoscaler implements EventHandler {
    /** How the wanted replica count is computed. */
    public sealed interface Policy {
        /** Keep the up replicas' busy share near {@code target} (in (0, 1]). */
        record Utilization(double target) implements Policy {
        }

        /** Keep requests in flight per up replica near {@code target}. */
        record QueueLength(double target) implements Policy {
        }

        /** Replica counts by time: {@code counts[i]} from {@code atNanos[i]} (ascending, first 0). */
        record Schedule(long[] atNanos, int[] counts) implements Policy {
        }
    }

    /** One change of the pool's size. */
    public record ScaleEvent(long timeNanos, String pool, int from, int to) implements java.io.Serializable {
    }

    private final Simulation sim;
    private final String poolName;
    private final Replica[] replicas;
    private final Policy policy;
    private final int min;
    private final int max;
    private final long intervalNanos;
    private final long coldStartNanos;
    private final BooleanSupplier live;
    private final long[] lastBusy;
    private final List<ScaleEvent> events = new ArrayList<>();
    private long lastTime;

    /**
     * @param replicas       the pool's replicas; those beyond the initial count must already be off
     * @param min            fewest replicas up, at least 1... or 0 to allow a pool to empty
     * @param max            most replicas up, at most {@code replicas.length}
     * @param coldStartNanos from switch-on to serving
     * @param live           whether the run still has traffic or requests in flight
     */
    public Autoscaler(Simulation sim, String poolName, List<Replica> replicas, Policy policy, int min, int max,
            long intervalNanos, long coldStartNanos, BooleanSupplier live) {
        if (min < 0 || max < Math.max(1, min) || max > replicas.size() || intervalNanos <= 0 || coldStartNanos < 0) {
            throw new IllegalArgumentException("need 0 <= min <= max <= replicas, max >= 1, interval > 0, cold start >= 0: "
                    + min + ", " + max + ", " + replicas.size() + ", " + intervalNanos + ", " + coldStartNanos);
        }
        this.sim = sim;
        this.poolName = poolName;
        this.replicas = replicas.toArray(Replica[]::new);
        this.policy = policy;
        this.min = min;
        this.max = max;
        this.intervalNanos = intervalNanos;
        this.coldStartNanos = coldStartNanos;
        this.live = live;
        this.lastBusy = new long[this.replicas.length];
    }

    /** Schedules the first decision one interval from now. */
    public void start() {
        lastTime = sim.now();
        for (int i = 0; i < replicas.length; i++) {
            lastBusy[i] = replicas[i].busyNanos(lastTime);
        }
        sim.schedule(sim.now() + intervalNanos, this, 0, 0);
    }

    @Override
    public void onEvent(int type, long payload) {
        if (!live.getAsBoolean()) {
            return;
        }
        long now = sim.now();
        int up = 0;
        long busy = 0;
        int inFlight = 0;
        for (int i = 0; i < replicas.length; i++) {
            Replica r = replicas[i];
            long b = r.busyNanos(now);
            Replica.State s = r.state();
            if (s == Replica.State.ACTIVE || s == Replica.State.STARTING) {
                up++;
                busy += b - lastBusy[i];
            }
            inFlight += r.inFlight();
            lastBusy[i] = b;
        }
        double elapsed = now - lastTime;
        lastTime = now;
        int wanted = switch (policy) {
            case Policy.Utilization u -> (int) Math.ceil(busy / elapsed / u.target() - 1e-9);
            case Policy.QueueLength q -> (int) Math.ceil(inFlight / q.target() - 1e-9);
            case Policy.Schedule s -> scheduled(s, now);
        };
        wanted = Math.max(min, Math.min(max, wanted));
        if (wanted != up) {
            resize(up, wanted);
        }
        sim.schedule(now + intervalNanos, this, 0, 0);
    }

    private static int scheduled(Policy.Schedule s, long now) {
        int count = s.counts()[0];
        for (int i = 0; i < s.atNanos().length && s.atNanos()[i] <= now; i++) {
            count = s.counts()[i];
        }
        return count;
    }

    private void resize(int up, int wanted) {
        events.add(new ScaleEvent(sim.now(), poolName, up, wanted));
        int change = wanted - up;
        // Up: draining replicas are the cheapest to keep (no cold start) but cannot be recalled in
        // this model; switch on off replicas, lowest index first. Down: drain the highest first.
        for (int i = 0; i < replicas.length && change > 0; i++) {
            if (replicas[i].state() == Replica.State.OFF) {
                replicas[i].switchOn(coldStartNanos);
                change--;
            }
        }
        for (int i = replicas.length - 1; i >= 0 && change < 0; i--) {
            if (replicas[i].state() == Replica.State.ACTIVE) {
                replicas[i].drain();
                change++;
            }
        }
    }

    /** The scale events so far, in time order. */
    public List<ScaleEvent> events() {
        return List.copyOf(events);
    }
}
