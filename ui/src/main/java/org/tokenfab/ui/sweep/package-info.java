/**
 * Sweeps from the desktop app: axes (YAML path and values) edited in a table, the sweep run in the
 * background on every core with progress and cancel, then the Pareto chart of the points with the
 * frontier highlighted; clicking a point opens that configuration as a run.
 * {@link org.tokenfab.ui.sweep.SweepModel} builds and runs the grid without JavaFX;
 * {@link org.tokenfab.ui.sweep.SweepView} draws it.
 */
package org.tokenfab.ui.sweep;
