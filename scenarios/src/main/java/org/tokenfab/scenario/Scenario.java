package org.tokenfab.scenario;

import org.tokenfab.hardware.Catalog;

/**
 * A whole what-if: the model, the cluster that serves it and the traffic it serves.
 *
 * @param name          short name, used for the output folder
 * @param description   one line for people, may be empty
 * @param seed          master seed: same scenario and seed give identical results
 * @param stop          when arrivals stop
 * @param model         catalog id of the LLM
 * @param precision     number formats of weights and KV cache
 * @param cluster       pools of replicas and the router
 * @param workload      arrivals and token lengths
 * @param source        where the scenario was read from (file or library name), for messages
 * @param catalog       the bundled catalog plus the scenario's own accelerators and models (from
 *                      files or inline), which {@code model} and the pools' accelerators refer to
 * @param variants      named sets of overrides to run beside this scenario with the same seed (so
 *                      the same traffic) and compare; empty for a single run
 * @param facility      PUE, electricity price and power budget of the building (defaults without a
 *                      {@code facility:} section)
 */
public record Scenario(String name, String description, long seed, StopSpec stop, String model,
        PrecisionSpec precision, ClusterSpec cluster, WorkloadSpec workload, String source, Catalog catalog,
        java.util.List<Variant> variants, FacilitySpec facility) {

    public Scenario {
        variants = java.util.List.copyOf(variants);
    }

    /**
     * One variant of a comparison.
     *
     * @param name the variant's name (its output folder)
     * @param sets overrides in {@code --set} form, {@code PATH=VALUE}
     */
    public record Variant(String name, java.util.List<String> sets) {
        public Variant {
            sets = java.util.List.copyOf(sets);
        }
    }
}
