package org.tokenfab.scenario;

import java.util.List;

/** The pools of replicas and the router's YAML name. */
public record ClusterSpec(List<PoolSpec> pools, String router) {
    public ClusterSpec {
        pools = List.copyOf(pools);
    }
}
