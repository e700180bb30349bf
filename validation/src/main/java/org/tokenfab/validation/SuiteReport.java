package org.tokenfab.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one validation suite found: prose, tables and bound checks, rendered for the console, the
 * Markdown report and the CSV. Suite-agnostic, so later suites (queueing, serving, power) can
 * produce the same thing for {@code tokenfab validate}.
 *
 * @param suite the suite's name as typed on the command line, e.g. {@code kernels}
 * @param title heading
 * @param intro paragraphs before the tables (Markdown)
 * @param tables the tables, summary first
 * @param checks the bounds
 * @param notes paragraphs after the tables (Markdown): caveats, what was not done
 */
public record SuiteReport(String suite, String title, List<String> intro, List<ReportTable> tables,
        List<BoundCheck> checks, List<String> notes) implements java.io.Serializable {
    public SuiteReport {
        intro = List.copyOf(intro);
        tables = List.copyOf(tables);
        checks = List.copyOf(checks);
        notes = List.copyOf(notes);
    }

    /** Whether every bound held. */
    public boolean passed() {
        return checks.stream().allMatch(BoundCheck::passed);
    }

    /** The failed bounds. */
    public List<BoundCheck> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("## ").append(title).append("\n\n");
        for (String p : intro) {
            sb.append(p).append("\n\n");
        }
        for (ReportTable t : tables) {
            sb.append(t.markdown()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "Bounds: %d of %d held.%n%n", checks.size() - failures().size(), checks.size()));
        for (BoundCheck c : failures()) {
            sb.append(String.format(Locale.ROOT, "- FAILED: %s = %.1f (bound %.1f)%n", c.what(), c.value(), c.bound()));
        }
        if (!failures().isEmpty()) {
            sb.append('\n');
        }
        for (String p : notes) {
            sb.append(p).append("\n\n");
        }
        return sb.toString();
    }

    /** CSV lines of every table, the suite name first. */
    public List<String> csv() {
        List<String> out = new ArrayList<>();
        for (ReportTable t : tables) {
            for (String line : t.csv()) {
                out.add(suite + "," + line);
            }
        }
        return out;
    }
}
