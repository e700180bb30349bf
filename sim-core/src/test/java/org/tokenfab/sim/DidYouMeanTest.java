package org.tokenfab.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    private static final List<String> IDS = List.of("h100-sxm", "h200", "b200", "gb200", "llama-3.1-8b", "llama-3.1-70b");

    @Test
    void prefersNamesContainingWhatWasTyped() {
        assertThat(DidYouMean.suggest("h100", IDS)).contains("h100-sxm");
        assertThat(DidYouMean.suggest("H100_SXM", IDS)).contains("h100-sxm");
    }

    @Test
    void fallsBackToEditDistanceForTypos() {
        assertThat(DidYouMean.suggest("b2oo", IDS)).contains("b200");
        assertThat(DidYouMean.suggest("lama-3.1-70b", IDS)).contains("llama-3.1-70b");
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertThat(DidYouMean.suggest("tpu-v5e", IDS)).isEmpty();
        assertThat(DidYouMean.suggest("", IDS)).isEmpty();
    }

    @Test
    void levenshtein() {
        assertThat(DidYouMean.levenshtein("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.levenshtein("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.levenshtein("same", "same")).isZero();
    }
}
