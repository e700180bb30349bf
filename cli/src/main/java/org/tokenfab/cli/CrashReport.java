package org.tokenfab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An internal error (a bug, anything but a {@link org.tokenfab.sim.TokenFabException}): the user
 * sees one line that says what failed and where the full report is; the report (command line,
 * versions, the stack trace with its causes) goes to a file, because a stack trace on the console
 * buries the one line that matters and is lost when the terminal scrolls.
 */
final class CrashReport {
    /** Where reports go unless {@code TOKENFAB_CRASH_DIR} says otherwise: the system temp folder. */
    static Path defaultDir() {
        String dir = System.getenv("TOKENFAB_CRASH_DIR");
        return Path.of(dir != null && !dir.isBlank() ? dir : System.getProperty("java.io.tmpdir"));
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private CrashReport() {
    }

    /**
     * Writes the report into {@code dir} and prints the one line (two when the report cannot be
     * written: then the stack trace goes to {@code err}, the only place left for it).
     */
    static void handle(Throwable e, String[] args, PrintWriter err, Path dir) {
        String what = e + (e.getStackTrace().length > 0 ? " at " + e.getStackTrace()[0] : "");
        try {
            Path file = write(e, args, dir);
            err.println("tokenfab: internal error (a bug in TokenFab): " + what + "; full report: " + file);
        } catch (IOException | RuntimeException writeFailed) {
            err.println("tokenfab: internal error (a bug in TokenFab): " + what + "; the report could not be written to " + dir
                    + " (" + writeFailed.getMessage() + "), so here is the stack trace:");
            e.printStackTrace(err);
            return;
        }
        if (System.getenv("TOKENFAB_DEBUG") != null) {
            e.printStackTrace(err);
        }
    }

    /** {@code dir/tokenfab-crash-<UTC time>-<pid>.txt}: the pid keeps two crashes in one second apart. */
    static Path write(Throwable e, String[] args, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("tokenfab-crash-" + STAMP.format(Instant.now()) + "-" + ProcessHandle.current().pid() + ".txt");
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        w.println("TokenFab internal error: please report it with this file (https://github.com/tokenfab/tokenfab/issues).");
        w.println("command: tokenfab " + String.join(" ", args));
        w.println("version: TokenFab " + TokenFab.Version.version());
        w.println("java: " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") on " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch"));
        w.println("time: " + Instant.now());
        w.println();
        e.printStackTrace(w);
        w.flush();
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        return file;
    }
}
