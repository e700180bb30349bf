/**
 * Where requests come from: when they arrive ({@link org.tokenfab.workload.ArrivalProcess}) and
 * how long their prompts and outputs are ({@link org.tokenfab.workload.TokenLengthDistribution}).
 * Lengths come alone (fixed, uniform, lognormal, Zipf, empirical quantile tables) or jointly ({@link org.tokenfab.workload.RequestLengths}: correlated, reasoning split).
 * Trace replay is in {@code org.tokenfab.workload.trace}, traffic statistics in {@code org.tokenfab.workload.stats}.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Every sampler takes its <em>own</em> {@code UniformRandomProvider} in its constructor;
 *       the engine gives each component a separate stream, so adding a component never changes
 *       another's draws and A/B runs share random numbers. Nothing here creates or seeds a
 *       random generator.
 *   <li>Samplers are built once (Commons RNG Ziggurat samplers) and draw without allocating:
 *       they run once per request on the simulator's hot path.
 *   <li>Time is a {@code long} of simulated nanoseconds; rates and seconds exist only at the
 *       constructor boundary.
 *   <li>Distributions say exactly what they sample: truncation is by rejection, never by
 *       clamping, and each class documents its rounding.
 *   <li>Constructors reject impossible parameters with {@code IllegalArgumentException}; the
 *       scenario layer validates user input first and reports the YAML path.
 *   <li>Instances are not thread-safe (they own a random stream); a simulation is
 *       single-threaded, and parallel runs build their own.
 * </ul>
 */
package org.tokenfab.workload;
