package org.tokenfab.validation.queueing;

/**
 * Closed forms for the mean waiting time in queue (Wq, before service starts) of the classic
 * single-queue FIFO models, in seconds; rates are per second. These are the oracles the
 * simulated {@link QueueingModel} is checked against.
 */
public final class QueueingFormulas {

    private QueueingFormulas() {
    }

    /** M/M/1: Wq = rho / (mu - lambda). */
    public static double mm1MeanWait(double lambda, double mu) {
        checkStable(lambda, mu, 1);
        return (lambda / mu) / (mu - lambda);
    }

    /** M/G/1 (Pollaczek-Khinchine): Wq = lambda E[S^2] / (2 (1 - rho)). */
    public static double mg1MeanWait(double lambda, double meanService, double secondMomentService) {
        double rho = lambda * meanService;
        checkStable(lambda, 1 / meanService, 1);
        return lambda * secondMomentService / (2 * (1 - rho));
    }

    /** M/D/1: Pollaczek-Khinchine with E[S^2] = D^2, so Wq = rho D / (2 (1 - rho)). */
    public static double md1MeanWait(double lambda, double serviceTime) {
        return mg1MeanWait(lambda, serviceTime, serviceTime * serviceTime);
    }

    /** M/M/c: Wq = C(c, lambda/mu) / (c mu - lambda), with C the Erlang C probability of waiting. */
    public static double mmcMeanWait(double lambda, double mu, int servers) {
        checkStable(lambda, mu, servers);
        return erlangC(servers, lambda / mu) / (servers * mu - lambda);
    }

    /**
     * The probability that an arrival waits in an M/M/c queue with offered load {@code a} (in
     * Erlangs), from the Erlang B recursion, which stays stable where factorials would overflow.
     */
    public static double erlangC(int servers, double offeredLoad) {
        double b = 1;
        for (int k = 1; k <= servers; k++) {
            b = offeredLoad * b / (k + offeredLoad * b);
        }
        return servers * b / (servers - offeredLoad * (1 - b));
    }

    private static void checkStable(double lambda, double mu, int servers) {
        if (!(lambda > 0) || !(mu > 0) || servers < 1) {
            throw new IllegalArgumentException("need lambda > 0, mu > 0, servers >= 1; was lambda=" + lambda
                    + ", mu=" + mu + ", servers=" + servers);
        }
        if (lambda >= servers * mu) {
            throw new IllegalArgumentException("unstable queue: lambda=" + lambda + " >= servers*mu="
                    + servers * mu);
        }
    }
}
