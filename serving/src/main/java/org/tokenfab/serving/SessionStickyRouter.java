package org.tokenfab.serving;

/**
 * Keeps each user (a closed-loop user or an agentic session, {@code Request.user >= 0}) on one
 * replica, so its growing conversation finds its earlier turns in that replica's prefix cache. A
 * user's first request, and open-loop requests (no user), go to the fewest in flight.
 *
 * <p>Bounded memory: user ids grow without end (every agentic session is a new one) and the router
 * is not told when a session ends, so it cannot forget users exactly. It remembers them in a
 * direct-mapped table of {@value #SLOTS} slots, like a hardware cache: a user's slot is a hash of
 * its id; the slot holds the last user that used it and that user's replica. A user whose slot was
 * taken over by another is placed afresh (least-outstanding) and takes the slot back. With fewer
 * users active at once than slots, such collisions are rare (a new user displaces a live one with
 * probability about active/{@value #SLOTS}), and stale users cost nothing: they are overwritten.
 * 512 KiB, O(replicas) for a new user, O(1) for a known one, nothing allocated.
 */
public final class SessionStickyRouter implements Router {
    static final int SLOTS = 1 << 16;
    private static final long EMPTY = -1;

    private final Replica[] replicas;
    /** Per slot: user id in the high 32 bits, replica index in the low 32 bits; EMPTY when unused. */
    private final long[] slots = new long[SLOTS];

    public SessionStickyRouter(RouterContext context) {
        this.replicas = context.replicas();
        java.util.Arrays.fill(slots, EMPTY);
    }

    @Override
    public int route(Request request) {
        int user = request.user;
        if (user < 0) {
            return RouterContext.leastOutstanding(replicas, 0, replicas.length);
        }
        int slot = slot(user);
        long entry = slots[slot];
        if (entry != EMPTY && (int) (entry >>> 32) == user) {
            return (int) entry;
        }
        int chosen = RouterContext.leastOutstanding(replicas, 0, replicas.length);
        slots[slot] = ((long) user << 32) | chosen;
        return chosen;
    }

    /** A multiplicative hash: consecutive user ids (as sources number them) land in different slots. */
    static int slot(int user) {
        return (int) ((user * 0x9E3779B97F4A7C15L) >>> (64 - 16));
    }
}
