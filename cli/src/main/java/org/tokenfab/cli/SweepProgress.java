package org.tokenfab.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.tokenfab.scenario.sweep.SweepRunner;

/**
 * The one-line progress of a sweep on standard error (points done of total, elapsed, ETA), in the
 * style of {@link ProgressLine}: only on an interactive terminal and only after the first second,
 * so piped output and logs stay clean. Per-point progress would interleave across threads, so the
 * unit here is the point.
 */
final class SweepProgress implements SweepRunner.Listener {
    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final long start = System.nanoTime();
    private boolean shown;

    private SweepProgress(PrintStream err) {
        this.err = err;
    }

    /** A progress line when a terminal is attached, otherwise one that says nothing. */
    static SweepRunner.Listener forTerminal() {
        return System.console() != null ? new SweepProgress(System.err) : SweepRunner.Listener.NONE;
    }

    @Override
    public synchronized void finished(int done, int toRun) {
        long elapsed = System.nanoTime() - start;
        if (elapsed < SHOW_AFTER_NANOS || done == toRun) {
            finish();
            return;
        }
        shown = true;
        double seconds = elapsed / 1e9;
        double fraction = (double) done / toRun;
        int filled = (int) Math.round(fraction * WIDTH);
        err.print(String.format(Locale.ROOT, "\r  [%s%s] %d/%d points · %.0f s · ETA %.0f s   ", "=".repeat(filled),
                " ".repeat(WIDTH - filled), done, toRun, seconds, seconds / fraction - seconds));
        err.flush();
    }

    private void finish() {
        if (shown) {
            err.print("\r" + " ".repeat(80) + "\r");
            err.flush();
            shown = false;
        }
    }
}
