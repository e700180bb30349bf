package org.tokenfab.cli;

import java.util.Optional;

import org.tokenfab.scenario.sweep.PointExecutorProvider;
import org.tokenfab.sim.TokenFabException;

/**
 * {@code --engine} and {@code --master} of {@code sweep}: the local thread pool, or an engine from
 * an optional module found on the class path (Spark, from the {@code spark} module's jar). The
 * default build has no Spark in it, so asking for it says how to get it instead of failing deep.
 */
final class Engines {
    static final String LOCAL = "local";
    static final String SPARK = "spark";
    static final String ENGINE_HELP = "Where points run: local (this machine's threads, default) or spark (Apache Spark:"
            + " embedded local[*], or the cluster of --master / spark-submit).";
    static final String MASTER_HELP = "Spark master with --engine spark: local[N] (N cores in this process), local[N,F]"
            + " (F attempts per task), spark://HOST:7077, yarn, k8s://https://HOST:443. Default: spark-submit's, else local[*].";

    private Engines() {
    }

    /**
     * The engine's provider, or empty for the local thread pool. Checks the options before any work
     * (opening Spark takes seconds, so it is opened later, once the points are known to be valid).
     */
    static Optional<PointExecutorProvider> provider(String engine, String master) {
        if (engine == null || engine.equals(LOCAL)) {
            if (master != null) {
                throw new TokenFabException("--master " + master + " needs --engine spark");
            }
            return Optional.empty();
        }
        if (!engine.equals(SPARK)) {
            throw new TokenFabException("--engine " + engine + ": unknown engine; use local or spark");
        }
        return Optional.of(PointExecutorProvider.find(SPARK).orElseThrow(() -> new TokenFabException(
                "Spark support is not in this build; build it with `./mvnw -pl spark -am package -DskipTests`"
                + " and run through ./tokenfab, which adds spark/target/tokenfab-spark.jar when --engine spark is given"
                + " (or spark-submit that jar on a cluster: see the README, \"Sweeps, plans and validation on Spark\")")));
    }
}
