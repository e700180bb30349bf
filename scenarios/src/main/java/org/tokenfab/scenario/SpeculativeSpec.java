package org.tokenfab.scenario;

import java.util.Optional;

/**
 * Speculative decoding.
 *
 * @param method      {@code draft-model} (a smaller model drafts) or {@code mtp} (multi-token
 *                    prediction heads of the target model)
 * @param draftModel  catalog id of the draft model ({@code draft-model} only)
 * @param draftTokens tokens drafted per sequence and step
 * @param acceptance  probability that a draft token is accepted
 */
public record SpeculativeSpec(String method, Optional<String> draftModel, int draftTokens, double acceptance) {
}
