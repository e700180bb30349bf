package org.tokenfab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import org.tokenfab.sim.TokenFabException;

/** The {@code tokenfab} command and its exit codes. */
@Command(name = "tokenfab",
        mixinStandardHelpOptions = true,
        versionProvider = TokenFab.Version.class,
        description = {"Discrete-event simulator of AI inference factories: latency, throughput and",
                "utilisation of LLM serving clusters, before you buy the hardware.", ""},
        subcommands = {RunCommand.class, WorkloadCommand.class, CatalogCommand.class, RooflineCommand.class,
                CalibrateCommand.class, ValidateCommand.class, SweepCommand.class, PlanCommand.class, CompareCommand.class, UiCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Run `tokenfab COMMAND --help` for a command's options.",
                "Exit codes:",
                "  0 success",
                "  1 internal error (a bug: one line names the report file)",
                "  2 invalid input or usage",
                "  3 a run stopped early by a bound (--max-events, --max-wall, memory)",
                "  4 a result that says no (validate missed a bound, plan found no fleet)",
                "  130 interrupted (Ctrl-C)"})
public final class TokenFab implements Runnable {
    static final int EXIT_USER_ERROR = 2;
    /** The command ran and its answer is no: a missed accuracy bound, no fleet meeting the SLOs. */
    static final int EXIT_NEGATIVE_RESULT = 4;
    /** A bug: anything but a {@link TokenFabException}. 1, as most tools use for a general failure. */
    static final int EXIT_INTERNAL_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(new TokenFab(), args, out, err, CrashReport.defaultDir());
    }

    /**
     * Runs {@code command} (the {@code tokenfab} command, or a test's) with the exit-code policy:
     * bad input is one line and code 2, a bug one line naming a crash report in {@code crashDir} and code 1.
     */
    static int execute(Object command, String[] args, PrintWriter out, PrintWriter err, java.nio.file.Path crashDir) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof TokenFabException) {
                err.println("tokenfab: error: " + e.getMessage());
                return EXIT_USER_ERROR;
            }
            CrashReport.handle(e, args, err, crashDir);
            return EXIT_INTERNAL_ERROR;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("tokenfab: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Run `" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help` for usage.");
            return EXIT_USER_ERROR;
        });
        try {
            return cl.execute(args);
        } catch (Error e) {
            // picocli hands Exceptions to the handler above but lets Errors (out of memory, stack
            // overflow) through: same policy, one line and a report.
            CrashReport.handle(e, args, err, crashDir);
            return EXIT_INTERNAL_ERROR;
        }
    }

    /** The version from the build (filtered resource), so --version never drifts from the POM. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"TokenFab " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }

        static String version() {
            try (InputStream in = TokenFab.class.getResourceAsStream("version.properties")) {
                Properties p = new Properties();
                if (in != null) {
                    p.load(in);
                }
                return p.getProperty("version", "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }
}
