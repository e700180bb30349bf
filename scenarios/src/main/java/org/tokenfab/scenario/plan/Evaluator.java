package org.tokenfab.scenario.plan;

/**
 * Runs one point. The search only needs this, so tests drive it with a synthetic oracle and the
 * CLI with {@link SimulationEvaluator}. Implementations must be thread-safe and deterministic.
 */
public interface Evaluator {
    /** Simulates {@code c} with {@code replicas}; a configuration error is an {@code UNFIT} point. */
    Point evaluate(Candidate c, int replicas);

    /**
     * Requests per second one replica of {@code c} completes when saturated at the target rate, an
     * upper bound on what it sustains; {@link Probe#unfit} when it cannot run at all.
     */
    Probe probe(Candidate c);

    /**
     * A probe's answer.
     *
     * @param requestsPerSecondPerReplica saturated throughput of one replica (NaN when unfit)
     * @param unfitReason                 why the candidate cannot run, or null
     * @param acceleratorsPerReplica      tp x pp
     * @param usdPerHourPerReplica        one replica's accelerator rate, $/h, without energy (so a
     *                                    lower bound on its cost); NaN if the price is unknown
     */
    record Probe(double requestsPerSecondPerReplica, String unfitReason, int acceleratorsPerReplica,
            double usdPerHourPerReplica) {
        public static Probe unfit(String reason) {
            return new Probe(Double.NaN, reason, 0, Double.NaN);
        }

        public boolean fits() {
            return unfitReason == null;
        }
    }
}
