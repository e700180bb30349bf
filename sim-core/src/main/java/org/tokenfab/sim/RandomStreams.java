package org.tokenfab.sim;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Hands every component of one simulation its own random stream, derived from the master seed
 * and the component's name only.
 *
 * <p>Because a stream depends on nothing but (master seed, name), adding a component or creating
 * streams in another order never changes the draws of any other component; this is what makes
 * runs comparable with common random numbers. The generator is LXM ({@code L64_X128_MIX}): its
 * linear congruential part takes an addend, and generators with distinct addends produce
 * independent sequences by design, so deriving the whole seed (addend included) from a hash of
 * the name gives each component a stream of its own rather than a window into a shared one.
 *
 * <p>The name is hashed with FNV-1a 64 over its UTF-8 bytes (stable across JVMs and releases,
 * unlike {@link String#hashCode()}, and 64 bits wide), combined with the master seed and
 * expanded with SplitMix64 into the four seed words.
 *
 * <p>Not thread-safe: like its {@link Simulation}, an instance is used by one thread at a time.
 */
public final class RandomStreams {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;

    private final long masterSeed;
    private final Set<String> issued = new HashSet<>();

    public RandomStreams(long masterSeed) {
        this.masterSeed = masterSeed;
    }

    public long masterSeed() {
        return masterSeed;
    }

    /**
     * The stream of the named component.
     *
     * @throws IllegalStateException if this name was already given out: two components drawing
     *                               from one stream would make each one's draws depend on the
     *                               other's
     */
    public UniformRandomProvider stream(String componentName) {
        Objects.requireNonNull(componentName, "componentName");
        if (componentName.isEmpty()) {
            throw new IllegalArgumentException("componentName must not be empty");
        }
        if (!issued.add(componentName)) {
            throw new IllegalStateException("random stream '" + componentName
                    + "' was already given to another component; give each component its own name");
        }
        return derive(masterSeed, componentName);
    }

    /** The stream for (masterSeed, name), without registering the name; for the engine's own use. */
    static UniformRandomProvider derive(long masterSeed, String name) {
        return RandomSource.L64_X128_MIX.create(seedWords(masterSeed, name));
    }

    /** The L64X128 seed: {LCG addend, LCG state, XBG state 0, XBG state 1}. */
    static long[] seedWords(long masterSeed, String name) {
        long state = splitMix(masterSeed) ^ fnv1a64(name);
        long[] seed = new long[4];
        for (int i = 0; i < seed.length; i++) {
            state += GOLDEN_GAMMA;
            seed[i] = splitMix(state);
        }
        seed[0] |= 1; // the LCG addend must be odd
        if ((seed[2] | seed[3]) == 0) {
            seed[2] = GOLDEN_GAMMA; // an all-zero xorshift state would stay zero forever
        }
        return seed;
    }

    static long fnv1a64(String s) {
        long hash = FNV_OFFSET;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xFF;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /** The SplitMix64 / Stafford variant 13 finaliser: a bijection that spreads every input bit. */
    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
