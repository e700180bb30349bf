package org.tokenfab.scenario.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * One configuration of the template's single pool whose replica count the plan searches.
 *
 * @param accelerator catalog id
 * @param tp          tensor-parallel degree
 * @param maxSeqs     batching max_seqs, or empty for the template's
 */
public record Candidate(String accelerator, int tp, OptionalInt maxSeqs) {
    /** Overrides in {@code --set} form that make the template this candidate with {@code replicas}. */
    public List<String> sets(int replicas) {
        List<String> sets = new ArrayList<>(List.of("cluster.pools[0].accelerator=" + accelerator,
                "cluster.pools[0].parallelism.tp=" + tp, "cluster.pools[0].replicas=" + replicas));
        maxSeqs.ifPresent(m -> sets.add("cluster.pools[0].batching.max_seqs=" + m));
        return sets;
    }

    /** {@code h200 tp4} or {@code h200 tp4 max_seqs 128}. */
    public String label() {
        return accelerator + " tp" + tp + (maxSeqs.isPresent() ? " max_seqs " + maxSeqs.getAsInt() : "");
    }
}
