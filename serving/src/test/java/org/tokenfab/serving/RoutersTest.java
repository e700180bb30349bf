package org.tokenfab.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.tokenfab.sim.Simulation;
import org.tokenfab.sim.StopCondition;

/**
 * Each router's defining choice on a hand-made cluster, with exact replica indices. Loads are set
 * by submitting requests straight to replicas without running the simulation: the first one is
 * admitted at once (it takes KV blocks), the rest wait in the queue.
 *
 * <p>The random routers run on fixed seeds, so these tests are deterministic; their chi-square
 * bounds are the 0.999 quantiles, so with another seed a correct router would fail one check in a
 * thousand.
 */
class RoutersTest {
    private static final long MS = 1_000_000L;
    private static final StepCost LINEAR = (batch, usage) -> MS + batch.prefillTokens * 10_000L + batch.decodeSeqs * 100_000L;
    /** Chi-square 0.999 quantiles for 1 and 3 degrees of freedom. */
    private static final double CHI2_999_DF1 = 10.828;
    private static final double CHI2_999_DF3 = 16.266;

    private final Simulation sim = new Simulation(1);
    private final MetricsRecorder metrics = new MetricsRecorder();
    private final RequestPool pool = new RequestPool();
    private long ids;

    private List<Replica> replicas(int n, SchedulerOptions options) {
        List<Replica> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new Replica(sim, new ReplicaConfig(LINEAR, 100, 16, 8192, 256, null, options), metrics, pool));
        }
        return list;
    }

    private List<Replica> replicas(int n) {
        return replicas(n, SchedulerOptions.DEFAULT);
    }

    private Request request(int input) {
        Request r = pool.acquire();
        r.init(ids++, sim.now(), input, 4);
        metrics.arrived(r);
        return r;
    }

    /** Puts {@code count} requests of {@code input} tokens on {@code replica}. */
    private void load(Replica replica, int count, int input) {
        for (int i = 0; i < count; i++) {
            replica.submit(request(input));
        }
    }

    private static RouterContext context(List<Replica> replicas, long seed) {
        return RouterContext.of(replicas, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
    }

    /** A: one 800-token prompt (half the KV cache), B: three 16-token ones, C: two. */
    private List<Replica> abc() {
        List<Replica> r = replicas(3);
        load(r.get(0), 1, 800);
        load(r.get(1), 3, 16);
        load(r.get(2), 2, 16);
        return r;
    }

    @Test
    void roundRobinCycles() {
        Router router = Routers.create("round-robin", context(replicas(3), 1));
        Request r = request(10);
        assertThat(new int[] {router.route(r), router.route(r), router.route(r), router.route(r)}).containsExactly(0, 1, 2, 0);
    }

    @Test
    void leastOutstandingTakesTheFewestInFlightTiesToTheLowestIndex() {
        List<Replica> r = abc();
        assertThat(r.get(0).inFlight()).isEqualTo(1);
        assertThat(Routers.create("least-outstanding", context(r, 1)).route(request(10))).isEqualTo(0);
        List<Replica> idle = replicas(3);
        load(idle.get(0), 1, 16);
        assertThat(Routers.create("least-outstanding", context(idle, 1)).route(request(10))).isEqualTo(1);
    }

    @Test
    void leastKvTakesTheEmptiestCacheTiesToFewerInFlight() {
        List<Replica> r = abc();
        assertThat(r.get(0).kvLoad()).isEqualTo(0.5);
        assertThat(r.get(1).kvLoad()).isEqualTo(r.get(2).kvLoad()).isEqualTo(0.01);
        // A has the fewest in flight but the fullest cache; B and C tie on KV, C has fewer in flight.
        assertThat(Routers.create("least-kv", context(r, 1)).route(request(10))).isEqualTo(2);
    }

    @Test
    void powerOfTwoNeverPicksTheMostLoadedAndPicksTheLighterOfEachPair() {
        // In flight A = 1, B = 3, C = 2. Pairs {A,B} -> A, {A,C} -> A, {B,C} -> C: A 2/3, C 1/3, B never.
        Router router = Routers.create("power-of-two", context(abc(), 7));
        int n = 30_000;
        int[] counts = new int[3];
        Request r = request(10);
        for (int i = 0; i < n; i++) {
            counts[router.route(r)]++;
        }
        assertThat(counts[1]).isZero();
        double chi2 = chi2(new int[] {counts[0], counts[2]}, new double[] {2.0 / 3, 1.0 / 3}, n);
        assertThat(chi2).isLessThan(CHI2_999_DF1);
    }

    @Test
    void randomIsUniform() {
        Router router = Routers.create("random", context(replicas(4), 11));
        int n = 40_000;
        int[] counts = new int[4];
        Request r = request(10);
        for (int i = 0; i < n; i++) {
            counts[router.route(r)]++;
        }
        assertThat(chi2(counts, new double[] {0.25, 0.25, 0.25, 0.25}, n)).isLessThan(CHI2_999_DF3);
    }

    @Test
    void randomRoutersAreReproducibleBySeed() {
        Request r = request(10);
        Router a = Routers.create("random", context(replicas(5), 3));
        Router b = Routers.create("random", context(replicas(5), 3));
        for (int i = 0; i < 100; i++) {
            assertThat(a.route(r)).isEqualTo(b.route(r));
        }
    }

    @Test
    void prefixAffinityFollowsTheCachedPrefixElseLeastOutstanding() {
        List<Replica> r = replicas(3, SchedulerOptions.DEFAULT.withKv(0, false, 0, 0, true, 0));
        Request first = request(100);
        first.setPrefix(new long[] {1, 2, 3}, 3, 32);
        r.get(2).submit(first);
        sim.run(StopCondition.never()); // it completes; its 96 prefix tokens stay cached on replica 2
        Router router = Routers.create("prefix-affinity", context(r, 1));

        Request same = request(100);
        same.setPrefix(new long[] {1, 2, 3}, 3, 32);
        assertThat(r.get(2).cachedPrefixTokens(same)).isEqualTo(96);
        load(r.get(2), 2, 16); // busier than the others: the cache still wins
        assertThat(router.route(same)).isEqualTo(2);

        Request other = request(100);
        other.setPrefix(new long[] {9, 8, 7}, 3, 32);
        assertThat(router.route(other)).isEqualTo(0);
    }

    @Test
    void sessionStickyKeepsAUserOnItsReplica() {
        List<Replica> r = replicas(3);
        Router router = Routers.create("session-sticky", context(r, 1));
        Request u7 = request(10);
        u7.user = 7;
        assertThat(router.route(u7)).isEqualTo(0);
        load(r.get(0), 5, 16);
        assertThat(router.route(u7)).isEqualTo(0); // sticky although replica 0 is now the busiest
        Request u8 = request(10);
        u8.user = 8;
        assertThat(router.route(u8)).isEqualTo(1);
        Request open = request(10);
        assertThat(router.route(open)).isEqualTo(1); // no user: least-outstanding
    }

    @Test
    void sessionStickyForgetsAUserWhoseSlotAnotherTook() {
        int u = 7;
        int rival = u + 1;
        while (SessionStickyRouter.slot(rival) != SessionStickyRouter.slot(u)) {
            rival++;
        }
        List<Replica> r = replicas(2);
        Router router = Routers.create("session-sticky", context(r, 1));
        Request a = request(10);
        a.user = u;
        assertThat(router.route(a)).isEqualTo(0);
        load(r.get(0), 1, 16);
        Request b = request(10);
        b.user = rival;
        assertThat(router.route(b)).isEqualTo(1); // takes the slot
        load(r.get(1), 2, 16);
        assertThat(router.route(a)).isEqualTo(0); // placed afresh: least-outstanding
    }

    @Test
    void classBasedSendsEachClassToItsPoolLeastOutstandingWithin() {
        List<Replica> r = replicas(4);
        load(r.get(2), 1, 16);
        Router router = Routers.create("class-based", context(r, 1).withPools(0, 2, 4).withClassPools(1, 0));
        Request chat = request(10);
        chat.classIndex = 0;
        Request batch = request(10);
        batch.classIndex = 1;
        assertThat(router.route(chat)).isEqualTo(3);
        assertThat(router.route(batch)).isEqualTo(0);
    }

    @Test
    void cascadeServesFirstAttemptsOnTheFirstPoolAndEscalatesOnCompletion() {
        List<Replica> r = replicas(2);
        RouterContext c = context(r, 5).withPools(0, 1, 2).withCascade(0, 1, 1.0);
        Cluster cluster = new Cluster(r, Routers.create("cascade", c), metrics, pool);
        cluster.submit(request(100));
        sim.run(StopCondition.never());
        // One attempt: 2 ms prefill (first token) + 3 x 1.1 ms decode = 5.3 ms, on each pool in turn.
        assertThat(metrics.completed()).isEqualTo(1);
        assertThat(metrics.escalated()).isEqualTo(1);
        assertThat(cluster.routed(0)).isEqualTo(1);
        assertThat(cluster.routed(1)).isEqualTo(1);
        assertThat(metrics.e2e().max()).isEqualTo(2 * (2 * MS + 3 * 1_100_000L));
        assertThat(metrics.ttft().max()).isEqualTo(5_300_000L + 2 * MS);
        assertThat(metrics.outputTokens()).isEqualTo(8); // both attempts' tokens were produced
    }

    @Test
    void cascadeEscalatesTheConfiguredShare() {
        List<Replica> r = replicas(2);
        RouterContext c = context(r, 5).withPools(0, 1, 2).withCascade(0, 1, 0.3);
        Cluster cluster = new Cluster(r, Routers.create("cascade", c), metrics, pool);
        int n = 2000;
        for (int i = 0; i < n; i++) {
            cluster.submit(request(16));
        }
        // After every event: each request is completed, rejected or in flight, never twice or lost.
        sim.run(StopCondition.when(() -> {
            assertThat(metrics.completed() + metrics.rejected() + cluster.inFlight()).isEqualTo(metrics.arrived());
            return false;
        }));
        assertThat(metrics.completed()).isEqualTo(n);
        // Binomial(2000, 0.3): sd 20.5; 4 sd.
        assertThat(metrics.escalated()).isBetween(600L - 82, 600L + 82);
        assertThat(cluster.routed(1)).isEqualTo(metrics.escalated());
    }

    @Test
    void routersNeedingOptionsSayWhatIsMissing() {
        RouterContext plain = context(replicas(2), 1);
        assertThatThrownBy(() -> Routers.create("class-based", plain)).hasMessageContaining("each class's pool");
        assertThatThrownBy(() -> Routers.create("cascade", plain)).hasMessageContaining("two different pools");
        assertThatThrownBy(() -> Routers.create("nope", plain)).hasMessageContaining("unknown router 'nope'");
        assertThat(Routers.names()).containsExactly("cascade", "class-based", "least-kv", "least-outstanding",
                "power-of-two", "prefix-affinity", "random", "round-robin", "session-sticky");
    }

    private static double chi2(int[] counts, double[] p, int n) {
        double chi2 = 0;
        for (int i = 0; i < counts.length; i++) {
            double expected = p[i] * n;
            chi2 += (counts[i] - expected) * (counts[i] - expected) / expected;
        }
        return chi2;
    }
}
