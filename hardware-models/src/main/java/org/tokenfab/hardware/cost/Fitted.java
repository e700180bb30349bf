package org.tokenfab.hardware.cost;

import java.util.Objects;

/**
 * Fitted parameters with the measurements they came from.
 *
 * @param params the parameters
 * @param source where and how they were measured and how well they fit
 * @param <P> the parameter record
 */
public record Fitted<P>(P params, OpSource source) {
    public Fitted {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(source, "source");
    }

    /**
     * One fitted table's provenance.
     *
     * @param system the measuring project's name of the system, e.g. {@code h100_sxm}
     * @param engine engine (or library) and version of the measured kernels, e.g. {@code vllm 0.24.0}
     * @param variant what distinguishes tables of one op on one system: precision, implementation
     * @param kernel the kernel(s) measured, as the source names them
     * @param data the data file, relative to the bundled kernel data
     * @param rows measured rows the fit used
     * @param medianApe median absolute percentage error of the fit on those rows, %
     * @param p90Ape 90th percentile of the same, %
     */
    public record OpSource(String system, String engine, String variant, String kernel, String data, int rows,
            double medianApe, double p90Ape) {
        public OpSource {
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(variant, "variant");
            Objects.requireNonNull(kernel, "kernel");
            Objects.requireNonNull(data, "data");
        }

        /** "h100_sxm vllm 0.24.0 bf16 (1600 rows, median 5.7%)". */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "%s %s %s (%d rows, fit median %.1f%%, p90 %.1f%%)", system,
                    engine, variant, rows, medianApe, p90Ape);
        }
    }
}
