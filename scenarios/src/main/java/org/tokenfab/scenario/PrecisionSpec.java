package org.tokenfab.scenario;

import org.tokenfab.hardware.Precision;

/**
 * Number formats of the weights, of the KV cache, and of the matrix multiplications.
 *
 * @param weights how the transformer blocks' weights are stored (memory, bytes streamed per step; a quantized checkpoint keeps embedding and LM head in 16 bits)
 * @param kvCache how the KV cache is stored
 * @param compute the format the matrix multiplications run in: the weights' own unless the
 *     kernels widen them on the fly (W4A16, MXFP4 x MXFP8); never narrower than {@code weights}
 */
public record PrecisionSpec(Precision weights, Precision kvCache, Precision compute) {

    /** Computing in the weights' own format. */
    public PrecisionSpec(Precision weights, Precision kvCache) {
        this(weights, kvCache, weights);
    }
}
