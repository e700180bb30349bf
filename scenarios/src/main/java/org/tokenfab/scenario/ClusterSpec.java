package org.tokenfab.scenario;

import java.util.List;

/** The pools of replicas and the router that spreads requests over them. */
public record ClusterSpec(List<PoolSpec> pools, RouterSpec router) {
    public ClusterSpec {
        pools = List.copyOf(pools);
    }

    /** A cluster whose router takes no options. */
    public ClusterSpec(List<PoolSpec> pools, String router) {
        this(pools, RouterSpec.named(router));
    }
}
