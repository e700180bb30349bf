/**
 * Sweeps on Apache Spark ({@code tokenfab sweep --engine spark [--master URL]}): each point of the
 * grid is one Spark task that runs exactly the code of a local point
 * ({@link org.tokenfab.scenario.sweep.SweepJob#run}) on the same seed, and its result (plain text)
 * comes back to the driver, which writes the same files as a local sweep.
 *
 * <p>Invariants: tasks receive only the sweep as text ({@link org.tokenfab.scenario.sweep.SweepJob}),
 * never engine objects; a task is a pure function of (job, point index), so Spark may rerun a lost
 * or failed task and get the same result; a point whose configuration is invalid is returned as a
 * failed result, not thrown, so it is not retried. The embedded engine is Spark in local mode inside
 * the TokenFab process; under {@code spark-submit} the master comes from Spark's configuration.
 * Found by the CLI through {@link java.util.ServiceLoader}, so the core modules never see Spark.
 */
package org.tokenfab.spark;
