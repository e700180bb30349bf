/**
 * The memory wall explorer: the ideal roofline of one replica (attainable FLOP/s against
 * arithmetic intensity, log-log), decode points as the batch grows, prefill points as the prompt
 * grows, and the points the last run achieved. {@link org.tokenfab.ui.roofline.RooflineModel} does
 * the arithmetic without JavaFX; {@link org.tokenfab.ui.roofline.RooflineView} draws it.
 */
package org.tokenfab.ui.roofline;
