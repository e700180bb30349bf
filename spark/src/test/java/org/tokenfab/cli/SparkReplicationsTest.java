package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tokenfab run --replications N --engine spark}: each replication is a Spark task (here two at
 * once on local[2]) and the files are the local run's, byte for byte (apart from the real time a
 * run took): the same code on the same seeds. In package org.tokenfab.cli to drive the command line.
 */
class SparkReplicationsTest {
    @TempDir
    Path tmp;

    private static String withoutWallTime(Path summary) throws IOException {
        return Files.readString(summary).replaceAll("\"wall_seconds\" : [0-9.Ee-]+", "\"wall_seconds\" : X");
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void replicationsOnSparkWriteTheLocalFiles() throws IOException {
        Path local = tmp.resolve("local");
        Path spark = tmp.resolve("spark");
        assertThat(SparkCli.exec("run", "quickstart", "--set", "requests=200", "--replications", "3", "--out", local.toString()).code())
                .isZero();
        SparkCli r = SparkCli.exec("run", "quickstart", "--set", "requests=200", "--replications", "3", "--engine", "spark",
                "--master", "local[2]", "--out", spark.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Spark local[2]");

        assertThat(files(spark)).isEqualTo(files(local)).contains("replications.csv", "rep-3/summary.json");
        assertThat(Files.readString(spark.resolve("replications.csv"))).isEqualTo(Files.readString(local.resolve("replications.csv")));
        assertThat(Files.readString(spark.resolve("replications.json"))).isEqualTo(Files.readString(local.resolve("replications.json")));
        for (int k = 1; k <= 3; k++) {
            Path a = local.resolve("rep-" + k);
            Path b = spark.resolve("rep-" + k);
            assertThat(withoutWallTime(b.resolve("summary.json"))).isEqualTo(withoutWallTime(a.resolve("summary.json")))
                    .contains("\"completed\"");
            assertThat(Files.readString(b.resolve("timeseries.csv"))).isEqualTo(Files.readString(a.resolve("timeseries.csv")));
        }
    }

    @Test
    void sparkWithoutReplicationsIsAUserError() {
        SparkCli r = SparkCli.exec("run", "quickstart", "--set", "requests=50", "--engine", "spark", "--out", tmp.toString());
        assertThat(r.code()).isEqualTo(TokenFab.EXIT_USER_ERROR);
        assertThat(r.err()).contains("--engine spark runs --replications");
    }

    @Test
    void masterWithoutSparkIsAUserError() {
        SparkCli r = SparkCli.exec("run", "quickstart", "--replications", "2", "--master", "local[2]", "--out", tmp.toString());
        assertThat(r.code()).isEqualTo(TokenFab.EXIT_USER_ERROR);
        assertThat(r.err()).contains("--master local[2] needs --engine spark");
    }
}
