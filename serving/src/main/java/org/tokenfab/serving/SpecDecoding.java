package org.tokenfab.serving;

/**
 * Speculative decoding: a drafter proposes {@code draftTokens} tokens per decoding sequence, the
 * target model verifies them and the draft in one pass (a chunk of {@code draftTokens + 1} query
 * tokens over the sequence's context), keeping the accepted prefix plus one token of its own.
 * Each draft token is accepted with probability {@code acceptance}, independently, until the first
 * rejection (the usual i.i.d. model of Leviathan et al.), so a step emits on average
 * {@code (1 - a^(k+1)) / (1 - a)} tokens per sequence.
 *
 * @param draftTokens tokens proposed per sequence and step, k >= 1
 * @param acceptance  probability that a draft token is accepted, in [0, 1)
 * @param draftCost   cost of one drafting pass over the decoding sequences (a decode step of the
 *                    draft model, or of the MTP head); run {@code draftTokens} times per step
 * @param method      what drafts, for reports: a draft model's id or "mtp"
 */
public record SpecDecoding(int draftTokens, double acceptance, StepCost draftCost, String method) {
    public SpecDecoding {
        if (draftTokens < 1) {
            throw new IllegalArgumentException("draftTokens must be >= 1, got " + draftTokens);
        }
        if (!(acceptance >= 0 && acceptance < 1)) {
            throw new IllegalArgumentException("acceptance must be in [0, 1), got " + acceptance);
        }
        if (draftCost == null) {
            throw new IllegalArgumentException("draftCost is required");
        }
    }

    /** Expected tokens a sequence emits per step: (1 - a^(k+1)) / (1 - a). */
    public double expectedTokensPerStep() {
        return (1 - Math.pow(acceptance, draftTokens + 1)) / (1 - acceptance);
    }

    /** Accepted draft tokens for one sequence, given a uniform draw u in [0, 1): P(at least j) = a^j. */
    int accepted(int drafts, double u) {
        int j = 0;
        double p = acceptance;
        // Inverse transform over the truncated geometric: accept token j+1 while u < a^(j+1).
        while (j < drafts && u < p) {
            j++;
            p *= acceptance;
        }
        return j;
    }
}
