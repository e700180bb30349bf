package org.tokenfab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.tokenfab.scenario.sweep.PointExecutorProvider;
import org.tokenfab.sim.DidYouMean;
import org.tokenfab.sim.TokenFabException;
import org.tokenfab.validation.BoundCheck;
import org.tokenfab.validation.KnownMisses;
import org.tokenfab.validation.kernels.KernelValidation;
import org.tokenfab.validation.power.PowerValidation;
import org.tokenfab.validation.queueing.QueueingValidation;
import org.tokenfab.validation.serving.ServingCase;
import org.tokenfab.validation.serving.ServingCases;
import org.tokenfab.validation.serving.ServingValidation;
import org.tokenfab.validation.ReportTable;
import org.tokenfab.validation.SuiteReport;

/**
 * {@code tokenfab validate [SUITE...]}: run validation suites, print their tables, write one
 * Markdown report and one CSV, and fail when a bound is missed. Suites plug in by name through
 * {@link #SUITES}; a suite is anything that returns a {@link SuiteReport}.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check the simulator against closed forms and measurements, suite by suite.",
                "Prints each suite's tables, writes DIR/validation-report.md, validation-report.csv",
                "and accuracy.md (the README's table), and exits with 4 if an accuracy bound is missed.", ""},
        footer = {"", "Suites:",
                "  kernels    calibrated op models vs every measured kernel (GEMM,",
                "             attention, MoE, all-reduce): median and p90 error per op",
                "             family and GPU, in-sample and held out; bound: median <= 10%%",
                "  queueing   the engine vs closed forms (M/M/1 at 0.5 and 0.9, M/D/1,",
                "             M/G/1, M/M/2, M/M/4): 99%% confidence intervals from",
                "             20 replications",
                "  power      power model vs kernel power (H200, B200, GB200) and",
                "             ML.ENERGY H100 runs; bound: MAPE <= 15%%",
                "  serving    end-to-end runs vs measured serving: vLLM 0.19 per-request",
                "             traces replayed (RTX 4090, RTX PRO 6000), Splitwise static",
                "             batches (Llama-2-70B; BLOOM-176B held out whole; A100/H100)",
                "             and TensorRT-LLM offline throughput (H100, H200, B200,",
                "             GB200); bounds per case:",
                "             mean TTFT 25%%, mean TPOT 15%%, throughput 15%%",
                "", "Examples:",
                "  tokenfab validate                  # every available suite",
                "  tokenfab validate kernels --out out/validation",
                "  tokenfab validate --known-misses validation/known-misses.csv   # as CI runs it",
                "  tokenfab validate serving --cases my-cases/   # your own measurements",
                "  tokenfab validate --engine spark --master 'local[4]'       # the suites as Spark tasks, at once",
                "", "Exit codes: 0 all bounds held, 4 a bound was missed, 2 invalid input,",
                "1 internal error."})
final class ValidateCommand implements Callable<Integer> {
    /** Exit code when a suite ran but missed a bound. */
    static final int EXIT_BOUND_MISSED = TokenFab.EXIT_NEGATIVE_RESULT;

    /** Available suites by name, in run order (immutable). Later suites register here. */
    static final Map<String, Supplier<SuiteReport>> SUITES = suites();

    private static Map<String, Supplier<SuiteReport>> suites() {
        Map<String, Supplier<SuiteReport>> m = new LinkedHashMap<>();
        m.put("queueing", QueueingValidation::run);
        m.put("kernels", KernelValidation::run);
        m.put("power", PowerValidation::run);
        m.put("serving", ServingValidation::run);
        return Collections.unmodifiableMap(m);
    }
    /** Suites that are planned but not implemented yet (named so the error can say so). */
    static final List<String> PLANNED = List.of();
    /** Failed bounds listed on the console per suite; the report file lists them all. */
    static final int FAILURES_SHOWN = 12;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "SUITE", description = "Suites to run (default: all available): ${COMPLETION-CANDIDATES}.",
            completionCandidates = SuiteNames.class)
    List<String> suites = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder for the report and CSV. Default: out/validation/.")
    Path out = Path.of("out", "validation");

    @Option(names = "--known-misses", paramLabel = "FILE",
            description = "Bounds this commit is known to miss (suite,what,value,bound): exit 0 unless a bound is missed that is not listed, or by clearly more than listed (CI uses validation/known-misses.csv).")
    Path knownMisses;

    @Option(names = "--write-known-misses", paramLabel = "FILE", description = "Write the bounds missed by this run to FILE (the list for --known-misses).")
    Path writeKnownMisses;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "Where suites run: local (one after another here, default) or spark (each suite a Spark task, at once).")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = Engines.MASTER_HELP)
    String master;

    @Option(names = "--cases", paramLabel = "PATH",
            description = "Run the serving suite on these cases instead of the bundled ones: a case YAML file or a folder of them"
                    + " (your own measurements, in the bundled cases' format; a trace-replay case's trace: is relative to its file).")
    Path cases;

    /** One suite by name: what a Spark task runs (a static method, so the task captures nothing). */
    static SuiteReport runSuite(String name) {
        return SUITES.get(name).get();
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        List<String> names = suites.isEmpty() ? List.copyOf(SUITES.keySet()) : suites;
        List<ServingCase> own = null;
        if (cases != null) {
            if (!suites.isEmpty() && !suites.equals(List.of("serving"))) {
                throw new TokenFabException("--cases gives the serving suite its cases; name only that suite"
                        + " (tokenfab validate serving --cases " + cases + "), not " + String.join(", ", suites));
            }
            if (engine != null && !engine.equals("local")) {
                throw new TokenFabException("--cases runs the serving suite on this machine, where the case files are;"
                        + " leave out --engine " + engine);
            }
            names = List.of("serving");
            own = ServingCases.fromPath(cases);
        }
        for (String n : names) {
            if (!SUITES.containsKey(n)) {
                String why = PLANNED.contains(n) ? "suite '" + n + "' is not available yet"
                        : "unknown suite '" + n + "'" + DidYouMean.clause(n, SUITES.keySet());
                throw new TokenFabException(why + "; available: " + String.join(", ", SUITES.keySet()));
            }
        }
        Optional<PointExecutorProvider> provider = Engines.provider(engine, master);
        List<SuiteReport> reports = new ArrayList<>();
        List<SuiteReport> remote = null;
        if (provider.isPresent()) {
            // Every suite at once, one task each; reports come back in the order asked, the same as here.
            o.println("validating " + String.join(", ", names) + " on " + engine + " ...");
            o.flush();
            try (PointExecutorProvider.Engine e = provider.get().open(master)) {
                remote = e.runAll("validate", names, ValidateCommand::runSuite);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TokenFabException("validate interrupted before the suites finished; nothing was written");
            }
        }
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            SuiteReport r;
            if (remote != null) {
                r = remote.get(i);
            } else if (own != null) {
                o.println("validating serving on " + own.size() + " case" + (own.size() == 1 ? "" : "s") + " from " + cases + " ...");
                o.flush();
                r = ServingValidation.run(own);
            } else {
                o.println("validating " + n + " ...");
                o.flush();
                r = runSuite(n);
            }
            reports.add(r);
            o.println();
            o.println(r.title());
            // The console gets the summary tables; the report file also gets the per-table details.
            for (ReportTable t : r.tables().subList(0, Math.min(2, r.tables().size()))) {
                o.println(t.text());
            }
            o.println(summary(r));
            o.println();
        }
        Path md = out.resolve("validation-report.md");
        Path csv = out.resolve("validation-report.csv");
        Path accuracy = out.resolve("accuracy.md");
        write(md, csv, reports);
        AccuracyTable.write(accuracy, reports);
        boolean passed = reports.stream().allMatch(SuiteReport::passed);
        o.println("report:   " + md);
        o.println("csv:      " + csv);
        o.println("accuracy: " + accuracy + " (the README's table)");
        if (writeKnownMisses != null) {
            KnownMisses.write(writeKnownMisses, reports);
            o.println("known misses written: " + writeKnownMisses);
        }
        if (knownMisses != null) {
            KnownMisses known = KnownMisses.read(knownMisses);
            List<String> regressions = known.regressions(reports);
            known.fixed(reports).forEach(f -> o.println("now holds (remove from " + knownMisses + "): " + f));
            regressions.forEach(r -> o.println("REGRESSION " + r));
            long missed = reports.stream().mapToLong(r -> r.failures().size()).sum();
            o.println(regressions.isEmpty()
                    ? missed + " bounds missed, all known (" + knownMisses + "); no regression"
                    : regressions.size() + " regressions against " + knownMisses);
            return regressions.isEmpty() ? 0 : EXIT_BOUND_MISSED;
        }
        o.println(passed ? "all bounds held" : "BOUNDS MISSED (see above)");
        return passed ? 0 : EXIT_BOUND_MISSED;
    }

    static String summary(SuiteReport r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: %d of %d bounds held", r.suite(),
                r.checks().size() - r.failures().size(), r.checks().size()));
        List<BoundCheck> failures = r.failures();
        for (BoundCheck f : failures.subList(0, Math.min(FAILURES_SHOWN, failures.size()))) {
            sb.append(String.format(Locale.ROOT, "%n  FAILED %s: %.1f (bound %.1f)", f.what(), f.value(), f.bound()));
        }
        if (failures.size() > FAILURES_SHOWN) {
            sb.append(String.format(Locale.ROOT, "%n  ... and %d more (all in the report)", failures.size() - FAILURES_SHOWN));
        }
        for (String note : r.notes().subList(0, Math.min(1, r.notes().size()))) {
            sb.append(System.lineSeparator()).append(note);
        }
        return sb.toString();
    }

    private static void write(Path md, Path csv, List<SuiteReport> reports) {
        StringBuilder text = new StringBuilder("# TokenFab validation report\n\n");
        text.append("Generated by `tokenfab validate` (TokenFab ").append(TokenFab.Version.version()).append(").\n\n");
        List<String> lines = new ArrayList<>(List.of("suite,table,columns..."));
        for (SuiteReport r : reports) {
            text.append(r.markdown());
            lines.addAll(r.csv());
        }
        try {
            Files.createDirectories(md.getParent());
            Files.writeString(md, text.toString(), StandardCharsets.UTF_8);
            Files.writeString(csv, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Suite names for picocli's completion and help. */
    static final class SuiteNames extends ArrayList<String> {
        SuiteNames() {
            super(SUITES.keySet());
        }
    }
}
