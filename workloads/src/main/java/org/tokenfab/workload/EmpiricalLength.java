package org.tokenfab.workload;

import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Lengths drawn from a measured distribution given as a {@link QuantileTable}, by inverse CDF:
 * draw U uniform on [0, 1), interpolate the table linearly at U, round to the nearest integer
 * (halves up), and raise 0 to 1 (a request has at least one token). Between the table's rows the
 * CDF is linear; beyond its last row (p = 1, the observed maximum) nothing is sampled.
 *
 * <p>{@link #bundled} reads the tables shipped with TokenFab, e.g.
 * {@code EmpiricalLength.bundled("azure2023_conv/input_tokens", rng)} (median 1020, p99 4142).
 *
 * <p>Not thread-safe (it owns a random stream). {@link #sample()} allocates nothing.
 */
public final class EmpiricalLength implements TokenLengthDistribution, QuantileFunction {
    private final QuantileTable table;
    private final UniformRandomProvider rng;

    /**
     * @param table a quantile table of token counts: values &ge; 0, and the largest &ge; 1
     * @param rng this distribution's own random stream
     */
    public EmpiricalLength(QuantileTable table, UniformRandomProvider rng) {
        this.table = Objects.requireNonNull(table, "table");
        this.rng = Objects.requireNonNull(rng, "rng");
        if (table.min() < 0 || table.max() < 1) {
            throw new IllegalArgumentException(table.name() + " is not a table of token counts: values run from "
                    + table.min() + " to " + table.max());
        }
    }

    /**
     * The bundled table {@code name} ({@code source/field}, e.g. {@code azure2023_conv/input_tokens}).
     *
     * @throws org.tokenfab.sim.TokenFabException listing the available names if {@code name} is unknown
     */
    public static EmpiricalLength bundled(String name, UniformRandomProvider rng) {
        return new EmpiricalLength(QuantileTable.bundled(name), rng);
    }

    @Override
    public int sample() {
        return quantile(rng.nextDouble());
    }

    /** {@code max(1, round(table.valueAt(p)))}. */
    @Override
    public int quantile(double p) {
        long rounded = Math.round(table.valueAt(p));
        return rounded < 1 ? 1 : (int) Math.min(rounded, Integer.MAX_VALUE);
    }

    /** The table sampled. */
    public QuantileTable table() {
        return table;
    }

    @Override
    public String toString() {
        return "empirical(" + table.name() + ")";
    }
}
