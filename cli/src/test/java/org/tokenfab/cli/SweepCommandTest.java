package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
    @TempDir
    Path tmp;

    @Test
    void sweepsTheGridAndWritesCsvSummariesAndParetoViews() throws IOException {
        Cli o = Cli.exec("sweep", "memory-wall", "--set", "requests=40", "--sweep", "workload.arrivals.users=1,8",
                "--sweep", "cluster.pools[0].parallelism={tp: 1},{tp: 2}", "--out", tmp.toString(), "--threads", "2");
        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("sweep memory-wall: 4 points over workload.arrivals.users (2) x cluster.pools[0].parallelism (2)",
                "Pareto: output tok/s per accelerator vs tok/s per user", "4 points run in", "pareto: ");
        var lines = Files.readAllLines(tmp.resolve("sweep.csv"));
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("point,workload.arrivals.users,cluster.pools[0].parallelism,completed,");
        assertThat(lines.get(4)).startsWith("3,8,{tp: 2},40,0,");
        for (String f : new String[] {"sweep.json", "pareto.csv", "pareto-throughput-interactivity.svg", "pareto-cost-ttft.svg",
                "pareto-energy-tpot.svg", "points.jsonl"}) {
            assertThat(tmp.resolve(f)).isRegularFile();
        }
        assertThat(Files.readAllLines(tmp.resolve("points.jsonl"))).hasSize(4).allMatch(l -> l.startsWith("{\"point\":"));
        // the same grid again: nothing reruns, same table
        Cli again = Cli.exec("sweep", "memory-wall", "--set", "requests=40", "--sweep", "workload.arrivals.users=1,8",
                "--sweep", "cluster.pools[0].parallelism={tp: 1},{tp: 2}", "--out", tmp.toString(), "--threads", "1");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("0 points run in", "4 kept from an earlier run");
        assertThat(Files.readAllLines(tmp.resolve("sweep.csv"))).isEqualTo(lines);
        // another grid into the same folder is refused
        Cli other = Cli.exec("sweep", "memory-wall", "--set", "requests=40", "--sweep", "workload.arrivals.users=1,2",
                "--out", tmp.toString());
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("holds a different sweep", "choose another --out or delete");
    }

    @Test
    void theScenariosOwnSweepSectionIsTheDefaultGrid() throws IOException {
        Cli o = Cli.exec("sweep", "memory-wall", "--set", "requests=20", "--out", tmp.toString());
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("9 points over workload.arrivals.users (9)");
        assertThat(Files.readAllLines(tmp.resolve("sweep.csv"))).hasSize(10);
    }

    @Test
    void everyPointIsCheckedBeforeAnyRuns() {
        Cli o = Cli.exec("sweep", "memory-wall", "--set", "requests=20", "--sweep", "cluster.pools[0].parallelism.tp=1,3",
                "--out", tmp.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).startsWith("tokenfab: error: sweep point 1 (workload.arrivals.users=1, cluster.pools[0].parallelism.tp=3):"
                + " library/memory-wall.yaml:")
                .contains("allowed: 1, 2, 4, 8");
        assertThat(tmp.resolve("sweep.csv")).doesNotExist();

        Cli typo = Cli.exec("sweep", "memory-wall", "--sweep", "workload.arrivals.userz=1,2", "--out", tmp.toString());
        assertThat(typo.err()).contains("sweep point 0 (workload.arrivals.users=1, workload.arrivals.userz=1)", "did you mean 'users'?");
        Cli fixed = Cli.exec("sweep", "memory-wall", "--set", "workload.arrivals.users=4", "--out", tmp.toString());
        assertThat(fixed.err()).contains("--set workload.arrivals.users=4: workload.arrivals.users is swept",
                "--sweep workload.arrivals.users=VALUE");
        Cli nothing = Cli.exec("sweep", "quickstart", "--out", tmp.toString());
        assertThat(nothing.code()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to sweep");
    }

    @Test
    void helpHasExamples() {
        assertThat(Cli.exec("sweep", "--help").out()).contains("Examples:", "--sweep", "--threads", "pareto");
        assertThat(Cli.exec("compare", "--help").out()).contains("Examples:", "--csv");
    }

    @Test
    void sparkWithoutTheSparkModuleSaysHowToBuildIt() {
        // the cli module's class path has no spark module, as in the default tokenfab.jar
        Cli o = Cli.exec("sweep", "memory-wall", "--engine", "spark", "--out", tmp.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).startsWith("tokenfab: error: Spark support is not in this build; build it with `./mvnw -pl spark -am package")
                .doesNotContain("Exception");
        assertThat(tmp.resolve("sweep.csv")).doesNotExist();
        Cli master = Cli.exec("sweep", "memory-wall", "--master", "local[2]", "--out", tmp.toString());
        assertThat(master.code()).isEqualTo(2);
        assertThat(master.err()).contains("--master local[2] needs --engine spark");
        Cli unknown = Cli.exec("sweep", "memory-wall", "--engine", "flink", "--out", tmp.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--engine flink: unknown engine; use local or spark");
    }
}
