package org.tokenfab.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report, its SVG charts and the chart code (ticks, scaling, escaping). */
class ReportTest {
    static final List<String> CHARTS = List.of("ttft-cdf", "tpot-cdf", "e2e-cdf", "ttft-over-time", "throughput",
            "utilisation", "kv-occupancy", "power", "tokens-per-joule");

    @Test
    void reportIsSelfContainedAndHoldsEveryChart(@TempDir Path dir) throws IOException {
        ScenarioRun run = new ScenarioRun(TimeSeriesTest.scenario());
        RunResult r = run.run();
        Path html = Report.write(dir, run, r, TimeSeriesTest.SMALL + "# <script>&\n", List.of("seed=3"));
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        for (String chart : CHARTS) {
            assertThat(page).contains("<figure id=\"chart-" + chart + "\">");
            String svg = Files.readString(dir.resolve("charts").resolve(chart + ".svg"));
            assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("class=\"series\"");
            assertThat(page).contains(svg);
        }
        assertThat(count(page, "<svg ")).isEqualTo(CHARTS.size());
        assertThat(count(page, "<svg ")).isEqualTo(count(page, "</svg>"));
        // No external resource: the only URL is the SVG namespace, which is not fetched.
        Matcher urls = Pattern.compile("(https?:)?//[^\"'\\s<>]+").matcher(page);
        while (urls.find()) {
            assertThat(urls.group()).isEqualTo("http://www.w3.org/2000/svg");
        }
        assertThat(page).doesNotContain("<script", "<link", "src=").contains("# &lt;script&gt;&amp;");
        assertThat(page).contains("name: small", "TTFT p50 / p99");
    }

    @Test
    void ticksAreRoundAndCoverTheRange() {
        assertThat(SvgChart.ticks(0, 97, 5)).containsExactly(0, 20, 40, 60, 80, 100);
        assertThat(SvgChart.ticks(0.013, 0.94, 5)).containsExactly(0, 0.2, 0.4, 0.6000000000000001, 0.8, 1);
        double[] t = SvgChart.ticks(3.2, 3.2, 5);
        assertThat(t[0]).isLessThanOrEqualTo(3.2);
        assertThat(t[t.length - 1]).isGreaterThan(3.2);
        assertThat(SvgChart.ticks(0, 0, 5)).containsExactly(0, 0.2, 0.4, 0.6000000000000001, 0.8, 1);
        assertThat(SvgChart.ticks(-5, 5, 4)).containsExactly(-6, -4, -2, 0, 2, 4, 6);
    }

    @Test
    void labelsAndScale() {
        assertThat(SvgChart.label(0.25)).isEqualTo("0.25");
        assertThat(SvgChart.label(40)).isEqualTo("40");
        assertThat(SvgChart.label(25_000)).isEqualTo("25k");
        assertThat(SvgChart.label(1_500_000)).isEqualTo("1.5M");
        assertThat(SvgChart.label(-0.00001)).isEqualTo("0");
        SvgChart.Scale y = new SvgChart.Scale(0, 10, 300, 50);
        assertThat(y.map(0)).isEqualTo(300);
        assertThat(y.map(10)).isEqualTo(50);
        assertThat(y.map(5)).isCloseTo(175, within(1e-9));
    }

    @Test
    void textIsEscapedAndNaNBreaksALine() {
        assertThat(SvgChart.escape("a<b & \"c\" 'd'>")).isEqualTo("a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
        String svg = SvgChart.line("p<99>", "x", "y", List.of(new SvgChart.Series("s&t", new double[] {0, 1, 2, 3},
                new double[] {1, Double.NaN, 2, 3})));
        assertThat(svg).contains("p&lt;99&gt;", "s&amp;t").doesNotContain("p<99>");
        assertThat(count(svg, " M")).isEqualTo(2);
        assertThat(SvgChart.line("empty", "x", "y", List.of())).contains("no data");
        assertThatThrownBy(() -> new SvgChart.Series("bad", new double[2], new double[3]))
                .hasMessageContaining("2 x values, 3 y values");
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
