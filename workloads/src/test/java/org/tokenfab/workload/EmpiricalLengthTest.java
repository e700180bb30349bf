package org.tokenfab.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.tokenfab.workload.StatisticalTests.ALPHA;

import java.io.StringReader;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.tokenfab.sim.TokenFabException;

/**
 * Statistical assertions are at significance ALPHA = 0.001 (see {@link StatisticalTests}); a test
 * that checks m quantiles at once uses ALPHA / m for each (Bonferroni), so the test as a whole
 * fails falsely at most 1 time in 1,000.
 */
class EmpiricalLengthTest {
    private static final int N = 20_000;
    private static final String AZURE_CONV_INPUT = "azure2023_conv/input_tokens";

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    private static int[] draw(TokenLengthDistribution d, int n) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = d.sample();
        }
        return s;
    }

    /** The exact law of sample(): P(max(1, round(X)) <= k) = P(X < k + 0.5) for k >= 1. */
    static double discreteCdf(QuantileTable t, long k) {
        return k < 1 ? 0 : t.cdf(k + 0.5);
    }

    /** Two-sided z for significance alpha. */
    private static double z(double alpha) {
        return new NormalDistribution().inverseCumulativeProbability(1 - alpha / 2);
    }

    /** Asymptotic standard error of the sample q-quantile: sqrt(q(1-q)/n) / f, f from the table's slope. */
    private static double quantileSe(QuantileTable t, double q, int n) {
        double h = 0.005;
        double slope = (t.valueAt(Math.min(1, q + h)) - t.valueAt(Math.max(0, q - h))) / (Math.min(1, q + h) - Math.max(0, q - h));
        return Math.sqrt(q * (1 - q) / n) * slope;
    }

    @Test
    void bundledTablesAreAllLoaded() {
        assertThat(QuantileTable.bundledNames()).hasSize(21).contains(AZURE_CONV_INPUT, "azure2023_code/output_tokens",
                "mooncake_conversation/input_tokens", "servegen_deepseek-r1/reason_ratio");
        for (String name : QuantileTable.bundledNames()) {
            assertThat(QuantileTable.bundled(name).probabilities()).as(name).hasSize(103);
        }
    }

    /** The numbers in shared/traces/README.md: Azure 2023 conv input p50 1020, p99 4142, max 14050. */
    @Test
    void azureConversationTableHasTheReadmeNumbers() {
        QuantileTable t = QuantileTable.bundled(AZURE_CONV_INPUT);
        assertThat(t.valueAt(0.5)).isEqualTo(1020);
        assertThat(t.valueAt(0.99)).isEqualTo(4142);
        assertThat(t.max()).isEqualTo(14050);
        QuantileTable out = QuantileTable.bundled("azure2023_conv/output_tokens");
        assertThat(out.valueAt(0.5)).isEqualTo(129);
        assertThat(out.valueAt(0.99)).isEqualTo(601);
    }

    /** Sampled median and p99 within their 99.9% intervals (joint, Bonferroni over 2); +1 for rounding. */
    @Test
    void sampledMedianAndP99MatchTheAzureConversationTrace() {
        EmpiricalLength d = EmpiricalLength.bundled(AZURE_CONV_INPUT, rng(31));
        int[] s = draw(d, N);
        Arrays.sort(s);
        double z = z(ALPHA / 2);
        QuantileTable t = d.table();
        assertThat((double) StatisticalTests.quantile(s, 0.5)).as("p50").isCloseTo(1020, within(z * quantileSe(t, 0.5, N) + 1));
        assertThat((double) StatisticalTests.quantile(s, 0.99)).as("p99").isCloseTo(4142, within(z * quantileSe(t, 0.99, N) + 1));
    }

    /** Every 5th percentile, 5..95, within its interval (Bonferroni over the 19). */
    @Test
    void sampledQuantilesReproduceTheTable() {
        for (String name : new String[] {AZURE_CONV_INPUT, "mooncake_conversation/input_tokens"}) {
            EmpiricalLength d = EmpiricalLength.bundled(name, rng(32));
            int[] s = draw(d, N);
            Arrays.sort(s);
            double z = z(ALPHA / 19);
            for (int i = 1; i <= 19; i++) {
                double q = i / 20.0;
                double truth = d.table().valueAt(q);
                assertThat((double) StatisticalTests.quantile(s, q)).as(name + " q=" + q)
                        .isCloseTo(truth, within(z * quantileSe(d.table(), q, N) + 1));
            }
        }
    }

    /** KS against the exact discretised law, for a long-tailed input and a short output with atoms. */
    @Test
    void samplesFollowTheTableByKs() {
        for (String name : new String[] {AZURE_CONV_INPUT, "azure2023_code/output_tokens"}) {
            EmpiricalLength d = EmpiricalLength.bundled(name, rng(33));
            double p = StatisticalTests.ksPValueDiscrete(draw(d, N), k -> discreteCdf(d.table(), k));
            assertThat(p).as(name + " KS p-value").isGreaterThan(ALPHA);
        }
    }

    @Test
    void interpolatesLinearlyRoundsAndFloorsAtOne() {
        QuantileTable t = new QuantileTable("t", new double[] {0, 0.5, 1}, new double[] {0, 100, 300});
        EmpiricalLength d = new EmpiricalLength(t, rng(1));
        assertThat(t.valueAt(0.25)).isEqualTo(50);
        assertThat(t.valueAt(0.75)).isEqualTo(200);
        assertThat(t.cdf(200)).isCloseTo(0.75, within(1e-12));
        assertThat(t.cdf(-1)).isZero();
        assertThat(t.cdf(300)).isEqualTo(1);
        assertThat(d.quantile(0)).isEqualTo(1);
        assertThat(d.quantile(0.25)).isEqualTo(50);
        assertThat(d.quantile(0.2525)).isEqualTo(51); // 50.5 rounds up
        assertThat(d.quantile(1)).isEqualTo(300);
        // An atom: equal neighbours hold the probability between them.
        QuantileTable atom = new QuantileTable("a", new double[] {0, 0.4, 0.9, 1}, new double[] {10, 1000, 1000, 2000});
        assertThat(atom.cdf(1000)).isEqualTo(0.9);
        assertThat(atom.cdf(999.999)).isLessThan(0.4);
    }

    @Test
    void unknownTableListsTheAvailableNames() {
        assertThatThrownBy(() -> EmpiricalLength.bundled("azure-conv-input", rng(1)))
                .isInstanceOf(TokenFabException.class)
                .hasMessageStartingWith("unknown length table 'azure-conv-input'; available: azure2023_code/input_tokens, ")
                .hasMessageContaining(AZURE_CONV_INPUT);
    }

    @Test
    void readsColumnsByNameInAnyOrderAndReportsBadRows() {
        String csv = "value,quantile,field,source,extra\n300,1,out,x,a\n0,0,out,x,b\n100,0.5,out,x,c\n";
        Map<String, QuantileTable> tables = QuantileTable.readCsv(new StringReader(csv), "test.csv");
        assertThat(tables).containsOnlyKeys("x/out");
        assertThat(tables.get("x/out").valueAt(0.75)).isEqualTo(200);
        assertThatThrownBy(() -> QuantileTable.readCsv(new StringReader("source,field,quantile,value\nx,y,0,1\nx,y,abc,2\n"), "bad.csv"))
                .isInstanceOf(TokenFabException.class).hasMessageStartingWith("bad.csv:3: ");
        assertThatThrownBy(() -> QuantileTable.readCsv(new StringReader("source,field,q,value\n"), "bad.csv"))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("no column 'quantile'");
        assertThatThrownBy(() -> QuantileTable.readCsv(new StringReader("source,field,quantile,value\nx,y,0,5\nx,y,1,4\n"), "bad.csv"))
                .isInstanceOf(TokenFabException.class).hasMessageContaining("values must not decrease");
    }

    @Test
    void rejectsInvalidTables() {
        assertThatThrownBy(() -> new QuantileTable("t", new double[] {0.1, 1}, new double[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuantileTable("t", new double[] {0, 0.5, 0.5, 1}, new double[] {1, 2, 3, 4})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuantileTable("t", new double[] {0, 1}, new double[] {1, Double.NaN})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuantileTable("t", new double[] {0}, new double[] {1})).isInstanceOf(IllegalArgumentException.class);
        // The reasoning share is a fraction, not a length.
        assertThatThrownBy(() -> EmpiricalLength.bundled("servegen_deepseek-r1/reason_ratio", rng(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a table of token counts");
    }

    @Test
    void sameSeedSameLengthsAndNoAllocation() {
        assertThat(draw(EmpiricalLength.bundled(AZURE_CONV_INPUT, rng(7)), 100))
                .containsExactly(draw(EmpiricalLength.bundled(AZURE_CONV_INPUT, rng(7)), 100));
        EmpiricalLength d = EmpiricalLength.bundled("mooncake_synthetic/output_tokens", rng(8));
        assertThat(Allocation.bytesOf(d::sample)).isLessThan(16 * 1024); // per-call allocation would be >= 16 B x calls (MBs); one-off JIT/OSR allocations stay far below 16 KB
    }
}
