/**
 * Small chart helpers shared by the live view and the dashboard: line charts with unit-labelled
 * axes, no point symbols and no animation (charts are redrawn several times a second while a run
 * goes on, and animated transitions would lag behind the data), and a way to fill a series from
 * plain arrays. They hold no state of their own.
 */
package org.tokenfab.ui.chart;
