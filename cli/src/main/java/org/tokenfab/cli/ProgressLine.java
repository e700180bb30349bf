package org.tokenfab.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.tokenfab.scenario.run.Progress;

/**
 * A one-line progress bar on standard error for long runs: shown only on an interactive terminal
 * and only once a run has taken more than a second, so short runs and piped output stay clean.
 */
final class ProgressLine implements Progress {
    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final long start = System.nanoTime();
    private boolean shown;

    private ProgressLine(PrintStream err) {
        this.err = err;
    }

    /** A progress line on stderr when a terminal is attached, otherwise {@link Progress#NONE}. */
    static Progress forTerminal() {
        return System.console() != null ? new ProgressLine(System.err) : Progress.NONE;
    }

    @Override
    public void update(double fraction, long events) {
        long elapsed = System.nanoTime() - start;
        if (elapsed < SHOW_AFTER_NANOS) {
            return;
        }
        shown = true;
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = elapsed / 1e9;
        String eta = fraction > 0.01 ? String.format(Locale.ROOT, " · ETA %.0f s", seconds / fraction - seconds) : "";
        err.print(String.format(Locale.ROOT, "\r  [%s%s] %3.0f%% of arrivals · %,d events · %.0f s%s   ",
                "=".repeat(filled), " ".repeat(WIDTH - filled), 100 * fraction, events, seconds, eta));
        err.flush();
    }

    /** Clears the line if it was drawn. */
    void finish() {
        if (shown) {
            err.print("\r" + " ".repeat(100) + "\r");
            err.flush();
        }
    }
}
