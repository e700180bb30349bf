package org.tokenfab.scenario;

/**
 * Replay of a request trace instead of synthetic traffic.
 *
 * @param format         reader by YAML name: azure, mooncake, burstgpt, bailian
 * @param bundled        id of a trace bundled with TokenFab (e.g. {@code azure-code}), or null
 * @param file           absolute path of the user's trace file, or null
 * @param startNanos     replay rows from this trace time on (the window starts the replay at 0)
 * @param endNanos       up to this trace time ({@code Long.MAX_VALUE}: the end)
 * @param speedUp        divide the trace's gaps by this factor
 * @param targetRate     rescale to this mean rate per second (NaN: keep the trace's)
 * @param sampleFraction keep this fraction of the rows (seeded by the scenario seed)
 * @param skipMalformed  skip and count malformed rows instead of stopping at the first
 * @param inputTokens    lengths for a trace without them (ServeGen client windows give arrivals only), else null
 * @param outputTokens   likewise
 */
public record TraceSpec(String format, String bundled, String file, long startNanos, long endNanos, double speedUp,
        double targetRate, double sampleFraction, boolean skipMalformed, LengthSpec inputTokens, LengthSpec outputTokens) {
}
