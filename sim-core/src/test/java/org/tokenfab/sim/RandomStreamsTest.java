package org.tokenfab.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.L64X128Mix;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    private static long[] draws(UniformRandomProvider rng) {
        long[] out = new long[16];
        for (int i = 0; i < out.length; i++) {
            out[i] = rng.nextLong();
        }
        return out;
    }

    @Test
    void aStreamDependsOnlyOnSeedAndName() {
        long[] alone = draws(new RandomStreams(42).stream("a"));

        RandomStreams afterOthers = new RandomStreams(42);
        draws(afterOthers.stream("b"));
        draws(afterOthers.stream("c"));
        assertThat(draws(afterOthers.stream("a"))).isEqualTo(alone);

        RandomStreams otherOrder = new RandomStreams(42);
        UniformRandomProvider c = otherOrder.stream("c");
        UniformRandomProvider a = otherOrder.stream("a");
        UniformRandomProvider b = otherOrder.stream("b");
        draws(b);
        draws(c);
        assertThat(draws(a)).isEqualTo(alone);
    }

    @Test
    void interleavedDrawsDoNotDisturbEachOther() {
        RandomStreams streams = new RandomStreams(42);
        UniformRandomProvider a = streams.stream("a");
        UniformRandomProvider b = streams.stream("b");
        long[] fromA = new long[16];
        for (int i = 0; i < fromA.length; i++) {
            b.nextLong();
            fromA[i] = a.nextLong();
        }
        assertThat(fromA).isEqualTo(draws(new RandomStreams(42).stream("a")));
    }

    @Test
    void differentNamesOrSeedsGiveDifferentDraws() {
        RandomStreams streams = new RandomStreams(42);
        long[] a = draws(streams.stream("a"));
        assertThat(draws(streams.stream("b"))).isNotEqualTo(a);
        assertThat(draws(streams.stream("a "))).isNotEqualTo(a);
        assertThat(draws(new RandomStreams(43).stream("a"))).isNotEqualTo(a);
    }

    @Test
    void sameSeedAndNameInTwoInstancesGiveIdenticalDraws() {
        assertThat(draws(new RandomStreams(-7).stream("router/p2c")))
                .isEqualTo(draws(new RandomStreams(-7).stream("router/p2c")));
        assertThat(new RandomStreams(-7).masterSeed()).isEqualTo(-7);
    }

    @Test
    void duplicateNameIsAnError() {
        RandomStreams streams = new RandomStreams(1);
        streams.stream("arrivals");
        assertThatThrownBy(() -> streams.stream("arrivals"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("arrivals");
        assertThatThrownBy(() -> streams.stream("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> streams.stream(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void seedIsAnOddAddendLxmStateDerivedFromStableHashes() {
        // FNV-1a 64 reference values (from the algorithm's published test vectors).
        assertThat(RandomStreams.fnv1a64("")).isEqualTo(0xcbf29ce484222325L);
        assertThat(RandomStreams.fnv1a64("a")).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(RandomStreams.fnv1a64("foobar")).isEqualTo(0x85944171f73967e8L);

        long[] seed = RandomStreams.seedWords(42, "a");
        assertThat(seed[0] & 1).isEqualTo(1);
        assertThat(draws(new RandomStreams(42).stream("a"))).isEqualTo(draws(new L64X128Mix(seed)));
    }
}
