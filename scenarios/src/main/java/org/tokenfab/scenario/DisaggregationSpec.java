package org.tokenfab.scenario;

/**
 * The link that carries KV caches from prefill to decode replicas.
 *
 * @param linkGbPerSecond egress bandwidth of one prefill replica, GB/s; NaN for its accelerators'
 *                        scale-out bandwidth together
 * @param latencyNanos    fixed cost per transfer
 */
public record DisaggregationSpec(double linkGbPerSecond, long latencyNanos) {
    /** The accelerators' own network, 10 us per transfer. */
    public static final DisaggregationSpec DEFAULT = new DisaggregationSpec(Double.NaN, 10_000);
}
