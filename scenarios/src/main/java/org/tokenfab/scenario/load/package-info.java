/**
 * From YAML to {@link org.tokenfab.scenario.Scenario} records: safe parsing
 * ({@link org.tokenfab.hardware.SafeYaml}, shared with the catalog's reader of users' entries: plain
 * values only, no tags or aliases, bounded size, depth and collections, duplicate keys and syntax
 * errors reported at their line and column), {@code --set}
 * overrides by YAML path, units ({@code 40/s}, {@code 30m}), field-by-field validation with the
 * file and YAML path in every message, unknown keys with "did you mean", and the bundled library.
 */
package org.tokenfab.scenario.load;
