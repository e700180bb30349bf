package org.tokenfab.validation.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh `tokenfab calibrate engines` reproduces the bundled engines-v1.yaml byte for byte (the fit
 * is deterministic). About 25 minutes on 2 cores, so tagged slow: {@code ./mvnw verify -Pslow}.
 */
@Tag("slow")
class EngineFitReproductionTest {
    @Test
    void freshFitEqualsTheBundledProfiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("engines.yaml");
        EngineFit.run(out, new PrintWriter(new StringWriter()));
        String bundled = new String(EngineFit.class.getClassLoader()
                .getResourceAsStream("org/tokenfab/hardware/calibration/engines-v1.yaml").readAllBytes(), StandardCharsets.UTF_8);
        assertThat(Files.readString(out)).isEqualTo(bundled);
    }
}
