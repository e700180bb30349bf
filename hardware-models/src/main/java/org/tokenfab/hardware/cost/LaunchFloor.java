package org.tokenfab.hardware.cost;

/**
 * The host time an engine without CUDA graphs needs to issue one step's kernels, which bounds the
 * step below (the GPU cannot finish before the host has launched its last kernel). Per layer,
 * because launches grow with layers:
 * <pre>
 *   floor = layers x (perLayer + perLayerPerSequence x sequences + (step prefills ? prefillPerLayer : 0))
 * </pre>
 * <ul>
 *   <li>{@code perLayer}: the launches every step makes, about a kernel launch (a few us) per kernel;
 *   <li>{@code perLayerPerSequence}: launches made once per sequence of the batch, as a Python loop
 *       over sequences does (a per-sequence attention call or cache write): the reason a launch-bound
 *       engine's decode step still grows with the batch when the GPU work barely does;
 *   <li>{@code prefillPerLayer}: what a step that prefills issues beyond a decode step (masks,
 *       position and cache-slot tensors built on the host).
 * </ul>
 * All are properties of the host CPU of the system an engine was measured in, so an engine profile
 * holds one floor per accelerator it was measured with.
 *
 * @param perLayerNanos            ns per layer, every step
 * @param perLayerPerSequenceNanos ns per layer per sequence in the step
 * @param prefillPerLayerNanos     ns per layer more when the step prefills
 */
public record LaunchFloor(double perLayerNanos, double perLayerPerSequenceNanos, double prefillPerLayerNanos) {
    /** No floor: an engine whose launches are not on the critical path. */
    public static final LaunchFloor NONE = new LaunchFloor(0, 0, 0);

    public LaunchFloor {
        Params.nonNegative("launch floor per layer", perLayerNanos);
        Params.nonNegative("launch floor per layer per sequence", perLayerPerSequenceNanos);
        Params.nonNegative("prefill launch floor per layer", prefillPerLayerNanos);
    }

    /** A floor that is the same for every step. */
    public static LaunchFloor perLayer(double nanos) {
        return new LaunchFloor(nanos, 0, 0);
    }

    /** The floor of a step of {@code layers} layers over {@code sequences} sequences, ns. */
    public double nanos(int layers, double sequences, boolean prefills) {
        return layers * (perLayerNanos + perLayerPerSequenceNanos * sequences + (prefills ? prefillPerLayerNanos : 0));
    }
}
