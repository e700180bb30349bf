package org.tokenfab.serving;

import java.util.Arrays;
import java.util.List;

/** How a replica forms the batch of each iteration; see {@link BatchPolicy} and its implementations. */
public enum BatchingMode {
    /** A fixed batch runs to completion; finished sequences stay in it as padding (FasterTransformer). */
    STATIC("static"),
    /** Static batches that start when full or when the oldest request has waited a timeout (Triton). */
    DYNAMIC("dynamic"),
    /** Iteration-level batching; prefills and decodes in separate iterations, prefills first (Orca, vLLM v0). */
    CONTINUOUS("continuous"),
    /** One token budget per iteration, decodes first, then prefill chunks (vLLM V1, Sarathi-Serve). */
    CHUNKED_PREFILL("chunked-prefill");

    private final String yamlName;

    BatchingMode(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** YAML names of all modes. */
    public static List<String> names() {
        return Arrays.stream(values()).map(BatchingMode::yamlName).toList();
    }

    /** The mode named {@code name}. */
    public static BatchingMode parse(String name) {
        for (BatchingMode m : values()) {
            if (m.yamlName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown batching policy '" + name + "'; allowed: " + names());
    }

    BatchPolicy policy() {
        return switch (this) {
            case STATIC -> new StaticBatching(false);
            case DYNAMIC -> new StaticBatching(true);
            case CONTINUOUS -> new ContinuousBatching();
            case CHUNKED_PREFILL -> new ChunkedPrefill();
        };
    }
}
