/**
 * Pinned runs side by side: key metrics with differences against the first pinned run, coloured by
 * whether each moved the good way, and overlaid TTFT curves and throughput over time.
 * {@link org.tokenfab.ui.compare.CompareModel} computes the table and curves without JavaFX;
 * {@link org.tokenfab.ui.compare.CompareView} draws them.
 */
package org.tokenfab.ui.compare;
