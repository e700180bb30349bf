package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html in headless Chromium (offline, fresh profile) and checks the DOM it built holds
 * every chart. Tagged "browser": runs only with {@code ./mvnw verify -Pbrowser}, and is skipped
 * when {@code /usr/bin/chromium} is missing.
 */
@Tag("browser")
class ReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void chromiumRendersEveryChart(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM);
        Path out = dir.resolve("out");
        Cli r = Cli.exec("run", "quickstart", "--set", "requests=300", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path dom = dir.resolve("dom.html");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", out.resolve("report.html").toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(dir.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("chromium.log"))).isZero();
        String text = Files.readString(dom, StandardCharsets.UTF_8);
        for (String chart : List.of("ttft-cdf", "tpot-cdf", "e2e-cdf", "ttft-over-time", "throughput", "utilisation",
                "kv-occupancy", "power", "tokens-per-joule")) {
            assertThat(text).contains("id=\"chart-" + chart + "\"");
        }
        assertThat(text.split("<svg ", -1)).hasSize(10);
        assertThat(text).contains("class=\"series\"", "TokenFab report: quickstart");
    }
}
