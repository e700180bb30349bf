package org.tokenfab.scenario.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.tokenfab.scenario.Scenario;
import org.tokenfab.scenario.load.ScenarioLoader;

/** The YAML scenarios behind {@code tokenfab bench}'s standard cases, read from this package's resources. */
public final class BenchScenarios {
    /** One replica, 10,000 requests. */
    public static final String ONE_REPLICA = "a-one-replica.yaml";
    /** 128 replicas of tp 8 (1,024 GPUs), 1,000,000 requests. */
    public static final String CLUSTER = "b-cluster-1m.yaml";
    /** The cluster of {@link #CLUSTER} for one simulated day of diurnal traffic. */
    public static final String CLUSTER_DAY = "c-cluster-day.yaml";
    /** The base point of the 1,000-point sweep. */
    public static final String SWEEP_POINT = "d-sweep-point.yaml";

    private BenchScenarios() {
    }

    /** The text of a bench scenario, e.g. {@link #ONE_REPLICA}. */
    public static String text(String resource) {
        try (InputStream in = BenchScenarios.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a bench scenario with {@code --set}-style overrides; its source reads {@code bench/NAME}. */
    public static Scenario load(ScenarioLoader loader, String resource, List<String> overrides) {
        return loader.parse("bench/" + resource, text(resource), overrides);
    }
}
