package org.tokenfab.serving;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The explicit registry of routers by their YAML names. No reflection, no class names in YAML:
 * adding a router is adding a line here. Each factory takes what it needs from the
 * {@link RouterContext}.
 */
public final class Routers {
    private static final Map<String, Function<RouterContext, Router>> BY_NAME = Map.of(
            "round-robin", c -> new RoundRobinRouter(c.replicas().length),
            "random", RandomRouter::new,
            "least-outstanding", LeastOutstandingRouter::new,
            "least-kv", LeastKvRouter::new,
            "power-of-two", PowerOfTwoRouter::new,
            "prefix-affinity", PrefixAffinityRouter::new,
            "session-sticky", SessionStickyRouter::new,
            "class-based", ClassBasedRouter::new,
            "cascade", CascadeRouter::new);

    /** Routers that need options beside their name ({@code router: {name: ..., ...}}). */
    public static final List<String> WITH_OPTIONS = List.of("class-based", "cascade");

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
    public static Router create(String name, RouterContext context) {
        Function<RouterContext, Router> factory = BY_NAME.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown router '" + name + "', known: " + names());
        }
        return factory.apply(context);
    }

    /** A router that needs nothing but the replica count (round-robin). */
    public static Router create(String name, int replicas) {
        if (!name.equals("round-robin")) {
            throw new IllegalArgumentException("router '" + name + "' needs the replicas: use create(name, RouterContext)");
        }
        return new RoundRobinRouter(replicas);
    }
}
