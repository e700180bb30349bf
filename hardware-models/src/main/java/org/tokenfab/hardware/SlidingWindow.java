package org.tokenfab.hardware;

/**
 * Sliding-window attention on some layers: such a layer attends to (and caches) only the last
 * {@code window} tokens, so its KV cache per sequence stops growing at {@code window} tokens.
 *
 * <p>Which layers are windowed is not recorded: the catalog models interleave them regularly
 * (gpt-oss alternates windowed and full layers), and only pipeline stages need the placement;
 * {@link ModelSpec#isWindowedLayer(int)} spreads them evenly over the depth.
 *
 * @param window tokens a windowed layer attends to ({@code sliding_window})
 * @param layers how many layers are windowed; fewer than all layers
 */
public record SlidingWindow(int window, int layers) {

    public static final String FIELD_WINDOW = "sliding_window.window";
    public static final String FIELD_LAYERS = "sliding_window.layers";

    public SlidingWindow {
        if (window < 1) {
            throw new IllegalArgumentException("'" + FIELD_WINDOW + "' must be positive, got " + window);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("'" + FIELD_LAYERS + "' must be positive, got " + layers
                    + " (leave sliding_window out for a model without windowed layers)");
        }
    }
}
