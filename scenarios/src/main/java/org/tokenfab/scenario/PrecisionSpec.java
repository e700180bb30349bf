package org.tokenfab.scenario;

import org.tokenfab.hardware.Precision;

/** Number formats of the weights and of the KV cache. */
public record PrecisionSpec(Precision weights, Precision kvCache) {
}
