/**
 * The {@code serving} validation suite: bundled cases (a scenario, the measured values, their
 * source) run end to end and compared with measured vLLM traces and static-batch tables; the
 * importer that derives the cases from the shared reference data.
 */
package org.tokenfab.validation.serving;
