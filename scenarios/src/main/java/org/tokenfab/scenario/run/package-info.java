/**
 * From {@link org.tokenfab.scenario.Scenario} records to a running simulation and its results:
 * assembly of the engine, cluster and workload; the run; the summary (records and
 * {@code summary.json}). A run owns its {@link org.tokenfab.sim.Simulation}: nothing is shared
 * between runs, so many can run in parallel.
 */
package org.tokenfab.scenario.run;
