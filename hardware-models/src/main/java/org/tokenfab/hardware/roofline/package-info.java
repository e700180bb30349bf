/**
 * The memory wall, for students: arithmetic intensity and attainable throughput of prefill and
 * decode on an accelerator, from first principles (datasheet peaks, no efficiency factors), so the
 * numbers can be checked by hand. The calibrated timings live in {@code org.tokenfab.hardware.cost}.
 */
package org.tokenfab.hardware.roofline;
