package org.tokenfab.serving;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The explicit registry of routers by their YAML names. No reflection, no class names in YAML:
 * adding a router is adding a line here.
 */
public final class Routers {
    private static final Map<String, IntFunction<Router>> BY_NAME = Map.of(
            "round-robin", RoundRobinRouter::new);

    private Routers() {
    }

    /** The YAML names, sorted. */
    public static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }

    public static boolean exists(String name) {
        return BY_NAME.containsKey(name);
    }

    /** @throws IllegalArgumentException for an unknown name (the scenario layer validates first) */
    public static Router create(String name, int replicas) {
        IntFunction<Router> factory = BY_NAME.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown router '" + name + "', known: " + names());
        }
        return factory.apply(replicas);
    }
}
