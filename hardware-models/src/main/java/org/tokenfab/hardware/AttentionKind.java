package org.tokenfab.hardware;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.tokenfab.sim.TokenFabException;

/**
 * How query heads share key/value heads (or, for MLA, a compressed latent). It decides the KV-cache
 * size per token, not the attention FLOPs (every query head still scores every key).
 */
public enum AttentionKind {
    /** Multi-head attention: one KV head per query head. */
    MHA("mha"),
    /** Grouped-query attention: groups of query heads share a KV head (1 &lt; KV heads &lt; heads). */
    GQA("gqa"),
    /** Multi-query attention: all query heads share one KV head. */
    MQA("mqa"),
    /**
     * Multi-head latent attention (DeepSeek-V2/V3): keys and values are cached as one compressed
     * latent per token and layer, shared by all heads; the shapes are in {@link MlaSpec}.
     */
    MLA("mla");

    private final String yamlName;

    AttentionKind(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static AttentionKind parse(String name) {
        for (AttentionKind k : values()) {
            if (k.yamlName.equals(name)) {
                return k;
            }
        }
        throw new TokenFabException("unknown attention kind '" + name + "'; allowed: "
                + Arrays.stream(values()).map(AttentionKind::yamlName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
