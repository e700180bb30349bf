package org.tokenfab.workload.trace;

/**
 * A streaming reader of one trace: rows are read one at a time into a caller-owned
 * {@link TraceRecord}, so a trace never sits in memory whole.
 *
 * <p>Arrival times are in ns from the trace's <em>origin</em>: for formats with absolute
 * timestamps (Azure) the first row's time; for formats whose timestamps are already offsets
 * (Mooncake, BurstGPT, Bailian, ServeGen) time zero of the file. Readers check that arrivals never
 * go back in time. Errors are {@link org.tokenfab.sim.TokenFabException}s naming the file, the line,
 * what was wrong and what was expected; in skip-malformed mode bad rows are skipped and counted in
 * {@link #skipped()} instead.
 *
 * <p>Not thread-safe.
 */
public interface TraceReader extends AutoCloseable {
    /**
     * Reads the next row into {@code out} (all its fields are overwritten).
     *
     * @return false at the end of the trace ({@code out} is then unspecified)
     * @throws org.tokenfab.sim.TokenFabException on a malformed row (unless skipping), unreadable
     *     or binary input
     */
    boolean next(TraceRecord out);

    /** Line number (1-based, header included) of the row last returned, 0 before the first. */
    long line();

    /** Malformed rows skipped so far (always 0 unless skipping was asked for). */
    long skipped();

    /** Name of the source, for messages (file name or resource). */
    String source();

    @Override
    void close();
}
