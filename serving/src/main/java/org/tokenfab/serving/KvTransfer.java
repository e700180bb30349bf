package org.tokenfab.serving;

import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.Simulation;

/**
 * Prefill/decode disaggregation: moves each prefilled request's KV cache from its prefill replica
 * to a decode replica, and there the request decodes.
 *
 * <p>The link: each prefill replica sends over its own egress link (its accelerators' network
 * interfaces together), a FIFO queue: a transfer starts when the link is free, takes
 * {@code latency + bytes / bandwidth}, and the next waits for it. So contention is modelled where
 * it arises first in practice, at the sender; the decode side's ingress is not limited. The KV
 * blocks stay on the prefill replica until the transfer ends.
 *
 * <p>The first token: the prefill pass computes it, but the user sees it only when the decode
 * replica has the KV and continues the stream, so the TTFT includes the queueing and the transfer
 * (as DistServe and Splitwise measure it). A request with one output token needs no decode and is
 * not transferred.
 *
 * <p>The decode replica: the serving one with the fewest requests in flight (ties to the lowest
 * index).
 * Allocation-free per transfer once the per-link queues have grown.
 */
public final class KvTransfer implements Handoff, EventHandler {
    private final Simulation sim;
    private final MetricsRecorder metrics;
    private final Replica[] prefill;
    private final Replica[] decode;
    private final double bytesPerToken;
    private final double bytesPerNano;
    private final long latencyNanos;
    private final long[] linkFreeAt;
    // Per link, a FIFO ring of requests in transfer (queued or on the wire).
    private Request[][] queues;
    private final int[] heads;
    private final int[] sizes;

    private long transfers;
    private double bytes;
    private long queueingNanos;
    private long maxQueueingNanos;
    private int inTransit;

    /**
     * @param prefill        the prefill replicas (each sends over its own link)
     * @param decode         the decode replicas
     * @param bytesPerToken  KV bytes of one token of context, whole model (what moves per prompt token)
     * @param gbPerSecond    egress bandwidth of one prefill replica, GB/s (10^9 bytes)
     * @param latencyNanos   fixed cost per transfer (setup, first byte)
     */
    public KvTransfer(Simulation sim, MetricsRecorder metrics, Replica[] prefill, Replica[] decode, double bytesPerToken,
            double gbPerSecond, long latencyNanos) {
        if (prefill.length == 0 || decode.length == 0) {
            throw new IllegalArgumentException("disaggregation needs prefill and decode replicas");
        }
        if (!(bytesPerToken > 0) || !(gbPerSecond > 0) || latencyNanos < 0) {
            throw new IllegalArgumentException("bytes per token and bandwidth must be > 0, latency >= 0");
        }
        this.sim = sim;
        this.metrics = metrics;
        this.prefill = prefill.clone();
        this.decode = decode.clone();
        this.bytesPerToken = bytesPerToken;
        this.bytesPerNano = gbPerSecond; // 1 GB/s = 1 byte/ns
        this.latencyNanos = latencyNanos;
        this.linkFreeAt = new long[prefill.length];
        this.queues = new Request[prefill.length][16];
        this.heads = new int[prefill.length];
        this.sizes = new int[prefill.length];
        for (Replica p : this.prefill) {
            p.handOffTo(this);
        }
    }

    @Override
    public void prefilled(Replica from, Request r, long now) {
        int link = indexOf(from);
        double b = r.prefillTarget * bytesPerToken;
        long start = Math.max(now, linkFreeAt[link]);
        long end = start + latencyNanos + Math.max(1, Math.round(b / bytesPerNano));
        linkFreeAt[link] = end;
        long waited = start - now;
        queueingNanos += waited;
        maxQueueingNanos = Math.max(maxQueueingNanos, waited);
        bytes += b;
        transfers++;
        inTransit++;
        enqueue(link, r);
        sim.schedule(end, this, 0, link);
    }

    @Override
    public void onEvent(int type, long payload) {
        int link = (int) payload;
        Request r = dequeue(link);
        inTransit--;
        long now = sim.now();
        prefill[link].releaseSent(r);
        metrics.token(r, now); // the first token reaches the user with the decode replica
        Replica target = leastLoaded();
        target.countDeliveredToken();
        target.submit(r);
    }

    /** The serving decode replica with the fewest requests in flight; any, if none serves. */
    private Replica leastLoaded() {
        Replica best = null;
        int min = Integer.MAX_VALUE;
        for (Replica d : decode) {
            int n = d.inFlight();
            if (d.accepting() && n < min) {
                min = n;
                best = d;
            }
        }
        return best != null ? best : decode[0];
    }

    private int indexOf(Replica from) {
        for (int i = 0; i < prefill.length; i++) {
            if (prefill[i] == from) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a prefill replica of this transfer");
    }

    private void enqueue(int link, Request r) {
        Request[] q = queues[link];
        if (sizes[link] == q.length) {
            Request[] bigger = new Request[q.length * 2];
            for (int i = 0; i < q.length; i++) {
                bigger[i] = q[(heads[link] + i) % q.length];
            }
            queues[link] = q = bigger;
            heads[link] = 0;
        }
        q[(heads[link] + sizes[link]++) % q.length] = r;
    }

    private Request dequeue(int link) {
        Request[] q = queues[link];
        Request r = q[heads[link]];
        q[heads[link]] = null;
        heads[link] = (heads[link] + 1) % q.length;
        sizes[link]--;
        return r;
    }

    /** Requests between a prefill and a decode replica (queued for a link or on it). */
    public int inTransit() {
        return inTransit;
    }

    /** What the transfers did over the run. */
    public Stats stats() {
        return new Stats(transfers, bytes, transfers == 0 ? 0 : queueingNanos / 1e6 / transfers, maxQueueingNanos / 1e6);
    }

    /**
     * @param transfers         requests moved
     * @param bytes             KV bytes moved
     * @param meanQueueingMs    mean wait for the link before a transfer started
     * @param maxQueueingMs     longest such wait
     */
    public record Stats(long transfers, double bytes, double meanQueueingMs, double maxQueueingMs) implements java.io.Serializable {
    }
}
