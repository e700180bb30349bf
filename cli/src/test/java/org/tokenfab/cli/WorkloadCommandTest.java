package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tokenfab workload describe} against the statistics published with the shared traces. */
class WorkloadCommandTest {
    @TempDir
    Path tmp;


    @Test
    void describesABundledTraceWithItsPublishedStatistics() {
        Cli o = Cli.exec("workload", "describe", "--trace", "mooncake-conversation");
        assertThat(o.err()).isEmpty();
        // Shared traces README: 12,031 rows, 3.401 req/s, CV 3.034, input p50 6909, hit ratio 0.374.
        assertThat(o.out()).contains("12,031", "mean rate 3.401 req/s", "inter-arrival CV 3.034", "6909.0",
                "hit ratio 0.374");
    }

    @Test
    void describesAScenarioAndExportsItsRequests() throws IOException {
        Path csv = tmp.resolve("requests.csv");
        Cli o = Cli.exec("workload", "describe", "azure-code-replay", "--export", csv.toString());
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("8,819", "mean rate 2.566 req/s");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(1 + 8_819);
        assertThat(lines.get(0)).isEqualTo("arrival_s,input_tokens,output_tokens");
    }

    @Test
    void closedLoopTrafficIsExplainedNotDescribed() {
        Cli o = Cli.exec("workload", "describe", "quickstart", "--set", "workload.arrivals={process: closed-loop, users: 3}");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("closed-loop traffic has no arrival times of its own");
    }

    @Test
    void unknownTraceSuggests() {
        Cli o = Cli.exec("workload", "describe", "--trace", "azure-cod");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("neither a file nor a bundled trace (did you mean 'azure-code'?)");
    }
}
