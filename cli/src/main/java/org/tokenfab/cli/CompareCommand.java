package org.tokenfab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import org.tokenfab.scenario.run.AtomicFiles;

/**
 * {@code tokenfab compare}: any runs side by side, after the fact, from their {@code summary.json}
 * files or sweep points (variants compare within one scenario; this compares anything).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare summary.json files: headline metrics side by side, each file",
                "against the first (absolute and %% difference). A folder stands for its",
                "summary.json, and SWEEP#N for point N of a sweep (its line of",
                "SWEEP/points.jsonl); columns are named by folder or point.", ""},
        footer = {"", "Examples:",
                "  tokenfab compare out/quickstart/summary.json out/fp8/summary.json",
                "  tokenfab compare out/memory-wall-sweep#4 out/memory-wall-sweep#6 \\",
                "      --csv diff.csv"})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SUMMARY", description = "summary.json files (or folders holding one, or SWEEP#N); the first is the baseline.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the comparison as CSV.")
    Path csv;

    @Override
    public Integer call() {
        List<SummaryComparison.Summary> summaries = new ArrayList<>();
        for (Path f : files) {
            summaries.add(SummaryComparison.read(f));
        }
        SummaryComparison comparison = new SummaryComparison(summaries);
        var out = spec.commandLine().getOut();
        out.print(comparison.table());
        if (csv != null) {
            out.println("csv: " + AtomicFiles.write(csv, comparison.csv()));
        }
        out.flush();
        return 0;
    }
}
