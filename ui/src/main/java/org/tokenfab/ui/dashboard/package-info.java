/**
 * The dashboard: the last finished run at a glance (headline latencies, throughput, SLO attainment
 * per class, power, energy and cost, a table of pools, latency CDFs). Every figure is formatted by
 * {@link org.tokenfab.ui.dashboard.Figures} from the run's {@code RunResult}, the same record
 * {@code summary.json} is written from, so what the screen says can be checked against the file.
 */
package org.tokenfab.ui.dashboard;
