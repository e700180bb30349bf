/**
 * Queueing-theory oracles for the engine: M/M/1 (and M/D/1, M/G/1, M/M/c) queues simulated on
 * sim-core's {@code Simulation}, {@code RandomStreams} and statistics, next to their closed forms.
 * Agreement between the two is the evidence that the event loop, the random streams and the
 * statistics are right.
 *
 * <p>Invariants: times inside a simulation are long nanoseconds, closed forms and results are in
 * seconds; every run is reproducible from its seed (replication seeds come from a named stream of
 * one base seed); no mutable static state.
 */
package org.tokenfab.validation.queueing;
