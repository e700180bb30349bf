package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tokenfab validate --engine spark}: the suites run as Spark tasks (here two at once on
 * local[2]) and the report is the local run's, byte for byte: the same code, the same order.
 * In package org.tokenfab.cli to drive the command line as the CLI's own tests do.
 */
class SparkValidateTest {
    @TempDir
    Path tmp;

    @Test
    void suitesOnSparkGiveTheLocalReport() throws IOException {
        Path local = tmp.resolve("local");
        Path spark = tmp.resolve("spark");
        int localCode = SparkCli.exec("validate", "power", "queueing", "--out", local.toString()).code();
        int sparkCode = SparkCli.exec("validate", "power", "queueing", "--engine", "spark", "--master", "local[2]", "--out", spark.toString()).code();
        assertThat(sparkCode).isEqualTo(localCode);
        assertThat(Files.readString(spark.resolve("validation-report.csv")))
                .isEqualTo(Files.readString(local.resolve("validation-report.csv")))
                .contains("queueing");
    }
}
