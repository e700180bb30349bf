/**
 * The live view: charts over simulated time that grow while a scenario runs. Its model,
 * {@link org.tokenfab.ui.live.LiveSeries}, is built only from the time-series rows the run
 * publishes ({@code TimeSeries.Row}), never from engine objects, and keeps a bounded number of
 * points per series by merging adjacent intervals, so a simulated month draws as fast as a minute.
 */
package org.tokenfab.ui.live;
