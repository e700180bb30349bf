package org.tokenfab.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tokenfab.sim.TokenFabException;

/**
 * A quantile function given as a table, probability to value, evaluated by linear interpolation
 * between the rows: the inverse of a piecewise-linear CDF. Immutable.
 *
 * <p>Rules: at least two rows; probabilities strictly increasing from exactly 0 to exactly 1;
 * values finite and non-decreasing (equal neighbours make an atom, e.g. many outputs of exactly
 * 1,000 tokens).
 *
 * <p>{@link #bundled(String)} reads the tables shipped with TokenFab (the resource
 * {@code length_quantiles.csv} next to this class, header {@code source,field,quantile,value},
 * Azure 2023, Mooncake and ServeGen; see the README beside it for sources and licences). A table's
 * name is {@code source/field}, e.g. {@code azure2023_conv/input_tokens}.
 */
public final class QuantileTable {
    /** The resource, relative to this class, that {@link #bundled} reads. */
    public static final String BUNDLED_RESOURCE = "length_quantiles.csv";

    private final String name;
    private final double[] probabilities;
    private final double[] values;

    /**
     * @param name a label for messages and {@code toString}
     * @param probabilities strictly increasing, first 0, last 1
     * @param values non-decreasing, finite, one per probability
     */
    public QuantileTable(String name, double[] probabilities, double[] values) {
        this.name = Objects.requireNonNull(name, "name");
        this.probabilities = probabilities.clone();
        this.values = values.clone();
        if (this.probabilities.length != this.values.length || this.probabilities.length < 2) {
            throw new IllegalArgumentException(name + ": need at least 2 rows and as many values as probabilities, got "
                    + this.probabilities.length + " and " + this.values.length);
        }
        if (this.probabilities[0] != 0 || this.probabilities[this.probabilities.length - 1] != 1) {
            throw new IllegalArgumentException(name + ": probabilities must run from 0 to 1, got "
                    + this.probabilities[0] + " to " + this.probabilities[this.probabilities.length - 1]);
        }
        for (int i = 0; i < this.values.length; i++) {
            if (!Double.isFinite(this.values[i])) {
                throw new IllegalArgumentException(name + ": value at p=" + this.probabilities[i] + " is " + this.values[i]);
            }
            if (i > 0 && !(this.probabilities[i] > this.probabilities[i - 1])) {
                throw new IllegalArgumentException(name + ": probabilities must increase strictly, got "
                        + this.probabilities[i - 1] + " then " + this.probabilities[i]);
            }
            if (i > 0 && this.values[i] < this.values[i - 1]) {
                throw new IllegalArgumentException(name + ": values must not decrease, got " + this.values[i - 1]
                        + " at p=" + this.probabilities[i - 1] + " then " + this.values[i] + " at p=" + this.probabilities[i]);
            }
        }
    }

    /** The value at probability {@code p}, interpolated linearly between rows. Allocates nothing. */
    public double valueAt(double p) {
        QuantileFunction.checkProbability(p);
        int i = Arrays.binarySearch(probabilities, p);
        if (i >= 0) {
            return values[i];
        }
        int hi = -i - 1; // first row above p; 1 <= hi <= n-1 because p[0] = 0 and p[n-1] = 1
        int lo = hi - 1;
        double t = (p - probabilities[lo]) / (probabilities[hi] - probabilities[lo]);
        return values[lo] + t * (values[hi] - values[lo]);
    }

    /**
     * The CDF of the piecewise-linear distribution, P(X &le; x): the inverse of {@link #valueAt},
     * with the atoms of equal neighbouring values included at their value. For KS checks.
     */
    public double cdf(double x) {
        if (x < values[0]) {
            return 0;
        }
        int n = values.length;
        if (x >= values[n - 1]) {
            return 1;
        }
        int lo = 0; // largest j with values[j] <= x
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // values[lo] <= x < values[lo + 1], so the segment is not flat
        return probabilities[lo] + (x - values[lo]) / (values[lo + 1] - values[lo]) * (probabilities[lo + 1] - probabilities[lo]);
    }

    /** The table's label, {@code source/field} for loaded tables. */
    public String name() {
        return name;
    }

    /** The probabilities (a copy). */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** The values (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** Smallest value (at p = 0). */
    public double min() {
        return values[0];
    }

    /** Largest value (at p = 1). */
    public double max() {
        return values[values.length - 1];
    }

    @Override
    public String toString() {
        return "quantiles(" + name + ", " + values.length + " rows, " + min() + ".." + max() + ")";
    }

    /** A bundled table by name ({@code source/field}); the message lists the names if unknown. */
    public static QuantileTable bundled(String name) {
        QuantileTable t = Bundled.TABLES.get(name);
        if (t == null) {
            throw new TokenFabException("unknown length table '" + name + "'; available: "
                    + String.join(", ", Bundled.TABLES.keySet()));
        }
        return t;
    }

    /** Names of the bundled tables, in file order. */
    public static Set<String> bundledNames() {
        return Bundled.TABLES.keySet();
    }

    /**
     * Reads quantile tables in the {@code length_quantiles.csv} format: a header naming the
     * columns {@code source}, {@code field}, {@code quantile} and {@code value} (any order, other
     * columns ignored), then one row per quantile. Rows of a table need not be sorted.
     *
     * @param in the CSV text; not closed
     * @param origin file name for error messages
     * @return tables by {@code source/field}, in order of first appearance
     * @throws TokenFabException on a malformed row (with origin and line number) or an invalid table
     */
    public static Map<String, QuantileTable> readCsv(Reader in, String origin) {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        Map<String, List<double[]>> rows = new LinkedHashMap<>();
        try {
            String header = r.readLine();
            if (header == null) {
                throw new TokenFabException(origin + ": empty file, expected a header source,field,quantile,value");
            }
            List<String> cols = Arrays.asList(header.strip().split(",", -1));
            int cSource = column(cols, "source", origin);
            int cField = column(cols, "field", origin);
            int cQuantile = column(cols, "quantile", origin);
            int cValue = column(cols, "value", origin);
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.strip().split(",", -1);
                if (f.length != cols.size()) {
                    throw new TokenFabException(origin + ":" + lineNo + ": expected " + cols.size() + " columns, got " + f.length);
                }
                double q;
                double v;
                try {
                    q = Double.parseDouble(f[cQuantile]);
                    v = Double.parseDouble(f[cValue]);
                } catch (NumberFormatException e) {
                    throw new TokenFabException(origin + ":" + lineNo + ": quantile and value must be numbers: " + line, e);
                }
                rows.computeIfAbsent(f[cSource] + "/" + f[cField], k -> new ArrayList<>()).add(new double[] {q, v});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(origin, e);
        }
        Map<String, QuantileTable> tables = new LinkedHashMap<>();
        for (var e : rows.entrySet()) {
            List<double[]> list = e.getValue();
            list.sort((a, b) -> Double.compare(a[0], b[0]));
            double[] p = new double[list.size()];
            double[] v = new double[list.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = list.get(i)[0];
                v[i] = list.get(i)[1];
            }
            try {
                tables.put(e.getKey(), new QuantileTable(e.getKey(), p, v));
            } catch (IllegalArgumentException ex) {
                throw new TokenFabException(origin + ": " + ex.getMessage(), ex);
            }
        }
        return Collections.unmodifiableMap(tables);
    }

    private static int column(List<String> cols, String name, String origin) {
        int i = cols.indexOf(name);
        if (i < 0) {
            throw new TokenFabException(origin + ": header has no column '" + name + "' (columns: " + cols + ")");
        }
        return i;
    }

    /** Loaded on first use (holder idiom). */
    private static final class Bundled {
        static final Map<String, QuantileTable> TABLES = load();

        private static Map<String, QuantileTable> load() {
            try (InputStream s = QuantileTable.class.getResourceAsStream(BUNDLED_RESOURCE)) {
                if (s == null) {
                    throw new TokenFabException("resource " + BUNDLED_RESOURCE + " is missing from the workloads jar");
                }
                return readCsv(new InputStreamReader(s, StandardCharsets.UTF_8), BUNDLED_RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(BUNDLED_RESOURCE, e);
            }
        }
    }
}
