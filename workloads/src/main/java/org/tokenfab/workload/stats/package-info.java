/**
 * Traffic statistics ({@link org.tokenfab.workload.stats.TrafficStats}): rate, inter-arrival CV,
 * index of dispersion, length percentiles and infinite-prefix-cache hit ratio, defined exactly as
 * the shared traces' {@code compute_stats.py} defines them.
 */
package org.tokenfab.workload.stats;
