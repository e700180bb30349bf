package org.tokenfab.hardware;

import java.util.regex.Pattern;

/**
 * The form of catalog ids: what users type in scenarios and on the command line, so lowercase
 * letters and digits in groups joined by single hyphens or dots ({@code h100-sxm},
 * {@code tpu7x-ironwood}, {@code llama-3.1-70b}). No spaces, capitals or underscores: one spelling
 * per entry, so "H100_SXM" never silently names a different entry than "h100-sxm".
 */
public final class CatalogIds {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:[-.][a-z0-9]+)*");

    /** What {@link #requireValid} accepts, for messages. */
    public static final String RULE = "lowercase letters and digits joined by single '-' or '.', e.g. h100-sxm";

    private CatalogIds() {
    }

    /** Whether {@code id} is a well-formed catalog id. */
    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Returns {@code id} if well formed.
     *
     * @throws IllegalArgumentException naming the field {@code id}, the value and the rule
     */
    public static String requireValid(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("'id' '" + id + "' is not a valid catalog id; use " + RULE);
        }
        return id;
    }
}
