/**
 * Trace replay: streaming readers of public LLM-serving traces ({@link org.tokenfab.workload.trace.TraceReader},
 * one per format, registered by name in {@link org.tokenfab.workload.trace.TraceFormats}), replay
 * options applied while streaming ({@link org.tokenfab.workload.trace.ReplayingTraceReader}), a
 * generator that follows ServeGen client windows, and the bundled trace extracts
 * ({@link org.tokenfab.workload.trace.BundledTraces}).
 *
 * <p>Invariants: a reader holds one line at a time (at most
 * {@code BoundedLineReader.DEFAULT_MAX_CHARS} characters of it, so a file without line breaks is a
 * message, not an out-of-memory error), arrival times never go back, and it fills a caller-owned, reused
 * {@link org.tokenfab.workload.trace.TraceRecord}; every user-facing problem (malformed row,
 * unsorted times, wrong header, empty or binary file) is a
 * {@link org.tokenfab.sim.TokenFabException} naming the file and line, what was wrong and what was
 * expected; time is {@code long} ns.
 */
package org.tokenfab.workload.trace;
