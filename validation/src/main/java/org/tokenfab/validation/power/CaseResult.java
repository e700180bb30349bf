package org.tokenfab.validation.power;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of a validation suite: a group of measured cases, the error of the predictions against
 * them, and the bound it must meet (or none: reported for information).
 *
 * @param dataset where the measurements come from, with engine version
 * @param accelerator catalog id
 * @param metric what is compared, e.g. "GPU power" or "energy per output token"
 * @param group which cases, e.g. an op family
 * @param split {@link Split#CALIBRATION} (used for fitting), {@link Split#HELD_OUT} (not), or
 *     {@link Split#EXCLUDED} (readings that cannot judge the model, with the reason in {@code group})
 * @param errors the error statistics
 * @param boundMape the largest acceptable MAPE, a fraction; NaN when the line is informational
 */
public record CaseResult(String dataset, String accelerator, String metric, String group, Split split,
        ErrorStats errors, double boundMape) {

    /** Whether the cases were used to fit the parameters. */
    public enum Split {
        CALIBRATION("calibration"), HELD_OUT("held-out"), EXCLUDED("excluded");

        private final String label;

        Split(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Outcome of a line. */
    public enum Status { PASS, FAIL, INFO }

    public CaseResult {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(errors, "errors");
    }

    /** PASS or FAIL against the bound; INFO without one. */
    public Status status() {
        if (Double.isNaN(boundMape)) {
            return Status.INFO;
        }
        return errors.n() > 0 && errors.mape() <= boundMape ? Status.PASS : Status.FAIL;
    }

    /** Cells of a report row: accelerator, metric, cases, split, n, MAPE, median, p90, bias, bound, status. */
    public List<String> cells() {
        ErrorStats e = errors;
        return List.of(accelerator, metric, group, split.label(), Integer.toString(e.n()), pct(e.mape()),
                pct(e.median()), pct(e.p90()), String.format(Locale.ROOT, "%+.1f", 100 * e.bias()),
                Double.isNaN(boundMape) ? "-" : String.format(Locale.ROOT, "%.0f", 100 * boundMape), status().name());
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f", 100 * fraction);
    }
}
