package org.tokenfab.serving;

import java.util.Arrays;

import org.tokenfab.sim.EventHandler;
import org.tokenfab.sim.Simulation;
import org.tokenfab.workload.ArrivalProcess;
import org.tokenfab.workload.TokenLengthDistribution;

/**
 * Agentic sessions: sessions start at the times of an arrival process; each is a chain of LLM calls
 * with a tool call between them. A step's prompt is the previous step's context plus its output plus
 * the tool result, so the context grows from step to step (and a prefix cache, where modelled,
 * reuses it). The session's next call is sent when the previous one finishes and the tool has
 * answered. A session ends after its drawn number of steps, when the next prompt would exceed the
 * model's context, or when one of its requests is rejected. Requests carry the session's slot as
 * their user, so routers can keep a session on one replica.
 */
public final class AgentSessionSource implements EventHandler, TrafficSource, RequestListener {
    private static final int SESSION_START = 1;
    private static final int NEXT_STEP = 2;

    private final Simulation sim;
    private final ArrivalProcess sessionStarts;
    private final TokenLengthDistribution firstPrompt;
    private final TokenLengthDistribution output;
    private final TokenLengthDistribution steps;
    private final TokenLengthDistribution toolLatencyMs;
    private final TokenLengthDistribution toolTokens;
    private final int maxContext;
    private final Cluster cluster;
    private final RequestFactory requests;
    private final long endTime;
    private final int classIndex;

    /** Per session slot: context so far and steps left; slots are reused, so memory follows sessions in flight. */
    private int[] context = new int[16];
    /** The session each slot holds (slots are reused; ids are not). */
    private long[] sessionIds = new long[16];
    private long[] prefixIds = new long[0];
    private int[] stepsLeft = new int[16];
    private int[] freeSlots = new int[16];
    private int free;
    private int slots;
    private long sessionsStarted;

    public AgentSessionSource(Simulation sim, ArrivalProcess sessionStarts, TokenLengthDistribution firstPrompt,
            TokenLengthDistribution output, TokenLengthDistribution steps, TokenLengthDistribution toolLatencyMs,
            TokenLengthDistribution toolTokens, int maxContext, Cluster cluster, RequestPool pool, MetricsRecorder metrics,
            RequestBudget budget, RequestClass cls, long endTime) {
        this.sim = sim;
        this.sessionStarts = sessionStarts;
        this.firstPrompt = firstPrompt;
        this.output = output;
        this.steps = steps;
        this.toolLatencyMs = toolLatencyMs;
        this.toolTokens = toolTokens;
        this.maxContext = maxContext;
        this.cluster = cluster;
        this.requests = new RequestFactory(pool, metrics, null, budget, cls);
        this.endTime = endTime;
        this.classIndex = cls.index();
        metrics.listen(this);
    }

    @Override
    public void start() {
        scheduleNextSession();
    }

    @Override
    public void onEvent(int type, long payload) {
        if (type == SESSION_START) {
            if (!requests.exhausted()) {
                int slot = openSlot();
                stepsLeft[slot] = steps.sample();
                context[slot] = 0;
                sessionIds[slot] = sessionsStarted;
                sessionsStarted++;
                send(slot, firstPrompt.sample());
            }
            scheduleNextSession();
        } else {
            int slot = (int) payload;
            int prompt = context[slot] + toolTokens.sample();
            if (requests.exhausted() || prompt >= maxContext) {
                closeSlot(slot);
            } else {
                send(slot, prompt);
            }
        }
    }

    private void send(int slot, int prompt) {
        int out = output.sample();
        stepsLeft[slot]--;
        // The next step's prompt: this prompt and this answer (the tool result is added then).
        context[slot] = prompt + out;
        Request r = requests.create(sim.now(), slot, prompt, out);
        // Each call's prompt starts with the session's whole context so far: name its 64-token
        // units by (session, position), so a prefix cache finds the earlier calls' units again.
        int units = prompt / SharedPrefix.UNIT_TOKENS;
        if (prefixIds.length < units) {
            prefixIds = new long[Math.max(units, 2 * prefixIds.length)];
        }
        long session = SESSION_TAG | ((long) classIndex << 52) | (sessionIds[slot] << 24);
        for (int i = 0; i < units; i++) {
            prefixIds[i] = session | i;
        }
        r.setPrefix(prefixIds, units, SharedPrefix.UNIT_TOKENS);
        cluster.submit(r);
    }

    /** Marks session prefix ids apart from synthetic shared-prefix ids. */
    private static final long SESSION_TAG = 1L << 62;

    @Override
    public void finished(Request request, long now, boolean completed) {
        if (request.classIndex != classIndex) {
            return;
        }
        int slot = request.user;
        if (!completed || stepsLeft[slot] <= 0) {
            closeSlot(slot);
            return;
        }
        long latency = toolLatencyMs.sample() * 1_000_000L;
        if (now + latency > endTime) {
            closeSlot(slot);
            return;
        }
        sim.schedule(now + latency, this, NEXT_STEP, slot);
    }

    private void scheduleNextSession() {
        if (requests.exhausted()) {
            return;
        }
        long next = sessionStarts.nextArrivalAfter(sim.now());
        if (next <= endTime) {
            sim.schedule(next, this, SESSION_START, 0);
        }
    }

    private int openSlot() {
        if (free > 0) {
            return freeSlots[--free];
        }
        if (slots == context.length) {
            context = Arrays.copyOf(context, slots * 2);
            sessionIds = Arrays.copyOf(sessionIds, slots * 2);
            stepsLeft = Arrays.copyOf(stepsLeft, slots * 2);
            freeSlots = Arrays.copyOf(freeSlots, slots * 2);
        }
        return slots++;
    }

    private void closeSlot(int slot) {
        freeSlots[free++] = slot;
    }

    @Override
    public long created() {
        return requests.created();
    }

    /** Sessions started so far. */
    public long sessionsStarted() {
        return sessionsStarted;
    }
}
