package org.tokenfab.validation.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The reference files the power suite reads are exactly the ones listed, unedited (see data/README.md). */
class ReferenceDataTest {
    @Test
    void everyCopiedFileMatchesItsManifestEntryAndStaysUnderOneMegabyte() throws IOException, NoSuchAlgorithmException {
        ReferenceTable manifest = ReferenceTable.load("MANIFEST.csv");
        assertThat(manifest.size()).isEqualTo(14);
        String root = "org/tokenfab/validation/"; // MANIFEST paths are relative to the validation resources
        for (int r = 0; r < manifest.size(); r++) {
            String path = manifest.text(r, "path");
            byte[] bytes;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(root + path)) {
                assertThat(in).as(path).isNotNull();
                bytes = in.readAllBytes();
            }
            assertThat(bytes.length).as(path).isEqualTo(manifest.integer(r, "bytes")).isLessThan(1_000_000);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertThat(sha).as(path).isEqualTo(manifest.text(r, "sha256"));
        }
    }
}
