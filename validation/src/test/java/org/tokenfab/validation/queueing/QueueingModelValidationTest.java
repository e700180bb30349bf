package org.tokenfab.validation.queueing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulated queues against their closed forms.
 *
 * <p>Method: R independent replications (master seeds from a named stream of one base seed),
 * each starting empty; the first customers of each are a warm-up and excluded (5,000 at
 * rho = 0.5, 10,000 at rho = 0.8, 20,000 at rho = 0.9: tens of times the queue's relaxation time,
 * which is a few hundred mean service times at rho = 0.9). The mean waiting time in queue of each replication is one
 * observation; the replication means are independent, so a Student-t 99% confidence interval of
 * their mean is valid even though waits inside one run are strongly correlated.
 *
 * <p>Each check would fail for 1% of seeds even with a perfect simulator. The seeds are fixed, so
 * the outcome is deterministic: a failure after a change means the change altered the draws or
 * the engine, and deserves a look rather than a rerun. Each check also requires the half-width
 * to be under 5% of the closed form, so it cannot pass by being vague.
 */
class QueueingModelValidationTest {

    private static final double LEVEL = QueueingValidation.LEVEL;
    private static final int REPLICATIONS = QueueingValidation.REPLICATIONS;

    private static ConfidenceInterval meanWaitInterval(List<QueueingModel.Result> results) {
        return ConfidenceInterval.studentT(
                results.stream().mapToDouble(QueueingModel.Result::meanWait).toArray(), LEVEL);
    }

    private static void assertAgrees(ConfidenceInterval ci, double closedForm) {
        assertThat(ci.contains(closedForm)).as("closed form %s inside %s", closedForm, ci).isTrue();
        assertThat(ci.halfWidth()).as("half-width of %s", ci).isLessThan(0.05 * closedForm);
    }

    private static void assertLittlesLaw(List<QueueingModel.Result> results) {
        for (QueueingModel.Result r : results) {
            // Lq = lambda Wq on each sample path, up to the customers straddling the window's edges.
            double lambdaWq = r.customers() * r.meanWait() / r.windowSeconds();
            assertThat(r.meanQueueLength()).isCloseTo(lambdaWq, within(0.01 * lambdaWq));
        }
    }

    /** The suite's own cases, so the test and {@code tokenfab validate queueing} check the same thing. */
    @Test
    void everyCaseAgreesWithItsClosedFormAndLittlesLaw() {
        for (QueueingValidation.Case c : QueueingValidation.cases()) {
            List<QueueingModel.Result> results = c.model().replicate(REPLICATIONS, c.seed());
            assertAgrees(meanWaitInterval(results), c.closedForm());
            assertLittlesLaw(results);
        }
    }

    @Test
    void utilisationIsTheOfferedLoad() {
        List<QueueingModel.Result> results = QueueingModel.mm1(0.5, 1.0, 5_000, 100_000).replicate(REPLICATIONS, 501);
        double utilisation = results.stream().mapToDouble(QueueingModel.Result::utilisation).average().orElseThrow();
        assertThat(utilisation).isCloseTo(0.5, within(0.005));
    }

    @Test
    void theSuiteReportsEveryCaseAsPassed() {
        var report = QueueingValidation.run();
        assertThat(report.failures()).as(report.markdown()).isEmpty();
        assertThat(report.checks()).hasSize(2 * QueueingValidation.cases().size());
    }
}
