package org.tokenfab.scenario.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.tokenfab.sim.TokenFabException;

/**
 * Writes output files whole or not at all: to a temporary file beside the target, then renamed.
 *
 * <p>The temporary file's name is the target's with this process's id and the writing thread's id:
 * unique among the writers alive (a thread finishes one file before it starts the next), so no
 * random name has to be drawn and checked. {@code Files.createTempFile} did that, and it was half
 * the cost of a sweep point's summary (~90 of ~160 us on ext4), paid on the thread that collects
 * the points while the workers run. A leftover from a process that died is overwritten by the next
 * writer with its id.
 */
public final class AtomicFiles {
    private static final long PID = ProcessHandle.current().pid();

    private AtomicFiles() {
    }

    /** Writes {@code content} as UTF-8 to {@code target}, creating its folder; readers never see half a file. */
    public static Path write(Path target, String content) {
        return write(target, w -> w.write(content));
    }

    /** Writes the text that {@code body} produces, as {@link #write(Path, String)} does, without holding it whole. */
    public static Path write(Path target, Body body) {
        Path tmp = temporaryName(target);
        try (java.io.Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) { // created or truncated
            body.write(w);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new TokenFabException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return moveInto(tmp, target);
    }

    /** Writes text to a writer (a streaming {@link #write(Path, Body)}). */
    @FunctionalInterface
    public interface Body {
        void write(java.io.Writer w) throws IOException;
    }

    /**
     * An empty temporary file beside {@code target} (same folder, so the final rename is atomic),
     * creating the folder; for files written over a whole run and then {@link #moveInto moved into place}.
     */
    public static Path temporaryBeside(Path target) {
        Path tmp = temporaryName(target);
        try {
            Files.write(tmp, new byte[0]);
            return tmp;
        } catch (IOException e) {
            throw new TokenFabException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** This thread's temporary name beside {@code target} (see the class comment), its folder created. */
    private static Path temporaryName(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new TokenFabException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return dir.resolve("." + target.getFileName() + "." + PID + "-" + Thread.currentThread().threadId() + ".tmp");
    }

    /** Renames a finished temporary file to {@code target}, atomically where the file system can. */
    public static Path moveInto(Path tmp, Path target) {
        try {
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new TokenFabException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover hidden .tmp file beside the outputs; nothing better to do
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
