package org.tokenfab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

import org.tokenfab.sim.TokenFabException;

/** The documented exit codes and what an internal error prints. */
class ExitCodesTest {
    @TempDir
    Path tmp;

    /** A command that fails as a bug would. */
    @Command(name = "boom")
    static final class Boom implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("the invariant broke", new ArithmeticException("/ by zero"));
        }
    }

    /** A command that fails with an Error, which picocli does not hand to the exception handler. */
    @Command(name = "deep")
    static final class Deep implements Runnable {
        @Override
        public void run() {
            throw new StackOverflowError("too deep");
        }
    }

    /** A command that fails as bad input does. */
    @Command(name = "bad")
    static final class Bad implements Runnable {
        @Override
        public void run() {
            throw new TokenFabException("s.yaml: seed: expected an integer");
        }
    }

    private record Outcome(int code, String out, String err) {
    }

    private Outcome exec(Object command, Path crashDir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TokenFab.execute(command, new String[0], new PrintWriter(out, true), new PrintWriter(err, true), crashDir);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void internalErrorIsOneLineNamingTheReportWithTheFullStackTrace() throws IOException {
        Outcome o = exec(new Boom(), tmp);
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err().lines().toList()).hasSize(1);
        assertThat(o.err()).startsWith("tokenfab: internal error (a bug in TokenFab): java.lang.IllegalStateException: the invariant broke")
                .contains("; full report: " + tmp);
        List<Path> reports;
        try (Stream<Path> files = Files.list(tmp)) {
            reports = files.toList();
        }
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).getFileName().toString()).matches("tokenfab-crash-\\d{8}-\\d{6}-\\d+\\.txt");
        assertThat(o.err()).contains(reports.get(0).toString());
        String report = Files.readString(reports.get(0));
        assertThat(report).contains("command: tokenfab", "version: TokenFab", "java: ", "IllegalStateException: the invariant broke",
                "Caused by: java.lang.ArithmeticException: / by zero", "\tat org.tokenfab.cli.ExitCodesTest$Boom.run");
    }

    @Test
    void reportThatCannotBeWrittenFallsBackToTheConsole() throws IOException {
        Path notADir = Files.writeString(tmp.resolve("file"), "x");
        Outcome o = exec(new Boom(), notADir.resolve("sub"));
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).contains("the report could not be written to", "\tat org.tokenfab.cli.ExitCodesTest$Boom.run");
    }

    @Test
    void errorsLikeStackOverflowAreInternalErrorsToo() {
        Outcome o = exec(new Deep(), tmp);
        assertThat(o.code()).isEqualTo(1);
        assertThat(o.err()).startsWith("tokenfab: internal error (a bug in TokenFab): java.lang.StackOverflowError: too deep")
                .contains("full report: " + tmp);
    }

    @Test
    void badInputIsCode2WithoutAReport() throws IOException {
        Outcome o = exec(new Bad(), tmp);
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).isEqualTo("tokenfab: error: s.yaml: seed: expected an integer" + System.lineSeparator());
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void footerDocumentsTheCodes() {
        assertThat(Cli.exec("--help").out()).contains("0 success", "1 internal error", "2 invalid input or usage",
                "3 a run stopped early by a bound", "4 a result that says no", "130 interrupted");
        assertThat(Cli.exec("validate", "--help").out()).contains("4 a bound was missed", "1 internal error");
        assertThat(ValidateCommand.EXIT_BOUND_MISSED).isEqualTo(4);
    }
}
