package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
    @TempDir
    Path tmp;

    @Test
    void helpExplainsTheOptionsWithExamples() {
        Cli o = Cli.exec("plan", "--help");
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("--target-rate", "--slo", "--candidates", "--minimise", "--max-replicas", "--out",
                "Examples:", "tokenfab plan plan-chat-400rps");
    }

    @Test
    void aBadSloIsOneMessage() {
        Cli o = Cli.exec("plan", "quickstart", "--slo", "ttft_p99=2s,tpot=50ms");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("tokenfab: error: --slo: unknown key 'tpot' (did you mean 'tpot_p99'?); allowed: ttft_p99, tpot_p99, goodput"
                + System.lineSeparator());
        assertThat(Cli.exec("plan", "quickstart", "--slo", "ttft_p99=soon").err()).contains("not a positive duration");
        assertThat(Cli.exec("plan", "quickstart").err()).contains("no SLO: give --slo ttft_p99=2s,tpot_p99=50ms");
    }

    @Test
    void anUnknownAcceleratorSuggestsTheNearestId() {
        Cli o = Cli.exec("plan", "quickstart", "--slo", "ttft_p99=1s", "--candidates", "accelerator=h200,b20;tp=1");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("unknown accelerator 'b20' (did you mean 'b200'?)");
        assertThat(Cli.exec("plan", "quickstart", "--slo", "ttft_p99=1s", "--candidates", "acelerator=h200").err())
                .contains("unknown axis 'acelerator' (did you mean 'accelerator'?)");
        assertThat(Cli.exec("plan", "heterogeneous-fleet", "--slo", "ttft_p99=1s").err())
                .contains("plan needs a single-pool scenario");
    }

    @Test
    void nothingMeetingTheSlosIsExitCodeFourWithTheFilesWritten() {
        // A TPOT under a microsecond: no fleet can; the answer is no, not an error.
        Cli o = Cli.exec("plan", "quickstart", "--set", "requests=200", "--target-rate", "5/s", "--slo", "ttft_p99=1s,tpot_p99=1us",
                "--candidates", "accelerator=h100-sxm;tp=1", "--max-replicas", "2", "--out", tmp.toString());
        assertThat(o.code()).isEqualTo(4);
        assertThat(tmp.resolve("plan.json")).exists();
    }

    @Test
    void aSmallPlanEndToEnd() throws IOException {
        Cli o = Cli.exec("plan", "quickstart", "--set", "requests=400", "--target-rate", "30/s", "--slo", "ttft_p99=1s,tpot_p99=30ms",
                "--candidates", "accelerator=h100-sxm,h200;tp=1,2", "--max-replicas", "8", "--out", tmp.toString());
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("answer: ", "p99 TTFT", "under 1 s", "runners-up", "plan: ");
        String csv = Files.readString(tmp.resolve("plan.csv"));
        assertThat(csv).startsWith("accelerator,tp,max_seqs,replicas").contains(",met,");
        String json = Files.readString(tmp.resolve("plan.json"));
        assertThat(json).contains("\"winner\"", "\"usd_per_hour\"", "\"ttft_margin_percent\"", "\"runners_up\"");
        // Deterministic: the same question gives the same points.
        Path again = tmp.resolve("again");
        Cli.exec("plan", "quickstart", "--set", "requests=400", "--target-rate", "30/s", "--slo", "ttft_p99=1s,tpot_p99=30ms",
                "--candidates", "accelerator=h100-sxm,h200;tp=1,2", "--max-replicas", "8", "--threads", "1", "--out", again.toString());
        assertThat(strip(Files.readString(again.resolve("plan.csv")))).isEqualTo(strip(csv));
    }

    @Test
    void theBundledQuestionCarriesItsOwnPlanSection() {
        // Only the parsing: an unknown accelerator in a flag fails before any simulation.
        Cli o = Cli.exec("plan", "plan-chat-400rps", "--candidates", "accelerator=h300");
        assertThat(o.err()).contains("unknown accelerator 'h300'");
    }

    /** Drops the wall_seconds column, the only one that varies between runs. */
    private static String strip(String csv) {
        return csv.lines().map(l -> l.replaceAll(",[0-9.e+-]*,(\"[^\"]*\")?$", ",$1")).reduce("", (a, b) -> a + b + "\n");
    }
}
