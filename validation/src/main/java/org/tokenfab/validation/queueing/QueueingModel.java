package org.tokenfab.validation.queueing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.LatencyRecorder;
import org.tokenfab.sim.RandomStreams;
import org.tokenfab.sim.Simulation;
import org.tokenfab.sim.StopCondition;
import org.tokenfab.sim.StopReason;
import org.tokenfab.sim.TimeWeightedAverage;

/**
 * A FIFO queue with Poisson arrivals and {@code c} identical servers (M/G/c), simulated on the
 * sim-core engine; M/M/1, M/D/1 and M/M/c are choices of service sampler and server count.
 *
 * <p>A run lets the first {@code warmupCustomers} (counted in arrival order, which under FIFO is
 * also the order of service start) through unmeasured, so the empty start does not bias the
 * result, then measures the waiting time in queue of the next {@code measuredCustomers}, and
 * stops when the last of them starts service.
 *
 * @param arrivalRatePerSecond lambda
 * @param servers              c
 * @param service              draws each customer's service time
 */
public record QueueingModel(double arrivalRatePerSecond, int servers, DurationSampler service,
                            long warmupCustomers, long measuredCustomers) {

    public QueueingModel {
        if (!(arrivalRatePerSecond > 0) || Double.isInfinite(arrivalRatePerSecond)) {
            throw new IllegalArgumentException("arrival rate must be positive and finite, was " + arrivalRatePerSecond);
        }
        if (servers < 1) {
            throw new IllegalArgumentException("servers must be >= 1, was " + servers);
        }
        Objects.requireNonNull(service, "service");
        if (warmupCustomers < 0 || measuredCustomers < 1) {
            throw new IllegalArgumentException("need warmupCustomers >= 0 and measuredCustomers >= 1, was "
                    + warmupCustomers + " and " + measuredCustomers);
        }
    }

    /** M/M/1 with arrival rate lambda and service rate mu, per second. */
    public static QueueingModel mm1(double lambda, double mu, long warmupCustomers, long measuredCustomers) {
        return new QueueingModel(lambda, 1, DurationSampler.exponential(mu), warmupCustomers, measuredCustomers);
    }

    /**
     * What one run measured, in seconds where a time.
     *
     * @param meanWait          mean waiting time in queue of the measured customers
     * @param p99Wait           its 99th percentile (HdrHistogram, within 0.1%)
     * @param meanQueueLength   time-average number waiting, over the measurement window
     * @param utilisation       time-average share of busy servers, over the measurement window
     * @param windowSeconds     from the first measured arrival to the last measured service start
     * @param events            events the engine fired
     */
    public record Result(long customers, double meanWait, double p99Wait, double meanQueueLength,
                         double utilisation, double windowSeconds, long events) {
    }

    /** One run, whose streams ("arrivals", "service") derive from {@code masterSeed}. */
    public Result simulate(long masterSeed) {
        Simulation sim = new Simulation(masterSeed);
        Run run = new Run(sim);
        sim.scheduleIn(run.arrivals.sampleNanos(run.arrivalRng), run, Run.ARRIVAL, 0);
        StopReason reason = sim.run(StopCondition.when(run::done));
        if (reason != StopReason.PREDICATE) {
            throw new IllegalStateException("run ended early: " + reason);
        }
        return run.result();
    }

    /**
     * Independent replications. Their master seeds are drawn from the stream "replication-seeds"
     * of {@code baseSeed}, so replications share no stream and the set is reproducible.
     */
    public List<Result> replicate(int replications, long baseSeed) {
        UniformRandomProvider seeds = new RandomStreams(baseSeed).stream("replication-seeds");
        List<Result> results = new ArrayList<>(replications);
        for (int r = 0; r < replications; r++) {
            results.add(simulate(seeds.nextLong()));
        }
        return results;
    }

    /** The state of one run; the arrival source and the servers are one handler. */
    private final class Run implements EventHandler {
        static final int ARRIVAL = 0;
        static final int DEPARTURE = 1;

        final Simulation sim;
        final DurationSampler arrivals = DurationSampler.exponential(arrivalRatePerSecond);
        final UniformRandomProvider arrivalRng;
        final UniformRandomProvider serviceRng;
        final LongFifo waitingSince = new LongFifo();
        final LatencyRecorder waits = new LatencyRecorder();
        final long lastMeasured = warmupCustomers + measuredCustomers;
        long arrived;
        long started;
        int busy;
        long windowStart;
        TimeWeightedAverage queueLength;
        TimeWeightedAverage busyServers;

        Run(Simulation sim) {
            this.sim = sim;
            this.arrivalRng = sim.random().stream("arrivals");
            this.serviceRng = sim.random().stream("service");
        }

        @Override
        public void onEvent(int type, long payload) {
            long now = sim.now();
            if (type == ARRIVAL) {
                if (arrived++ == warmupCustomers) {
                    windowStart = now;
                    queueLength = new TimeWeightedAverage(now, waitingSince.size());
                    busyServers = new TimeWeightedAverage(now, busy);
                }
                sim.scheduleIn(arrivals.sampleNanos(arrivalRng), this, ARRIVAL, 0);
                if (busy < servers) {
                    busy++;
                    observeServers(now);
                    startService(now, now);
                } else {
                    waitingSince.add(now);
                    observeQueue(now);
                }
            } else if (waitingSince.isEmpty()) {
                busy--;
                observeServers(now);
            } else {
                long since = waitingSince.remove();
                observeQueue(now);
                startService(now, since);
            }
        }

        private void startService(long now, long arrivedAt) {
            if (started >= warmupCustomers && started < lastMeasured) {
                waits.record(now - arrivedAt);
            }
            started++;
            sim.scheduleIn(service.sampleNanos(serviceRng), this, DEPARTURE, 0);
        }

        private void observeQueue(long now) {
            if (queueLength != null) {
                queueLength.update(now, waitingSince.size());
            }
        }

        private void observeServers(long now) {
            if (busyServers != null) {
                busyServers.update(now, busy);
            }
        }

        boolean done() {
            return started >= lastMeasured;
        }

        Result result() {
            long now = sim.now();
            return new Result(waits.count(), waits.mean() / 1e9, waits.percentile(99) / 1e9,
                    queueLength.average(now), busyServers.average(now) / servers,
                    (now - windowStart) / 1e9, sim.eventsProcessed());
        }
    }

    /** A growable ring buffer of longs, so waiting customers cost no boxing. */
    private static final class LongFifo {
        private long[] items = new long[64];
        private int head;
        private int size;

        void add(long value) {
            if (size == items.length) {
                long[] bigger = new long[items.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = items[(head + i) & (items.length - 1)];
                }
                items = bigger;
                head = 0;
            }
            items[(head + size) & (items.length - 1)] = value;
            size++;
        }

        long remove() {
            long value = items[head];
            head = (head + 1) & (items.length - 1);
            size--;
            return value;
        }

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }
    }
}
