package org.tokenfab.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.Simulation;
import org.tokenfab.sim.StopCondition;

/**
 * The engine's raw event rate: the classic hold model. {@code pending} events wait in the queue;
 * each one, when it fires, schedules one more at now + an exponential delay (mean 1 ms). The score
 * is events per second through {@link Simulation#run} (scores are ops/s with one op = one event).
 * {@code holdWithPredicate} runs with a stop predicate tested after every event, as
 * {@code ScenarioRun} does, to price that check.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HoldModelBench implements EventHandler {
    static final int EVENTS = 100_000;

    @Param({"16", "1000", "100000"})
    int pending;

    private Simulation sim;
    private ExpDelays delays;
    private long fired;

    @Setup(Level.Trial)
    public void setUp() {
        sim = new Simulation(42);
        delays = new ExpDelays(2, 1_000_000);
        for (int i = 0; i < pending; i++) {
            sim.schedule(delays.next(), this, 0, i);
        }
    }

    @Override
    public void onEvent(int type, long payload) {
        fired++;
        sim.scheduleIn(delays.next(), this, type, payload);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long hold() {
        sim.run(StopCondition.afterEvents(sim.eventsProcessed() + EVENTS));
        return fired;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long holdWithPredicate() {
        long stopAt = sim.eventsProcessed() + EVENTS;
        sim.run(StopCondition.when(() -> sim.eventsProcessed() >= stopAt));
        return fired;
    }
}
