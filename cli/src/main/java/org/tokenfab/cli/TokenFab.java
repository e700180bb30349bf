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
                "Exit codes: 0 success, 2 invalid input or usage, 70 internal error (a bug: please report it)."})
public final class TokenFab implements Runnable {
    static final int EXIT_USER_ERROR = 2;
    static final int EXIT_INTERNAL_ERROR = 70;

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
        CommandLine cl = new CommandLine(new TokenFab());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof TokenFabException) {
                err.println("tokenfab: error: " + e.getMessage());
                return EXIT_USER_ERROR;
            }
            err.println("tokenfab: internal error: " + e + (e.getStackTrace().length > 0 ? " at " + e.getStackTrace()[0] : ""));
            err.println("This is a bug in TokenFab; please report it with the command line. Set TOKENFAB_DEBUG=1 for the full stack trace.");
            if (System.getenv("TOKENFAB_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return EXIT_INTERNAL_ERROR;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("tokenfab: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Run `" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help` for usage.");
            return EXIT_USER_ERROR;
        });
        return cl.execute(args);
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
