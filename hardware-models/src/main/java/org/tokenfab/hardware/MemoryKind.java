package org.tokenfab.hardware;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.tokenfab.sim.TokenFabException;

/**
 * The technology of the memory an accelerator keeps weights and KV cache in. It decides nothing in
 * the cost model by itself (capacity and bandwidth do); it tells a reader what kind of part this
 * is and marks SRAM-only chips, whose "memory" is their on-chip SRAM.
 */
public enum MemoryKind {
    /** HBM of an unstated generation (the source says only "HBM"). */
    HBM("hbm"),
    HBM2("hbm2"),
    HBM2E("hbm2e"),
    HBM3("hbm3"),
    HBM3E("hbm3e"),
    HBM4("hbm4"),
    HBM4E("hbm4e"),
    /** GDDR6X (GeForce RTX 30/40 series). */
    GDDR6X("gddr6x"),
    GDDR7("gddr7"),
    LPDDR5X("lpddr5x"),
    /** No off-chip memory: weights and KV live in on-chip SRAM (Groq, Cerebras). */
    SRAM("sram");

    private final String yamlName;

    MemoryKind(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The lowercase name used in YAML, e.g. {@code hbm3e}. */
    public String yamlName() {
        return yamlName;
    }

    /**
     * Parses a YAML name ({@code hbm3e}, {@code sram}, ...).
     *
     * @throws TokenFabException naming the allowed names
     */
    public static MemoryKind parse(String name) {
        for (MemoryKind k : values()) {
            if (k.yamlName.equals(name)) {
                return k;
            }
        }
        throw new TokenFabException("unknown memory kind '" + name + "'; allowed: " + allowedNames());
    }

    /** The YAML names, comma separated, for messages. */
    public static String allowedNames() {
        return Arrays.stream(values()).map(MemoryKind::yamlName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
