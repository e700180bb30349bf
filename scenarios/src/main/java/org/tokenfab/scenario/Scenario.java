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
 * @param sweep         axes of a parameter sweep ({@code tokenfab sweep}): each point of their
 *                      cartesian product is this scenario with one value of every axis applied as
 *                      an override; empty for none. {@code tokenfab run} ignores it (the base point)
 * @param plan          the capacity-planning question of {@code tokenfab plan} ({@link PlanSpec#NONE}
 *                      without a {@code plan:} section); {@code tokenfab run} ignores it
 */
public record Scenario(String name, String description, long seed, StopSpec stop, String model,
        PrecisionSpec precision, ClusterSpec cluster, WorkloadSpec workload, String source, Catalog catalog,
        java.util.List<Variant> variants, FacilitySpec facility, java.util.List<SweepAxis> sweep,
        PlanSpec plan) {

    public Scenario {
        variants = java.util.List.copyOf(variants);
        sweep = java.util.List.copyOf(sweep);
    }

    /**
     * One axis of a sweep: a YAML path and the values it takes, each in {@code --set} form.
     *
     * @param path   the YAML path, e.g. {@code cluster.pools[0].replicas}
     * @param values the values as {@code --set} would read them (YAML text), in order
     */
    public record SweepAxis(String path, java.util.List<String> values) {
        public SweepAxis {
            values = java.util.List.copyOf(values);
        }
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
