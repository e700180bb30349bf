package org.tokenfab.scenario.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.tokenfab.sim.TokenFabException;

/** Writes output files whole or not at all: to a temporary file beside the target, then renamed. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code content} as UTF-8 to {@code target}, creating its folder; readers never see half a file. */
    public static Path write(Path target, String content) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new TokenFabException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a temporary folder and everything in it, as far as it can: a leftover temporary folder
     * is not worth failing a run, a benchmark or a validation over.
     */
    public static void deleteTreeQuietly(Path dir) {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // left behind
        }
    }
}
