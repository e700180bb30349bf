package org.tokenfab.serving;

/**
 * What a traffic source stamps on each request it makes: the workload class, its priority, and
 * its synthetic shared prompt prefixes.
 *
 * @param index        the workload class (0 with a single class)
 * @param priority     for the {@code priority} queue discipline: smaller goes first
 * @param sharedPrefix synthetic shared prompt prefixes, or null
 * @param prefixSeed   seeds the choice of prefix variant
 */
public record RequestClass(int index, int priority, SharedPrefix sharedPrefix, long prefixSeed) {
    public RequestClass {
        if (index < 0) {
            throw new IllegalArgumentException("class index must be >= 0, got " + index);
        }
    }

    /** Class {@code index} with priority 0 and no shared prefixes. */
    public static RequestClass of(int index) {
        return new RequestClass(index, 0, null, 0);
    }
}
