/**
 * Parameter sweeps ({@code tokenfab sweep}): a scenario's fields expanded into a grid of overrides,
 * every point run on the scenario's seed, one CSV row per point, and the Pareto frontiers that turn
 * a table of numbers into an answer (which configurations are worth considering at all).
 *
 * <p>Where points run is a seam: {@link org.tokenfab.scenario.sweep.SweepRunner} owns the files and
 * hands the points to a {@link org.tokenfab.scenario.sweep.PointExecutor}, the local thread pool by
 * default or an engine found through {@link org.tokenfab.scenario.sweep.PointExecutorProvider} (the
 * optional {@code spark} module). A point is described by text ({@link org.tokenfab.scenario.sweep.SweepJob})
 * and answers with text ({@link org.tokenfab.scenario.sweep.PointResult}), so every engine runs the
 * same code on the same seed and writes byte-identical {@code sweep.csv} and {@code points.jsonl}
 * (apart from each point's wall time).
 */
package org.tokenfab.scenario.sweep;
