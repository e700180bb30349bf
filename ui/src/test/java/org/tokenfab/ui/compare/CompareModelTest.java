package org.tokenfab.ui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.tokenfab.ui.compare.CompareModel.Direction;
import org.tokenfab.ui.compare.CompareModel.Verdict;
import org.tokenfab.ui.model.RunRecord;
import org.tokenfab.ui.roofline.ViewTestSupport;

class CompareModelTest {
    @Test
    void differencesAndDirections() {
        CompareModel.Cell faster = CompareModel.cell(Direction.LOWER_IS_BETTER, 200, 150);
        assertEquals(-50, faster.diff(), 1e-12);
        assertEquals(-25, faster.percent(), 1e-12);
        assertEquals(Verdict.BETTER, faster.verdict());
        assertEquals("-50 (-25.0%)", faster.diffText());
        CompareModel.Cell fewer = CompareModel.cell(Direction.HIGHER_IS_BETTER, 1000, 900);
        assertEquals(Verdict.WORSE, fewer.verdict());
        assertEquals(-10, fewer.percent(), 1e-12);
        assertEquals(Verdict.BETTER, CompareModel.cell(Direction.HIGHER_IS_BETTER, 10, 12.5).verdict());
        assertEquals(Verdict.WORSE, CompareModel.cell(Direction.LOWER_IS_BETTER, 10, 12.5).verdict());
        assertEquals(Verdict.SAME, CompareModel.cell(Direction.LOWER_IS_BETTER, 10, 10).verdict());
        CompareModel.Cell fromZero = CompareModel.cell(Direction.LOWER_IS_BETTER, 0, 3);
        assertTrue(Double.isNaN(fromZero.percent()));
        assertEquals("+3", fromZero.diffText());
        assertEquals(Verdict.NONE, CompareModel.cell(Direction.LOWER_IS_BETTER, Double.NaN, 3).verdict());
    }

    @Test
    void twoRealRunsAgainstTheFirst() throws Exception {
        RunRecord two = ViewTestSupport.run("two replicas", "requests=300");
        RunRecord one = ViewTestSupport.run("one replica", "requests=300", "cluster.pools[0].replicas=1");
        List<CompareModel.Row> rows = CompareModel.table(List.of(two.result(), one.result()));
        assertEquals(CompareModel.METRICS.size(), rows.size());
        for (CompareModel.Row row : rows) {
            assertEquals(2, row.cells().size());
            assertEquals(Verdict.NONE, row.cells().get(0).verdict());
            CompareModel.Cell c = row.cells().get(1);
            if (Double.isFinite(c.diff())) {
                assertEquals(c.value() - row.cells().get(0).value(), c.diff(), 1e-9);
            }
        }
        CompareModel.Row ttft = rows.stream().filter(r -> r.metric().label().equals("TTFT p99, ms")).findFirst().orElseThrow();
        double a = two.result().ttft().p99(), b = one.result().ttft().p99();
        CompareModel.Cell c = ttft.cells().get(1);
        assertEquals((b - a) / a * 100, c.percent(), 1e-9);
        assertEquals(b > a ? Verdict.WORSE : b < a ? Verdict.BETTER : Verdict.SAME, c.verdict());
        CompareModel.Row power = rows.stream().filter(r -> r.metric().label().startsWith("facility power")).findFirst()
                .orElseThrow();
        assertEquals(Verdict.BETTER, power.cells().get(1).verdict(), "one replica draws less power than two");

        CompareModel.Curve cdf = CompareModel.ttftCdf(two);
        assertTrue(cdf.x().length > 50);
        for (int i = 1; i < cdf.x().length; i++) {
            assertTrue(cdf.x()[i] >= cdf.x()[i - 1] && cdf.y()[i] >= cdf.y()[i - 1]);
        }
        CompareModel.Curve tput = CompareModel.throughput(two);
        assertTrue(tput.x().length > 0);
        double tokens = 0;
        for (var row : two.rows()) {
            tokens += row.outputTokens();
        }
        assertEquals(two.result().outputTokens(), tokens, 1e-6 * tokens);
    }
}
