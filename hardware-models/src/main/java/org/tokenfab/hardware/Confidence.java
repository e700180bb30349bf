package org.tokenfab.hardware;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.tokenfab.sim.TokenFabException;

/**
 * How far a catalog number can be trusted. Results inherit the weakest confidence of the numbers
 * behind them, so a pre-release part never looks as certain as a shipping one.
 */
public enum Confidence {
    /** Vendor datasheet, official documentation or official results. */
    HIGH("high"),
    /** Consistent secondary sources. */
    MEDIUM("medium"),
    /** Pre-release, rumoured, analyst estimates, disagreeing sources, or our own assumption. */
    LOW_PRELIMINARY("low-preliminary");

    private final String yamlName;

    Confidence(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** Parses {@code high}, {@code medium} or {@code low-preliminary}. */
    public static Confidence parse(String name) {
        for (Confidence c : values()) {
            if (c.yamlName.equals(name)) {
                return c;
            }
        }
        throw new TokenFabException("unknown confidence '" + name + "'; allowed: " + allowedNames());
    }

    public static String allowedNames() {
        return Arrays.stream(values()).map(Confidence::yamlName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
