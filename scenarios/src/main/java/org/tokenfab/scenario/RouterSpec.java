package org.tokenfab.scenario;

import java.util.Map;

/**
 * The router and its options. YAML: a plain name ({@code router: least-outstanding}) or a mapping
 * with the name and the options of the routers that take them.
 *
 * @param name          YAML name of the router (see {@code org.tokenfab.serving.Routers})
 * @param routes        class-based: workload class name -> pool name, in YAML order; empty otherwise
 * @param first         cascade: the pool that serves every request first; null otherwise
 * @param escalate      cascade: the pool a share of them escalates to; null otherwise
 * @param escalateShare cascade: that share, in [0, 1]; 0 otherwise
 */
public record RouterSpec(String name, Map<String, String> routes, String first, String escalate, double escalateShare) {
    public RouterSpec {
        routes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(routes));
    }

    /** A router without options. */
    public static RouterSpec named(String name) {
        return new RouterSpec(name, Map.of(), null, null, 0);
    }
}
