package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFabCliTest {
    @TempDir
    Path tmp;


    @Test
    void runWritesSummaryAndPrintsTable() throws IOException {
        Cli o = Cli.exec("run", "quickstart", "--out", tmp.toString(), "--set", "requests=200");
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("TTFT", "TPOT", "ITL", "E2E", "output tok/s", "summary: ");
        String json = Files.readString(tmp.resolve("summary.json"));
        assertThat(json).contains("\"scenario\" : \"quickstart\"", "\"completed\" : 200", "\"latency_ms\"",
                "\"output_tokens_per_s\"", "\"simulated_seconds\"", "\"wall_seconds\"", "\"events\"");
    }

    @Test
    void seedOptionReplacesTheScenarioSeed() throws IOException {
        assertThat(Cli.exec("run", "--out", tmp.toString(), "--set", "requests=50", "--seed", "99").code()).isZero();
        assertThat(Files.readString(tmp.resolve("summary.json"))).contains("\"seed\" : 99");
    }

    @Test
    void badInputIsOneClearMessageAndExitCode2() throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "name: x\nrequests: 10\nmodel: llama-3.1-8b\ncluster: { pools: [ { accelerator: h100-sxm, replicas: -1 } ] }\n"
                + "workload: { arrivals: { process: poisson, rate: 1/s }, input_tokens: { dist: fixed, tokens: 10 }, output_tokens: { dist: fixed, tokens: 10 } }\n");
        Cli o = Cli.exec("run", bad.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).startsWith("tokenfab: error: " + bad + ": cluster.pools[0].replicas: -1 is out of range; allowed: [1, 100000]");
        assertThat(o.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void unknownOptionSuggestsAndExitCode2() {
        Cli o = Cli.exec("run", "--sed", "3");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("Unknown option: '--sed'");
    }

    @Test
    void helpAndVersion() {
        assertThat(Cli.exec("--help").out()).contains("Usage: tokenfab", "run");
        assertThat(Cli.exec("run", "--help").out()).contains("--set=PATH=VALUE", "--seed=N", "--out=DIR", "Examples:");
        assertThat(Cli.exec("--version").out()).contains("TokenFab 0.1.0");
        assertThat(Cli.exec().out()).contains("Usage: tokenfab");
    }

    @Test
    void listShowsBundledScenarios() {
        assertThat(Cli.exec("run", "--list").out()).contains("quickstart");
    }
}
