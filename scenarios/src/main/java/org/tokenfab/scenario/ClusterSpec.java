package org.tokenfab.scenario;

import java.util.List;

/**
 * The pools of replicas, the router that spreads arrivals over them, and, when some pools prefill
 * and others decode, the link between them.
 */
public record ClusterSpec(List<PoolSpec> pools, RouterSpec router, DisaggregationSpec disaggregation) {
    public ClusterSpec {
        pools = List.copyOf(pools);
    }

    /** A cluster whose router takes no options. */
    public ClusterSpec(List<PoolSpec> pools, String router) {
        this(pools, RouterSpec.named(router), DisaggregationSpec.DEFAULT);
    }

    /** Whether some pools prefill and others decode. */
    public boolean disaggregated() {
        return pools.stream().anyMatch(p -> !p.role().equals("colocated"));
    }
}
