package org.tokenfab.scenario;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A scenario's own capacity-planning question ({@code plan:}), so that {@code tokenfab plan NAME}
 * needs no flags; each field is optional and a command-line flag replaces it.
 *
 * @param targetRatePerSecond the load the fleet must serve (default: the scenario's arrival rate)
 * @param ttftP99Ms           p99 time to first token the fleet must meet, ms
 * @param tpotP99Ms           p99 time per output token the fleet must meet, ms
 * @param goodputShare        least share of arrived requests that must meet their class's SLOs
 * @param accelerators        accelerators to try (empty: the template's)
 * @param tps                 tensor-parallel degrees to try (empty: the template's)
 * @param maxSeqs             batching max_seqs values to try (empty: the template's)
 * @param minimise            {@code cost}, {@code accelerators} or {@code power}
 * @param maxReplicas         most replicas the search may try per configuration
 */
public record PlanSpec(OptionalDouble targetRatePerSecond, OptionalDouble ttftP99Ms, OptionalDouble tpotP99Ms,
        OptionalDouble goodputShare, List<String> accelerators, List<Integer> tps, List<Integer> maxSeqs,
        Optional<String> minimise, OptionalInt maxReplicas) {

    /** No {@code plan:} section. */
    public static final PlanSpec NONE = new PlanSpec(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
            OptionalDouble.empty(), List.of(), List.of(), List.of(), Optional.empty(), OptionalInt.empty());

    public PlanSpec {
        accelerators = List.copyOf(accelerators);
        tps = List.copyOf(tps);
        maxSeqs = List.copyOf(maxSeqs);
    }
}
