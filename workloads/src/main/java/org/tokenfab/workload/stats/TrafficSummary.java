package org.tokenfab.workload.stats;

/**
 * Statistics of a request stream, as computed by {@link TrafficStats}. Definitions follow the
 * shared traces' {@code compute_stats.py}: rate = (n − 1) / span; CV = population standard
 * deviation / mean of the inter-arrival gaps; index of dispersion = population variance / mean of
 * the counts in consecutive windows from the first arrival, the partial last window dropped;
 * percentiles interpolate linearly between order statistics (NumPy's default). Values that need
 * more data than there is are {@code NaN}.
 *
 * @param requests number of requests
 * @param spanSeconds last arrival − first arrival
 * @param meanRatePerSecond (requests − 1) / span
 * @param interArrivalCv CV of the inter-arrival gaps
 * @param dispersion1s index of dispersion of counts in 1 s windows (Poisson: 1)
 * @param dispersion10s the same in 10 s windows
 * @param dispersion60s the same in 60 s windows
 * @param peakRate1s highest count in a 1 s window, per second
 * @param peakRate10s highest count in a 10 s window, per second
 * @param peakRate60s highest count in a 60 s window, per second
 * @param input prompt-length statistics
 * @param output output-length statistics
 * @param prefixTagged whether any request carried prefix-block ids
 * @param prefixHitRatio token hit ratio of an infinite prefix cache (NaN if not prefix-tagged)
 * @param uniqueBlocks distinct prefix-block ids seen
 * @param failedRequests requests the trace marked as failed
 */
public record TrafficSummary(
        long requests,
        double spanSeconds,
        double meanRatePerSecond,
        double interArrivalCv,
        double dispersion1s,
        double dispersion10s,
        double dispersion60s,
        double peakRate1s,
        double peakRate10s,
        double peakRate60s,
        Lengths input,
        Lengths output,
        boolean prefixTagged,
        double prefixHitRatio,
        long uniqueBlocks,
        long failedRequests) {

    /** Length statistics, in tokens. */
    public record Lengths(double mean, double p50, double p90, double p99, long min, long max, long total) {
    }
}
