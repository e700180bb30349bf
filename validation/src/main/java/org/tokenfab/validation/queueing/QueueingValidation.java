package org.tokenfab.validation.queueing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tokenfab.validation.BoundCheck;
import org.tokenfab.validation.ReportTable;
import org.tokenfab.validation.SuiteReport;

/**
 * The {@code queueing} suite of {@code tokenfab validate}: queues simulated on sim-core against
 * their closed forms. Each case runs {@value #REPLICATIONS} independent replications (warm-up
 * excluded) and checks that the closed-form mean wait lies inside the Student-t 99% confidence
 * interval of the replication means, and that the interval is tight (half-width under 5% of the
 * closed form) so a case cannot pass by being vague. At a fixed seed the outcome is deterministic;
 * for a random seed a correct engine fails each case with probability 1%.
 */
public final class QueueingValidation {
    static final int REPLICATIONS = 20;
    static final double LEVEL = 0.99;

    /** One case: a model, its closed-form mean wait, and the seed of its replications. */
    record Case(String name, QueueingModel model, double closedForm, long seed) {
    }

    static List<Case> cases() {
        return List.of(
                new Case("M/M/1, rho 0.5", QueueingModel.mm1(0.5, 1.0, 5_000, 100_000), QueueingFormulas.mm1MeanWait(0.5, 1.0), 501),
                new Case("M/M/1, rho 0.9", QueueingModel.mm1(0.9, 1.0, 20_000, 200_000), QueueingFormulas.mm1MeanWait(0.9, 1.0), 901),
                new Case("M/D/1, rho 0.8", new QueueingModel(0.8, 1, DurationSampler.deterministic(1.0), 10_000, 100_000),
                        QueueingFormulas.md1MeanWait(0.8, 1.0), 800),
                new Case("M/M/2, rho 0.8", new QueueingModel(1.6, 2, DurationSampler.exponential(1.0), 10_000, 100_000),
                        QueueingFormulas.mmcMeanWait(1.6, 1.0, 2), 801),
                // Pollaczek-Khinchine with a service far from exponential: H2, SCV 4, so E[S^2] = 5 s^2.
                new Case("M/G/1 (H2, SCV 4), rho 0.7", new QueueingModel(0.7, 1, DurationSampler.hyperexponential(1.0, 4), 20_000,
                        300_000), QueueingFormulas.mg1MeanWait(0.7, 1.0, 5.0), 701),
                // Erlang C with more servers.
                new Case("M/M/4, rho 0.85", new QueueingModel(3.4, 4, DurationSampler.exponential(1.0), 10_000, 150_000),
                        QueueingFormulas.mmcMeanWait(3.4, 1.0, 4), 851));
    }

    private QueueingValidation() {
    }

    public static SuiteReport run() {
        List<List<String>> rows = new ArrayList<>();
        List<BoundCheck> checks = new ArrayList<>();
        for (Case c : cases()) {
            double[] means = c.model().replicate(REPLICATIONS, c.seed()).stream()
                    .mapToDouble(QueueingModel.Result::meanWait).toArray();
            ConfidenceInterval ci = ConfidenceInterval.studentT(means, LEVEL);
            double error = Math.abs(ci.mean() - c.closedForm()) / c.closedForm();
            rows.add(List.of(c.name(), f("%.4f", c.closedForm()), f("%.4f", ci.mean()), f("[%.4f, %.4f]", ci.lower(), ci.upper()),
                    f("%.2f%%", 100 * error), ci.contains(c.closedForm()) ? "yes" : "NO"));
            // Distance from the closed form in half-widths: inside the interval means at most 1.
            checks.add(new BoundCheck(c.name() + ": |simulated - closed form| / CI half-width",
                    Math.abs(ci.mean() - c.closedForm()) / ci.halfWidth(), 1.0));
            checks.add(new BoundCheck(c.name() + ": CI half-width / closed form", ci.halfWidth() / c.closedForm(), 0.05));
        }
        ReportTable table = new ReportTable("Mean waiting time in queue (mean service time = 1 s)",
                List.of("case", "closed form (s)", "simulated (s)", "99% CI", "error", "inside CI"), rows);
        return new SuiteReport("queueing", "Queueing: the engine against closed forms",
                List.of("Each case: " + REPLICATIONS + " independent replications on sim-core, warm-up customers excluded"
                        + " (5,000 to 20,000), one mean wait per replication, Student-t 99% confidence interval."),
                List.of(table), checks,
                List.of("At a fixed seed the result is deterministic; for a random seed a correct engine misses a case's"
                        + " interval 1% of the time."));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
