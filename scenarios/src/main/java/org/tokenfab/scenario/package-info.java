/**
 * The user's language: a scenario as immutable records, one per YAML mapping. Records are built
 * only by {@link org.tokenfab.scenario.load.ScenarioLoader}, which validates every field and names
 * its YAML path in errors; after loading, configuration never changes.
 *
 * <p>Sub-packages: {@code load} (YAML to records, overrides, the bundled library) and {@code run}
 * (records to a running simulation, and its results).
 */
package org.tokenfab.scenario;
